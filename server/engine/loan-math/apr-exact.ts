import { Decimal } from '../money.ts';

/**
 * Each period's length in years as an exact fraction a_k = numerators[k] ÷ denominator (the
 * accrual of period k in the schedule's day count, see `aprTiming`). The APR discounts the payment
 * at the end of period k by Π_{j ≤ k} 1 ÷ (1 + y·a_j): simple interest at the annual rate y within
 * each period, compounded at each due date — exactly how the balance of a loan accrues.
 */
export interface PeriodYears {
  numerators: readonly number[];
  denominator: number;
}

/**
 * The simple APR (annual rate y, a fraction) as a percent with 4 decimals, rounded HALF_UP (halves
 * away from zero) EXACTLY: `estimate` is a high-precision root of the NPV (good to far better than
 * 1e-15); when it lies within 1e-9 of a rounding boundary b (units of 0.0001 %), the side of the
 * root is decided by the sign of the NPV at b computed in exact rational (BigInt) arithmetic, and an
 * NPV of exactly zero is a true tie, rounded away from zero. So 6.00015 % is 6.0002, never 6.0001,
 * and a root of exactly 0 is "0.0000", never "-0.0000".
 *
 * The NPV Σ CF_k Π_{j≤k} (1 + y·a_j)^−1 increases with y (every flow after t0 is ≤ 0), so its
 * sign at b says on which side of b the root lies.
 */
export function exactSimplePercent(cashFlows: readonly Decimal[], years: PeriodYears | undefined, estimate: Decimal): string {
  const units = estimate.mul(1e6); // the APR in units of 0.0001 %
  const boundary = units.floor().plus('0.5'); // the nearest rounding boundary (m + ½)
  let result: Decimal;
  if (units.minus(boundary).abs().gt('1e-9')) result = units.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  else {
    const sign = years && npvSignAt(cashFlows, years, boundary);
    if (sign === undefined) result = units.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    else if (sign > 0)
      result = boundary.minus('0.5'); // the root is below b
    else if (sign < 0)
      result = boundary.plus('0.5'); // above b
    else result = boundary.isNegative() ? boundary.minus('0.5') : boundary.plus('0.5'); // exactly b: away from zero
  }
  return fourDecimalPercent(result);
}

/** Integer units of 0.0001 % as "6.0002"; zero is always "0.0000" (no negative zero). */
export function fourDecimalPercent(units: Decimal): string {
  if (units.isZero()) return '0.0000';
  return units.div(1e4).toFixed(4);
}

/**
 * The sign of the NPV at y = boundary ÷ 10^6 (boundary = m + ½), in exact rationals: flows are
 * scaled to integers, each factor 1 + y·a_k = N_k ÷ (2·10^6·D), and the backward recursion
 * S_{k−1} = CF_{k−1} + S_k ÷ factor_k is kept as p ÷ q with q > 0. Undefined when a factor is not
 * positive (an APR below −100 % of a period, where the NPV has no meaning) or flows are not finite.
 */
export function npvSignAt(cashFlows: readonly Decimal[], years: PeriodYears, boundary: Decimal): -1 | 0 | 1 | undefined {
  if (!cashFlows.every((flow) => flow.isFinite())) return undefined;
  const places = Math.max(0, ...cashFlows.map((flow) => flow.decimalPlaces()));
  const scale = new Decimal(10).pow(places);
  const flows = cashFlows.map((flow) => BigInt(flow.mul(scale).toFixed(0)));
  // y = (2·boundary) ÷ (2·10^6): 2·boundary is an odd integer
  const twice = boundary.mul(2);
  if (!twice.isInteger()) return undefined;
  const yNumerator = BigInt(twice.toFixed(0));
  const yDenominator = 2_000_000n;
  const denominator = BigInt(years.denominator);
  const base = yDenominator * denominator; // factor_k = (base + yNumerator × n_k) ÷ base
  let p = flows[flows.length - 1];
  let q = 1n;
  for (let k = flows.length - 1; k >= 1; k--) {
    const factor = base + yNumerator * BigInt(years.numerators[k - 1]);
    if (factor <= 0n) return undefined;
    p = flows[k - 1] * q * factor + p * base;
    q *= factor;
  }
  return p > 0n ? 1 : p < 0n ? -1 : 0;
}

/**
 * A regular schedule's period length 1 ÷ P in years as an exact fraction, when P is a short
 * decimal (12, 4, 2, 0.5); undefined otherwise (schedules pass their exact accruals instead).
 */
export function regularYears(perYear: Decimal, count: number): PeriodYears | undefined {
  const [numerator, denominator] = perYear.toFraction().map((part) => Number(part.toFixed(0)));
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator <= 0 || numerator > 1e9 || denominator > 1e9) return undefined;
  // a = 1 ÷ P = denominator ÷ numerator
  return { numerators: Array.from({ length: count }, () => denominator), denominator: numerator };
}
