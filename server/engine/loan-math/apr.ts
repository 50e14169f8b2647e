import { Decimal, type DecimalValue } from '../money.ts';
import { exactSimplePercent, fourDecimalPercent, regularYears, type PeriodYears } from './apr-exact.ts';

/** Options of {@link irr}. */
export interface IrrOptions {
  guess?: DecimalValue; // a starting periodic rate; the nominal periodic rate is a good one
  tolerance?: DecimalValue; // stop after a Newton step on the discount factor smaller than this (default 1e-12;
  // convergence is quadratic, so the result is then good to about the square of it)
}

/** Options of {@link annualisedRate}. */
export interface AprOptions extends IrrOptions {
  /**
   * Each period's exact length in years. With `regular` unset or false the flows are discounted
   * period by period at simple interest within each period (Π 1 ÷ (1 + y·a_j), see `PeriodYears`);
   * with `regular: true` (every a_j = 1 ÷ P) that is (1 + r)^−k and the IRR is the periodic one.
   * Omitted: regular periods of 1 ÷ P.
   */
  years?: PeriodYears;
  regular?: boolean;
}

/** The annualised rate (APR) as the PBOC 2021 No. 3 announcement asks it to be shown. */
export interface AnnualisedRate {
  simple: string; // annual simple rate y (regular schedules: periodic IRR × periods a year), percent with 4 decimals (年化利率（单利）)
  compound: string; // (1 + y ÷ P)^P − 1, percent with 4 decimals (复利)
}

const MAX_NEWTON_STEPS = 60;
const MAX_BISECTIONS = 400;

/**
 * The periodic internal rate of return of cash flows one period apart, i.e. the r with
 * Σ flow_k (1 + r)^(−k) = 0. Exact decimal arithmetic: Newton's method on the discount factor
 * v = 1 ÷ (1 + r), the NPV a polynomial in v evaluated with Horner's rule, with bisection as a
 * fallback. (Periods of unequal length: `annualIrrOfPeriods`.) Deterministic;
 * accurate far beyond 12 significant digits. The search is seeded by the same Newton iteration in
 * binary floating point (a seed only: it saves two or three costly exact iterations on a
 * 360-period loan; the returned rate is the decimal iteration's). Throws when the flows have no
 * sign change (no IRR exists).
 */
export function irr(cashFlows: readonly Decimal[], options: IrrOptions = {}): Decimal {
  if (cashFlows.length < 2) throw new Error('irr needs at least two cash flows');
  const hasPositive = cashFlows.some((flow) => flow.gt(0));
  const hasNegative = cashFlows.some((flow) => flow.lt(0));
  if (!hasPositive || !hasNegative) throw new Error('irr needs cash flows of both signs');
  const npv: Npv = (v) => horner(cashFlows, v);
  const tolerance = new Decimal(options.tolerance ?? '1e-12');
  const guess = new Decimal(options.guess ?? '0.01');
  const seed = floatSeed(cashFlows, 1 / (1 + guess.toNumber()));
  let v = seed === undefined ? Decimal.div(1, guess.plus(1)) : new Decimal(seed);
  for (let step = 0; step < MAX_NEWTON_STEPS; step += 1) {
    const { value, slope } = npv(v);
    if (slope.isZero()) break;
    const next = v.minus(value.div(slope));
    if (!next.isFinite() || next.lte(0)) break;
    if (next.minus(v).abs().lt(tolerance)) return Decimal.div(1, next).minus(1);
    v = next;
  }
  return bisect(npv, tolerance);
}

type Npv = (v: Decimal) => { value: Decimal; slope: Decimal };

/** NPV as a polynomial in v (Σ flow_k v^k) and its derivative, by Horner's rule. */
function horner(cashFlows: readonly Decimal[], v: Decimal): { value: Decimal; slope: Decimal } {
  let value = new Decimal(0);
  let slope = new Decimal(0);
  for (let k = cashFlows.length - 1; k >= 0; k -= 1) {
    slope = slope.mul(v).plus(value);
    value = value.mul(v).plus(cashFlows[k]);
  }
  return { value, slope };
}

/** Newton's method on the discount factor in doubles; undefined when it does not settle. */
function floatSeed(cashFlows: readonly Decimal[], start: number): number | undefined {
  const flows = cashFlows.map((flow) => flow.toNumber());
  let v = start;
  for (let step = 0; step < 50; step += 1) {
    let value = 0;
    let slope = 0;
    for (let k = flows.length - 1; k >= 0; k -= 1) {
      slope = slope * v + value;
      value = value * v + flows[k];
    }
    const next = v - value / slope;
    if (!Number.isFinite(next) || next <= 0) return undefined;
    if (Math.abs(next - v) < 1e-15) return next;
    v = next;
  }
  return undefined;
}

/** Bisection on v in (0, 100], i.e. r from 99 (9900 %) per period down to −99 %. */
function bisect(npv: Npv, tolerance: Decimal): Decimal {
  let low = new Decimal('0.01');
  let high = new Decimal(100);
  const lowSign = npv(low).value.isNegative();
  if (lowSign === npv(high).value.isNegative()) throw new Error('irr: no rate between −99 % and 9900 % per period');
  for (let step = 0; step < MAX_BISECTIONS && high.minus(low).gte(tolerance); step += 1) {
    const middle = low.plus(high).div(2);
    if (npv(middle).value.isNegative() === lowSign) low = middle;
    else high = middle;
  }
  return Decimal.div(2, low.plus(high)).minus(1);
}

/** Simple and compound annualisation of a periodic rate, as fractions (0.06 = 6 %). */
export function annualise(periodicRate: Decimal, periodsPerYear: DecimalValue): { simple: Decimal; compound: Decimal } {
  return {
    simple: periodicRate.mul(periodsPerYear),
    compound: periodicRate.plus(1).pow(periodsPerYear).minus(1),
  };
}

/**
 * The APR of a loan from the borrower's cash flows: flow 0 = net amount received (positive),
 * flows 1..n = what the borrower pays at the end of each period (≤ 0), fees included.
 * `periodsPerYear` is P, the compounding of the compound figure (and the unit of the periodic IRR
 * of a regular schedule). Periods of unequal length (`options.years`, not `regular`) are solved for
 * the annual simple rate y directly (`annualIrrOfPeriods`). The simple figure is rounded exactly
 * (`exactSimplePercent`: an APR on a 4-decimal tie is decided in rational arithmetic); the compound
 * one is rounded from the 40-digit rate (with P an integer ≠ 1, 7 it cannot lie exactly on a
 * 4-decimal tie: (1 + tie)'s reduced denominator holds 2^7).
 */
export function annualisedRate(cashFlows: readonly Decimal[], periodsPerYear: DecimalValue, options: AprOptions = {}): AnnualisedRate {
  const perYear = new Decimal(periodsPerYear);
  const years = options.years ?? regularYears(perYear, cashFlows.length - 1);
  let simple: Decimal;
  let compound: Decimal;
  if (options.years === undefined || options.regular) {
    ({ simple, compound } = annualise(irr(cashFlows, options), perYear));
  } else {
    simple = annualIrrOfPeriods(cashFlows, options.years, options.guess === undefined ? undefined : new Decimal(options.guess).mul(perYear));
    compound = simple.div(perYear).plus(1).pow(perYear).minus(1);
  }
  const compoundUnits = compound.mul(1e6).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return { simple: exactSimplePercent(cashFlows, years, simple), compound: fourDecimalPercent(compoundUnits) };
}

/**
 * The annual simple rate y with Σ CF_k Π_{j≤k} (1 + y·a_j)^−1 = 0, a_j = period j's length in years:
 * simple interest at y within each period, compounded at each due date. A loan without fees whose
 * interest accrues at its contract rate (interest = balance × rate × a_j) has exactly y = that rate,
 * whatever the lengths of its periods (up to the cent rounding of each row's interest). Newton's
 * method on y in 40-digit decimals with the backward recursion S_{k−1} = CF_{k−1} + S_k ÷ (1 + y·a_k)
 * and its derivative, seeded in doubles; bisection as a fallback.
 */
export function annualIrrOfPeriods(cashFlows: readonly Decimal[], years: PeriodYears, guess?: Decimal): Decimal {
  if (cashFlows.length < 2 || years.numerators.length !== cashFlows.length - 1) throw new Error('annualIrrOfPeriods needs one period length per payment');
  if (!cashFlows.some((flow) => flow.gt(0)) || !cashFlows.some((flow) => flow.lt(0))) throw new Error('irr needs cash flows of both signs');
  const lengths = years.numerators.map((numerator) => new Decimal(numerator).div(years.denominator));
  const npv = (y: Decimal) => {
    let value = cashFlows[cashFlows.length - 1];
    let slope = new Decimal(0);
    for (let k = cashFlows.length - 1; k >= 1; k--) {
      const factor = y.mul(lengths[k - 1]).plus(1);
      // d/dy (S ÷ F) = S' ÷ F − S·a ÷ F²
      slope = slope.div(factor).minus(value.mul(lengths[k - 1]).div(factor.mul(factor)));
      value = cashFlows[k - 1].plus(value.div(factor));
    }
    return { value, slope };
  };
  const maxLength = lengths.reduce((max, length) => (length.gt(max) ? length : max), new Decimal(0));
  const lowest = new Decimal(-1).div(maxLength).mul('0.999999'); // every factor stays positive
  const seed = floatAnnualSeed(cashFlows.map((flow) => flow.toNumber()), lengths.map((length) => length.toNumber()), guess?.toNumber() ?? 0.05);
  let y = new Decimal(seed ?? guess ?? '0.05');
  for (let step = 0; step < MAX_NEWTON_STEPS; step += 1) {
    if (y.lte(lowest)) break;
    const { value, slope } = npv(y);
    if (slope.isZero()) break;
    const next = y.minus(value.div(slope));
    if (!next.isFinite()) break;
    if (next.minus(y).abs().lt('1e-22')) return next; // quadratic: the rate is then good to ~35 digits
    y = next;
  }
  let low = lowest;
  let high = new Decimal(100);
  if (npv(low).value.gte(0) || npv(high).value.lte(0)) throw new Error('irr: no annual rate between −100 % and 10000 %');
  for (let step = 0; step < MAX_BISECTIONS && high.minus(low).gte('1e-24'); step += 1) {
    const middle = low.plus(high).div(2);
    if (npv(middle).value.lt(0)) low = middle;
    else high = middle;
  }
  return low.plus(high).div(2);
}

/** Newton's method on y in doubles (a seed only); undefined when it does not settle. */
export function floatAnnualSeed(flows: readonly number[], lengths: readonly number[], start: number): number | undefined {
  let y = start;
  for (let step = 0; step < 60; step += 1) {
    let value = flows[flows.length - 1];
    let slope = 0;
    for (let k = flows.length - 1; k >= 1; k -= 1) {
      const factor = 1 + y * lengths[k - 1];
      if (!(factor > 0)) return undefined;
      slope = slope / factor - (value * lengths[k - 1]) / (factor * factor);
      value = flows[k - 1] + value / factor;
    }
    const next = y - value / slope;
    if (!Number.isFinite(next)) return undefined;
    // rounding noise in the NPV moves y by ~1e-15 near the root; the verified bracket is 1e-12 wide
    if (Math.abs(next - y) <= 1e-14 * Math.max(1, Math.abs(next))) return next;
    y = next;
  }
  return undefined;
}
