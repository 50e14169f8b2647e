import { Decimal, percentString, type DecimalValue } from '../money.ts';

/** Options of {@link irr}. */
export interface IrrOptions {
  guess?: DecimalValue; // a starting periodic rate; the nominal periodic rate is a good one
  tolerance?: DecimalValue; // stop after a Newton step on the discount factor smaller than this (default 1e-12;
  // convergence is quadratic, so the result is then good to about the square of it)
  times?: readonly DecimalValue[]; // when each flow falls, in periods (≥ 0, one per flow); default: its index k
}

/** The annualised rate (APR) as the PBOC 2021 No. 3 announcement asks it to be shown. */
export interface AnnualisedRate {
  simple: string; // periodic IRR × periods a year, percent with 4 decimals (年化利率（单利）)
  compound: string; // (1 + periodic IRR)^(periods a year) − 1, percent with 4 decimals (复利)
}

const MAX_NEWTON_STEPS = 60;
const MAX_BISECTIONS = 400;

/**
 * The periodic internal rate of return of cash flows, i.e. the r with Σ flow_k (1 + r)^(−T_k) = 0,
 * where T_k is `times[k]` (fractional for periods of unequal length, see `aprTiming`) or, by
 * default, the index k. Exact decimal arithmetic: Newton's method on the discount factor
 * v = 1 ÷ (1 + r), with bisection as a fallback. With T_k = k the NPV is a polynomial evaluated
 * with Horner's rule; with other times v^T_k is a running product of v^(T_k − T_(k−1)), one
 * decimal `pow` per distinct step (a handful for ACT months of 28–31 days). Deterministic;
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
  const npv = npvOf(cashFlows, options.times);
  const tolerance = new Decimal(options.tolerance ?? '1e-12');
  const guess = new Decimal(options.guess ?? '0.01');
  const seed = floatSeed(cashFlows, options.times, 1 / (1 + guess.toNumber()));
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

/** The NPV as a function of the discount factor: Horner's rule when T_k = k, else `timedNpv`. */
function npvOf(cashFlows: readonly Decimal[], times: readonly DecimalValue[] | undefined): Npv {
  if (times === undefined) return (v) => horner(cashFlows, v);
  if (times.length !== cashFlows.length) throw new Error('irr needs one time per cash flow');
  const exact = times.map((time) => new Decimal(time));
  if (exact.some((time) => !time.isFinite() || time.isNegative())) throw new Error('irr needs finite times ≥ 0');
  if (exact.every((time, k) => time.eq(k))) return (v) => horner(cashFlows, v);
  const steps = exact.map((time, k) => (k === 0 ? time : time.minus(exact[k - 1])));
  // Steps equal to 30 significant digits share one pow (a difference of two rounded times can
  // differ in the 40th digit); the running product stays good to far more than 25 digits.
  const keys = steps.map((step) => step.toSignificantDigits(30).toString());
  return (v) => timedNpv(cashFlows, exact, steps, keys, v);
}

/** Σ flow_k v^T_k and its derivative Σ flow_k T_k v^(T_k − 1), v^T_k as a running product. */
function timedNpv(cashFlows: readonly Decimal[], times: readonly Decimal[], steps: readonly Decimal[], keys: readonly string[], v: Decimal) {
  const powers = new Map<string, Decimal>();
  let factor = new Decimal(1);
  let value = new Decimal(0);
  let slope = new Decimal(0);
  for (let k = 0; k < cashFlows.length; k += 1) {
    let power = powers.get(keys[k]);
    if (power === undefined) {
      power = steps[k].isZero() ? new Decimal(1) : v.pow(steps[k]);
      powers.set(keys[k], power);
    }
    factor = factor.mul(power);
    const term = cashFlows[k].mul(factor);
    value = value.plus(term);
    slope = slope.plus(term.mul(times[k]));
  }
  return { value, slope: slope.div(v) };
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
function floatSeed(cashFlows: readonly Decimal[], times: readonly DecimalValue[] | undefined, start: number): number | undefined {
  const flows = cashFlows.map((flow) => flow.toNumber());
  const at = times?.map((time) => new Decimal(time).toNumber());
  let v = start;
  for (let step = 0; step < 50; step += 1) {
    let value = 0;
    let slope = 0;
    if (at === undefined) {
      for (let k = flows.length - 1; k >= 0; k -= 1) {
        slope = slope * v + value;
        value = value * v + flows[k];
      }
    } else {
      for (let k = 0; k < flows.length; k += 1) {
        const term = flows[k] * Math.pow(v, at[k]);
        value += term;
        slope += (term * at[k]) / v;
      }
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
 * flows 1..n = what the borrower pays each period (negative), fees included. `periodsPerYear` is
 * the unit P of the periodic rate; `options.times` places the flows in those units (default: flow
 * k at k, i.e. every period 1 ÷ P year long).
 */
export function annualisedRate(cashFlows: readonly Decimal[], periodsPerYear: DecimalValue, options: IrrOptions = {}): AnnualisedRate {
  const { simple, compound } = annualise(irr(cashFlows, options), periodsPerYear);
  return { simple: percentString(simple.mul(100)), compound: percentString(compound.mul(100)) };
}
