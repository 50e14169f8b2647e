import { Decimal, percentString, type DecimalValue } from '../money.ts';

/** Options of {@link irr}. */
export interface IrrOptions {
  guess?: DecimalValue; // a starting periodic rate; the nominal periodic rate is a good one
  tolerance?: DecimalValue; // stop after a Newton step on the discount factor smaller than this (default 1e-12;
  // convergence is quadratic, so the result is then good to about the square of it)
}

/** The annualised rate (APR) as the PBOC 2021 No. 3 announcement asks it to be shown. */
export interface AnnualisedRate {
  simple: string; // periodic IRR × periods a year, percent with 4 decimals (年化利率（单利）)
  compound: string; // (1 + periodic IRR)^(periods a year) − 1, percent with 4 decimals (复利)
}

const MAX_NEWTON_STEPS = 60;
const MAX_BISECTIONS = 400;

/**
 * The periodic internal rate of return of equally spaced cash flows (index = period), i.e. the r
 * with Σ flow_k ÷ (1 + r)^k = 0, in exact decimal arithmetic: Newton's method on the discount
 * factor v = 1 ÷ (1 + r) (the NPV is then a polynomial evaluated with Horner's rule), with
 * bisection as a fallback. Deterministic; accurate far beyond 12 significant digits. The search is
 * seeded by the same Newton iteration in binary floating point (a seed only: it saves two or three
 * costly exact iterations on a 360-period loan; the returned rate is the decimal iteration's).
 * Throws when the flows have no sign change (no IRR exists).
 */
export function irr(cashFlows: readonly Decimal[], options: IrrOptions = {}): Decimal {
  if (cashFlows.length < 2) throw new Error('irr needs at least two cash flows');
  const hasPositive = cashFlows.some((flow) => flow.gt(0));
  const hasNegative = cashFlows.some((flow) => flow.lt(0));
  if (!hasPositive || !hasNegative) throw new Error('irr needs cash flows of both signs');
  const tolerance = new Decimal(options.tolerance ?? '1e-12');
  const guess = new Decimal(options.guess ?? '0.01');
  const seed = floatSeed(cashFlows, 1 / (1 + guess.toNumber()));
  let v = seed === undefined ? Decimal.div(1, guess.plus(1)) : new Decimal(seed);
  for (let step = 0; step < MAX_NEWTON_STEPS; step += 1) {
    const { value, slope } = horner(cashFlows, v);
    if (slope.isZero()) break;
    const next = v.minus(value.div(slope));
    if (!next.isFinite() || next.lte(0)) break;
    if (next.minus(v).abs().lt(tolerance)) return Decimal.div(1, next).minus(1);
    v = next;
  }
  return bisect(cashFlows, tolerance);
}

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
function bisect(cashFlows: readonly Decimal[], tolerance: Decimal): Decimal {
  let low = new Decimal('0.01');
  let high = new Decimal(100);
  const lowSign = horner(cashFlows, low).value.isNegative();
  if (lowSign === horner(cashFlows, high).value.isNegative()) throw new Error('irr: no rate between −99 % and 9900 % per period');
  for (let step = 0; step < MAX_BISECTIONS && high.minus(low).gte(tolerance); step += 1) {
    const middle = low.plus(high).div(2);
    if (horner(cashFlows, middle).value.isNegative() === lowSign) low = middle;
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
 * flows 1..n = what the borrower pays each period (negative), fees included.
 */
export function annualisedRate(cashFlows: readonly Decimal[], periodsPerYear: DecimalValue, options: IrrOptions = {}): AnnualisedRate {
  const { simple, compound } = annualise(irr(cashFlows, options), periodsPerYear);
  return { simple: percentString(simple.mul(100)), compound: percentString(compound.mul(100)) };
}
