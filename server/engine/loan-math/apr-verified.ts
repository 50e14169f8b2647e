import type { AnnualisedRate } from './apr.ts';

/**
 * The APR of a loan's cash flows (whole cents) found in doubles and then VERIFIED, so that the two
 * 4-decimal strings are exactly what the exact decimal IRR (`annualisedRate`) gives — or undefined,
 * and the caller runs the exact decimal path instead.
 *
 * How: the flows of a loan are one positive amount at t0 and payments (≤ 0) after it, so the NPV
 * as a polynomial in the discount factor v, P(v) = Σ f_k v^k, is strictly decreasing for v > 0 and
 * has exactly one root v*. Newton's method in doubles gives v̂. Two Horner evaluations at
 * v̂ (1 ∓ 1e-11) with Higham's rigorous bound on their rounding error, |fl(P(v)) − P(v)| ≤
 * γ(2n) Σ |f_k| v^k, prove the signs P(low) > 0 > P(high), so v* lies strictly between: the IRR
 * is bracketed in an interval about 1e-11 wide. Both annualisations are increasing in the rate,
 * so when both ends of the bracket round to the same 4-decimal value, with a margin far larger
 * than the rounding error of those few float operations, that value is the exact answer. The
 * probability that a rounding boundary falls inside the margin is about 1e-4; then (and for any
 * cash flows of another shape) the exact path decides. The flows are integers below 2^53, so they
 * are held exactly; no money amount is ever a binary fraction.
 *
 * With `times` (flow k at T_k unit periods, T_0 = 0 < T_1 < … , see `aprTiming`) the NPV is
 * P(v) = Σ f_k v^T_k, still strictly decreasing for v > 0 with one root; each v^T_k is a
 * `Math.pow`, and the bound becomes (γ(n + 1) + 1.01 ζ) Σ |f_k| v^T_k with ζ = POW_ERROR +
 * 1.01 T_max u |ln v| (the pow's relative error plus that of T_k, correctly rounded from its exact
 * fraction). POW_ERROR = 2^−44 (512 ulps) is an assumption about the platform's `Math.pow`, which
 * ECMAScript leaves implementation-approximated; V8's fdlibm pow is within 1 ulp.
 */
export function verifiedAnnualisedRate(flows: readonly number[], periodsPerYear: number, guess: number, times?: readonly number[]): AnnualisedRate | undefined {
  const count = flows.length;
  if (count < 2 || !(flows[0] > 0) || !Number.isFinite(periodsPerYear) || periodsPerYear <= 0) return undefined;
  if (times !== undefined && !validTimes(times, count)) return undefined;
  let paid = false;
  for (let k = 1; k < count; k++) {
    const flow = flows[k];
    if (flow > 0 || !Number.isSafeInteger(flow)) return undefined;
    if (flow < 0) paid = true;
  }
  if (!paid || !Number.isSafeInteger(flows[0])) return undefined;

  const start = 1 / (1 + (Number.isFinite(guess) && guess > -1 ? guess : 0.01));
  const v = times === undefined ? newton(flows, start) : newtonTimed(flows, times, start);
  if (v === undefined) return undefined;
  const low = v * (1 - 1e-11);
  const high = v * (1 + 1e-11);
  const sign = (at: number) => (times === undefined ? certainSign(flows, at) : certainSignTimed(flows, times, at));
  if (sign(low) !== 1 || sign(high) !== -1) return undefined;
  const rateLow = 1 / high - 1; // v* < high ⇒ r* > rateLow
  const rateHigh = 1 / low - 1;
  const simple = sameRounding(rateLow * periodsPerYear * 100, rateHigh * periodsPerYear * 100);
  const compound = sameRounding((Math.pow(1 + rateLow, periodsPerYear) - 1) * 100, (Math.pow(1 + rateHigh, periodsPerYear) - 1) * 100);
  return simple === undefined || compound === undefined ? undefined : { simple, compound };
}

/** Newton's method on the discount factor in doubles; undefined when it does not settle. */
function newton(flows: readonly number[], start: number): number | undefined {
  let v = start;
  for (let step = 0; step < 60; step++) {
    let value = 0;
    let slope = 0;
    for (let k = flows.length - 1; k >= 0; k--) {
      slope = slope * v + value;
      value = value * v + flows[k];
    }
    const next = v - value / slope;
    if (!Number.isFinite(next) || next <= 0) return undefined;
    if (Math.abs(next - v) <= 1e-15 * next) return next;
    v = next;
  }
  return undefined;
}

/** T_0 = 0 and later times strictly increasing and finite: then P(v) is strictly decreasing. */
function validTimes(times: readonly number[], count: number): boolean {
  if (times.length !== count || times[0] !== 0) return false;
  for (let k = 1; k < count; k++) if (!(times[k] > times[k - 1]) || !Number.isFinite(times[k])) return false;
  return true;
}

/**
 * Newton's method on v for P(v) = Σ f_k v^T_k in doubles; undefined when it does not settle. Only
 * an estimate (the bracket is checked by `certainSignTimed`), so v^T_k = exp(T_k ln v), about five
 * times faster than Math.pow.
 */
function newtonTimed(flows: readonly number[], times: readonly number[], start: number): number | undefined {
  let v = start;
  for (let step = 0; step < 60; step++) {
    let value = 0;
    let slope = 0;
    const log = Math.log(v);
    for (let k = 0; k < flows.length; k++) {
      const term = flows[k] * Math.exp(times[k] * log);
      value += term;
      slope += term * times[k];
    }
    const next = v - (value * v) / slope; // P'(v) = Σ f_k T_k v^T_k ÷ v
    if (!Number.isFinite(next) || next <= 0) return undefined;
    if (Math.abs(next - v) <= 1e-15 * next) return next;
    v = next;
  }
  return undefined;
}

const UNIT_ROUNDOFF = 2 ** -53;
const POW_ERROR = 2 ** -44; // assumed bound on Math.pow's relative error (see verifiedAnnualisedRate)

/** The sign of Σ f_k v^T_k when the rounding error bound of its evaluation proves it; 0 when it cannot. */
function certainSignTimed(flows: readonly number[], times: readonly number[], v: number): -1 | 0 | 1 {
  let value = 0;
  let magnitude = 0; // Σ |f_k| v^T_k, the scale of the rounding error
  for (let k = 0; k < flows.length; k++) {
    const term = flows[k] * Math.pow(v, times[k]);
    value += term;
    magnitude += Math.abs(term);
  }
  const steps = flows.length + 1; // one product and n − 1 additions per term's path, plus slack
  const gamma = (steps * UNIT_ROUNDOFF) / (1 - steps * UNIT_ROUNDOFF);
  const timeError = 1.01 * times[times.length - 1] * UNIT_ROUNDOFF * Math.abs(Math.log(v)); // v^(T(1+θ)) = v^T e^(Tθ ln v)
  const bound = 2 * (gamma + 1.01 * (POW_ERROR + timeError)) * magnitude; // × 2: the magnitude itself is computed in doubles
  return value > bound ? 1 : value < -bound ? -1 : 0;
}

/** The sign of P(v) when the rounding error bound of its Horner evaluation proves it; 0 when it cannot. */
function certainSign(flows: readonly number[], v: number): -1 | 0 | 1 {
  let value = 0;
  let magnitude = 0; // Σ |f_k| v^k, the scale of the rounding error
  for (let k = flows.length - 1; k >= 0; k--) {
    value = value * v + flows[k];
    magnitude = magnitude * v + Math.abs(flows[k]);
  }
  const steps = 2 * flows.length;
  const gamma = (steps * UNIT_ROUNDOFF) / (1 - steps * UNIT_ROUNDOFF);
  const bound = 2 * gamma * magnitude; // × 2: the magnitude itself is computed in doubles
  return value > bound ? 1 : value < -bound ? -1 : 0;
}

/**
 * The percent rounded HALF_UP to 4 decimals, when both ends of the bracket give the same value and
 * neither is within the margin of a rounding boundary; otherwise undefined.
 */
function sameRounding(lowPercent: number, highPercent: number): string | undefined {
  const a = rounded(lowPercent);
  const b = rounded(highPercent);
  return a !== undefined && a === b ? fourDecimals(a) : undefined;
}

function rounded(percent: number): number | undefined {
  const units = percent * 1e4;
  if (!Number.isFinite(units) || Math.abs(units) > 1e12) return undefined;
  const magnitude = Math.abs(units);
  const floor = Math.floor(magnitude);
  if (Math.abs(magnitude - floor - 0.5) <= 1e-6 + 1e-9 * magnitude) return undefined; // too close to a tie to be sure
  const away = magnitude - floor > 0.5 ? floor + 1 : floor; // HALF_UP: halves away from zero
  return units < 0 && away !== 0 ? -away : away;
}

/** Integer ten-thousandths of a percent as "4.9000". */
function fourDecimals(units: number): string {
  const negative = units < 0;
  const abs = Math.abs(units);
  const rest = abs % 10000;
  return `${negative ? '-' : ''}${(abs - rest) / 10000}.${String(rest).padStart(4, '0')}`;
}
