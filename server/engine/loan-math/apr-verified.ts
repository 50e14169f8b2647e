import { floatAnnualSeed } from './apr.ts';
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
 * With `years` (periods of unequal length, a_k = period k's accrual in years, see `aprTiming`) the
 * unknown is the annual simple rate y and the NPV N(y) = Σ f_k Π_{j≤k} (1 + y·a_j)^−1, evaluated by
 * the backward recursion S_{k−1} = f_{k−1} + S_k ÷ (1 + y·a_k); N is strictly increasing in y
 * (payments ≤ 0) with one root. Each term is f_k times k quotients by factors computed with three
 * roundings each (a_k, y·a_k, 1 + y·a_k; with every factor ≥ ½ each is within 3u relative), so
 * |fl(N) − N| ≤ γ(5n + 5) Σ |f_k| Π (1 + y·a_j)^−1 — the same bracket-and-prove, no `Math.pow`.
 */
export function verifiedAnnualisedRate(flows: readonly number[], periodsPerYear: number, guess: number, years?: readonly number[]): AnnualisedRate | undefined {
  const count = flows.length;
  if (count < 2 || !(flows[0] > 0) || !Number.isFinite(periodsPerYear) || periodsPerYear <= 0) return undefined;
  if (years !== undefined && (years.length !== count - 1 || !years.every((length) => length > 0 && Number.isFinite(length)))) return undefined;
  let paid = false;
  for (let k = 1; k < count; k++) {
    const flow = flows[k];
    if (flow > 0 || !Number.isSafeInteger(flow)) return undefined;
    if (flow < 0) paid = true;
  }
  if (!paid || !Number.isSafeInteger(flows[0])) return undefined;

  if (years !== undefined) return verifiedOfPeriods(flows, periodsPerYear, guess * periodsPerYear, years);
  const start = 1 / (1 + (Number.isFinite(guess) && guess > -1 ? guess : 0.01));
  const v = newton(flows, start);
  if (v === undefined) return undefined;
  const low = v * (1 - 1e-11);
  const high = v * (1 + 1e-11);
  if (certainSign(flows, low) !== 1 || certainSign(flows, high) !== -1) return undefined;
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

const UNIT_ROUNDOFF = 2 ** -53;

/** The bracket-and-prove of `verifiedAnnualisedRate` for periods of unequal length: the unknown is y. */
function verifiedOfPeriods(flows: readonly number[], perYear: number, guess: number, years: readonly number[]): AnnualisedRate | undefined {
  const y = floatAnnualSeed(flows, years, Number.isFinite(guess) ? guess : 0.05);
  if (y === undefined) return undefined;
  const width = 1e-12 + 1e-11 * Math.abs(y);
  const low = y - width;
  const high = y + width;
  if (certainSignOfPeriods(flows, years, low) !== -1 || certainSignOfPeriods(flows, years, high) !== 1) return undefined;
  const simple = sameRounding(low * 100, high * 100);
  const compoundOf = (rate: number) => (Math.pow(1 + rate / perYear, perYear) - 1) * 100;
  const compound = sameRounding(compoundOf(low), compoundOf(high));
  return simple === undefined || compound === undefined ? undefined : { simple, compound };
}

/** The sign of N(y) = Σ f_k Π (1 + y·a_j)^−1 when the rounding error bound proves it; 0 when it cannot. */
function certainSignOfPeriods(flows: readonly number[], years: readonly number[], y: number): -1 | 0 | 1 {
  let value = flows[flows.length - 1];
  let magnitude = Math.abs(value); // Σ |f_k| Π (1 + y·a_j)^−1, the scale of the rounding error
  for (let k = flows.length - 1; k >= 1; k--) {
    const factor = 1 + y * years[k - 1];
    if (!(factor >= 0.5)) return 0; // the 3u bound on each factor needs it; far below any real APR
    value = flows[k - 1] + value / factor;
    magnitude = Math.abs(flows[k - 1]) + magnitude / factor;
  }
  const steps = 5 * flows.length + 5;
  const gamma = (steps * UNIT_ROUNDOFF) / (1 - steps * UNIT_ROUNDOFF);
  const bound = 2 * gamma * magnitude; // × 2: the magnitude itself is computed in doubles
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
