import { Decimal, type DecimalValue } from '../money.ts';

/**
 * Exact scaled-integer arithmetic for the schedule loop (docs/design-changes.md). Money is held as
 * whole cents, rates and percents as an integer over a power of ten. Integers are JS numbers only
 * while they are safe integers (< 2^53), where every addition, subtraction, product and remainder
 * is exact; each product is checked and moves to BigInt when it could leave that range. Nothing
 * here holds a fraction in binary floating point.
 */

/** How a quotient is rounded to an integer: the schedule's modes, and DOWN (truncation). */
export type IntegerRounding = 'HALF_UP' | 'HALF_EVEN' | 'DOWN';

/** A non-negative decimal as `units ÷ 10^places`, `units` a safe integer. */
export interface Scaled {
  units: number;
  scale: number; // 10^places
}

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_PLACES = 12;

// Plain decimal text the common cases are read from directly: no sign, no exponent, 1–15 integer digits.
const PLAIN_MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/; // at most 9,999,999,999,999.99: cents stay safe integers
const PLAIN_DECIMAL = /^(\d{1,15})(?:\.(\d{1,12}))?$/;

/**
 * Whole cents of money text in the plain form "12345", "12345.6", "12345.67" (no sign, no
 * exponent, at most 13 integer digits), read without decimal.js; undefined for any other text.
 */
export function plainMoneyCents(text: string): number | undefined {
  const plain = PLAIN_MONEY.exec(text);
  if (!plain) return undefined;
  const fraction = plain[2] ?? '';
  return Number(plain[1]) * 100 + (fraction.length === 2 ? Number(fraction) : fraction.length === 1 ? Number(fraction) * 10 : 0);
}

/** Whole cents of a money value with at most two decimals; undefined when it has more or is too large. */
export function toCents(value: DecimalValue): number | undefined {
  const plain = typeof value === 'string' ? plainMoneyCents(value) : undefined;
  if (plain !== undefined) return plain;
  const decimal = new Decimal(value);
  if (!decimal.isFinite() || decimal.decimalPlaces() > 2) return undefined;
  const cents = Number(decimal.mul(100).toFixed(0));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** A non-negative decimal (a rate or a percent) as a scaled integer; undefined when it does not fit. */
export function toScaled(value: DecimalValue): Scaled | undefined {
  const plain = typeof value === 'string' ? PLAIN_DECIMAL.exec(value) : null;
  if (plain) {
    const fraction = (plain[2] ?? '').replace(/0+$/, ''); // trailing zeros are not decimal places
    const units = Number(plain[1] + fraction);
    return Number.isSafeInteger(units) ? { units, scale: 10 ** fraction.length } : undefined;
  }
  const decimal = new Decimal(value);
  if (!decimal.isFinite() || decimal.isNegative()) return undefined;
  const places = decimal.decimalPlaces();
  if (places > MAX_PLACES) return undefined;
  const units = Number(decimal.toFixed(places).replace('.', ''));
  return Number.isSafeInteger(units) ? { units, scale: 10 ** places } : undefined;
}

/**
 * round(a × b × c ÷ d) for non-negative safe integers a, b, c and a positive safe integer d, exact:
 * in numbers when every partial product stays a safe integer (a float product of integers that is
 * ≤ 2^53 − 1 is the exact product), else in BigInt.
 */
export function mulDivRound(a: number, b: number, c: number, d: number, mode: IntegerRounding): number {
  const ab = a * b;
  if (ab <= MAX && d <= MAX) {
    const n = ab * c;
    if (n <= MAX - d) return divRound(n, d, mode);
  }
  return bigDivRound(BigInt(a) * BigInt(b) * BigInt(c), BigInt(d), mode);
}

/** round(n ÷ d) for a safe integer n ≥ 0 and d > 0 with n + d safe. */
export function divRound(n: number, d: number, mode: IntegerRounding): number {
  let q = Math.floor(n / d); // a float quotient, corrected below: q × d and r are exact integers
  let r = n - q * d;
  while (r < 0) {
    q -= 1;
    r += d;
  }
  while (r >= d) {
    q += 1;
    r -= d;
  }
  return q + roundUp(q % 2 !== 0, r, d - r, mode);
}

/** round(n ÷ d) in BigInt for n ≥ 0, d > 0; the result must be a safe integer. */
export function bigDivRound(n: bigint, d: bigint, mode: IntegerRounding): number {
  const q = n / d;
  const r = n - q * d;
  const result = Number(q) + roundUp(q % 2n !== 0n, r, d - r, mode);
  if (!Number.isSafeInteger(result)) throw new Error('a money amount left the exact integer range');
  return result;
}

/** 1 when the quotient rounds up, given remainder r and d − r. */
function roundUp<T extends number | bigint>(odd: boolean, r: T, rest: T, mode: IntegerRounding): number {
  if (mode === 'DOWN' || r === (typeof r === 'bigint' ? 0n : 0)) return 0;
  if (r > rest) return 1;
  if (r < rest) return 0;
  return mode === 'HALF_UP' || odd ? 1 : 0; // an exact half
}

// ".00" … ".99": the cents part of a money string, written once (a schedule writes thousands).
const CENTS = Array.from({ length: 100 }, (_, rest) => `.${rest < 10 ? '0' : ''}${rest}`);

/** Cents as the channel API carries money: "1234.56", "-0.05". */
export function centsString(cents: number): string {
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const rest = abs % 100;
  const whole = (abs - rest) / 100;
  const fraction = CENTS[rest] ?? `.${rest < 10 ? '0' : ''}${rest}`; // the table covers every whole number of cents
  return negative ? `-${whole}${fraction}` : `${whole}${fraction}`;
}
