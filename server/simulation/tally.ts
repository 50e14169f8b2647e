import type { Decision } from '../engine/decision.ts';

/**
 * Running counts of a portfolio simulation. Everything in here is an exact integer (money in
 * cents, rates in ten-thousandths of a percent, sums as bigint), so tallies made on different
 * threads merge into the same totals in any order: the report is the same byte for byte however
 * the rows were shared out.
 */
export type Outcome = Decision['outcome'];
export type OutcomeCounts = Record<Outcome, number>;

/** A distribution of scaled integers: count, exact sum, extremes, and fixed-width bins keyed by bin index. */
export interface Distribution {
  count: number;
  sum: bigint;
  min: number | null;
  max: number | null;
  bins: Record<string, number>;
}

/** One version's counts over the rows decided. */
export interface VersionTally {
  outcomes: OutcomeCounts;
  bySegment: Record<string, OutcomeCounts>; // the segment switch's branch taken ('' when the path has none)
  byChannel: Record<string, OutcomeCounts>; // application.channel ('' when the row has none)
  limit: Distribution; // approvals: limit in cents
  rate: Distribution; // approvals: contract annual rate, 1/10,000 %
  apr: Distribution; // approvals: simple APR, 1/10,000 %
  approvedLimit: bigint; // sum of approved limits, cents
  reasonCodes: Map<string, number>; // decisions giving each code (once per decision); a Map: a referral adds hundreds of codes, and thousands of distinct keys put a plain object in dictionary mode
}

/** The whole simulation's counts. `transitions[before][after]` when two versions are compared. */
export interface Tally {
  rows: number; // records read (bad ones included)
  decided: number;
  bad: number;
  changed: number;
  versions: VersionTally[];
  transitions: Record<Outcome, OutcomeCounts>;
}

/** What one decision contributes, in scaled integers. */
export interface Verdict {
  outcome: Outcome;
  limit?: number; // cents
  rate?: number; // 1/10,000 %
  apr?: number; // 1/10,000 %
  reasonCodes: string[];
  segment: string;
}

/** Bin widths shared by both versions, so their distributions line up. */
export interface BinWidths {
  limit: number;
  rate: number;
  apr: number;
}

export const OUTCOMES: Outcome[] = ['approve', 'decline', 'refer'];
export const outcomeCounts = (): OutcomeCounts => ({ approve: 0, decline: 0, refer: 0 });
const distribution = (): Distribution => ({ count: 0, sum: 0n, min: null, max: null, bins: {} });

export function newTally(versions: number): Tally {
  return {
    rows: 0,
    decided: 0,
    bad: 0,
    changed: 0,
    versions: Array.from({ length: versions }, () => ({
      outcomes: outcomeCounts(),
      bySegment: {},
      byChannel: {},
      limit: distribution(),
      rate: distribution(),
      apr: distribution(),
      approvedLimit: 0n,
      reasonCodes: new Map(),
    })),
    transitions: { approve: outcomeCounts(), decline: outcomeCounts(), refer: outcomeCounts() },
  };
}

/** A decimal string with `scale` decimals at most ("50000.00", "5.4000") as an integer scaled by 10^scale. */
export function scaled(text: string, scale: number): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/**
 * Reason-code counts of one version over a chunk of rows. A referral can carry hundreds of reasons,
 * so each decision's codes are made distinct and counted in one pass with one map lookup per
 * code: each code's box remembers the last decision that counted it (no Set per decision, no
 * second lookup to store the count).
 */
export class CodeCounts {
  private readonly boxes = new Map<string, { count: number; decision: number }>();
  private decision = 0;

  /** Counts each distinct code of one decision's reasons once; returns the codes in first-given order. */
  count(reasons: Decision['reasons']): string[] {
    const decision = ++this.decision;
    const codes: string[] = [];
    for (let i = 0; i < reasons.length; i++) {
      const code = reasons[i].code;
      let box = this.boxes.get(code);
      if (box === undefined) this.boxes.set(code, (box = { count: 0, decision: 0 }));
      else if (box.decision === decision) continue;
      box.decision = decision;
      box.count += 1;
      codes.push(code);
    }
    return codes;
  }

  /** Adds these counts into a version's. */
  addTo(into: Map<string, number>): void {
    for (const [code, { count }] of this.boxes) into.set(code, (into.get(code) ?? 0) + count);
  }
}

/** The verdict of a decision: outcome, the approved offer's figures, reason codes (counted into `codes`), and the segment its path took ('' when none). */
export function verdictOf(decision: Decision, segment: string, codes: CodeCounts): Verdict {
  const verdict: Verdict = { outcome: decision.outcome, reasonCodes: codes.count(decision.reasons), segment };
  const offer = decision.offer;
  if (offer && decision.outcome === 'approve') {
    verdict.limit = scaled(offer.limit, 2);
    verdict.rate = scaled(offer.rate.annual, 4);
    verdict.apr = scaled(offer.apr.simple, 4);
  }
  return verdict;
}

function add(into: Distribution, value: number, width: number): void {
  into.count += 1;
  into.sum += BigInt(value);
  if (into.min === null || value < into.min) into.min = value;
  if (into.max === null || value > into.max) into.max = value;
  const bin = String(Math.floor(value / width));
  into.bins[bin] = (into.bins[bin] ?? 0) + 1;
}

/** Counts one version's verdict on a row (its reason codes were counted when the verdict was made: verdictOf). */
export function count(tally: VersionTally, verdict: Verdict, channel: string, widths: BinWidths): void {
  tally.outcomes[verdict.outcome] += 1;
  (tally.bySegment[verdict.segment] ??= outcomeCounts())[verdict.outcome] += 1;
  (tally.byChannel[channel] ??= outcomeCounts())[verdict.outcome] += 1;
  if (verdict.limit !== undefined) {
    add(tally.limit, verdict.limit, widths.limit);
    tally.approvedLimit += BigInt(verdict.limit);
  }
  if (verdict.rate !== undefined) add(tally.rate, verdict.rate, widths.rate);
  if (verdict.apr !== undefined) add(tally.apr, verdict.apr, widths.apr);
}

/** Adds reason-code counts into a version's. */
function addCodeCounts(into: Map<string, number>, from: Map<string, number>): void {
  for (const [code, n] of from) into.set(code, (into.get(code) ?? 0) + n);
}

/** Whether the second version changed the applicant's outcome, offer figures or reasons. */
export const changedBetween = (a: Verdict, b: Verdict): boolean =>
  a !== b &&
  (a.outcome !== b.outcome ||
    a.limit !== b.limit ||
    a.rate !== b.rate ||
    a.apr !== b.apr ||
    a.reasonCodes.length !== b.reasonCodes.length ||
    a.reasonCodes.some((code, i) => code !== b.reasonCodes[i]));

function mergeCounts(into: Record<string, OutcomeCounts>, from: Record<string, OutcomeCounts>): void {
  for (const [key, counts] of Object.entries(from)) {
    const target = (into[key] ??= outcomeCounts());
    for (const outcome of OUTCOMES) target[outcome] += counts[outcome];
  }
}

function mergeDistribution(into: Distribution, from: Distribution): void {
  into.count += from.count;
  into.sum += from.sum;
  if (from.min !== null && (into.min === null || from.min < into.min)) into.min = from.min;
  if (from.max !== null && (into.max === null || from.max > into.max)) into.max = from.max;
  for (const [bin, n] of Object.entries(from.bins)) into.bins[bin] = (into.bins[bin] ?? 0) + n;
}

/** Adds one tally (a chunk's, from a thread) into another. */
export function mergeTally(into: Tally, from: Tally): void {
  into.rows += from.rows;
  into.decided += from.decided;
  into.bad += from.bad;
  into.changed += from.changed;
  from.versions.forEach((version, i) => {
    const target = into.versions[i];
    for (const outcome of OUTCOMES) target.outcomes[outcome] += version.outcomes[outcome];
    mergeCounts(target.bySegment, version.bySegment);
    mergeCounts(target.byChannel, version.byChannel);
    mergeDistribution(target.limit, version.limit);
    mergeDistribution(target.rate, version.rate);
    mergeDistribution(target.apr, version.apr);
    target.approvedLimit += version.approvedLimit;
    addCodeCounts(target.reasonCodes, version.reasonCodes);
  });
  mergeCounts(into.transitions, from.transitions);
}
