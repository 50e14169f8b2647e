import { bigDivRound, divRound, type IntegerRounding, type Scaled } from './cents.ts';

const powers = new Map<string, { a: bigint; b: bigint; grown: bigint; divisor: bigint }>();
const POWERS_KEPT = 256; // distinct (rate, period, term) triples remembered; a product has few

/**
 * The level installment (PMT) in cents, rounded to `unit` cents with `mode`: the exact rational
 * P × r × (1 + r)^n ÷ ((1 + r)^n − 1) in BigInt, with r = annual % × months ÷ 1200 as the fraction
 * a ÷ b in lowest terms. Everything but the principal depends only on the rate, the period and the
 * term, so it is remembered (a pure cache: same inputs, same numbers).
 */
export function annuityInCents(principal: number, annualPercent: Scaled, periodMonths: number, count: number, mode: IntegerRounding, unit: number): number {
  if (annualPercent.units === 0) return divRound(principal, count * unit, mode) * unit;
  const key = `${annualPercent.units}/${annualPercent.scale}/${periodMonths}/${count}`;
  let cached = powers.get(key);
  if (!cached) {
    let a = BigInt(annualPercent.units) * BigInt(periodMonths);
    let b = 1200n * BigInt(annualPercent.scale);
    const common = gcd(a, b);
    a /= common;
    b /= common;
    const grown = (a + b) ** BigInt(count);
    cached = { a, b, grown, divisor: b * (grown - b ** BigInt(count)) };
    if (powers.size >= POWERS_KEPT) powers.delete(powers.keys().next().value!);
    powers.set(key, cached);
  }
  const numerator = BigInt(principal) * cached.a * cached.grown;
  const denominator = unit === 1 ? cached.divisor : cached.divisor * BigInt(unit);
  return bigDivRound(numerator, denominator, mode) * unit;
}

function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
