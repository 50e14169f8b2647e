import { bigDivRound, divRound, type IntegerRounding, type Scaled } from './cents.ts';

const powers = new Map<string, { grown: bigint; base: bigint }>();
const POWERS_KEPT = 256; // distinct (rate, term) pairs remembered; a product has few

/**
 * The level installment (PMT) in cents, rounded to `unit` cents with `mode`: the exact rational
 * P × r × (1 + r)^n ÷ ((1 + r)^n − 1) in BigInt, with r = annual % × months ÷ 1200 as the fraction
 * a ÷ b in lowest terms. (1 + r)^n and the matching power of b depend only on the rate and the
 * term, so they are remembered (a pure cache: same inputs, same numbers).
 */
export function annuityInCents(principal: number, annualPercent: Scaled, periodMonths: number, count: number, mode: IntegerRounding, unit: number): number {
  if (annualPercent.units === 0) return divRound(principal, count * unit, mode) * unit;
  let a = BigInt(annualPercent.units) * BigInt(periodMonths);
  let b = 1200n * BigInt(annualPercent.scale);
  const divisor = gcd(a, b);
  a /= divisor;
  b /= divisor;
  const key = `${a}/${b}/${count}`;
  let cached = powers.get(key);
  if (!cached) {
    cached = { grown: (a + b) ** BigInt(count), base: b ** BigInt(count) };
    if (powers.size >= POWERS_KEPT) powers.delete(powers.keys().next().value!);
    powers.set(key, cached);
  }
  const numerator = BigInt(principal) * a * cached.grown;
  const denominator = b * (cached.grown - cached.base) * BigInt(unit);
  return bigDivRound(numerator, denominator, mode) * unit;
}

function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
