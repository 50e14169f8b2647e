import { Decimal } from '../engine/money.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import type { BadRow, ChangedRow } from './decide-chunk.ts';
import type { PortfolioFormat } from './portfolio-records.ts';
import { reportLabels, type ReportLabels } from './report-labels.ts';
import type { SimulationResult } from './simulate.ts';
import { OUTCOMES, type Distribution, type OutcomeCounts, type VersionTally } from './tally.ts';

/** Outcome counts of a group (segment or channel) with its approval rate, % with 2 decimals. */
export interface GroupRates extends OutcomeCounts {
  key: string;
  applications: number;
  approveRate: string;
  declineRate: string;
  referRate: string;
}

/** A distribution as reported: decimal strings, bins `[from, to)`, empty bins between filled ones kept so charts read right. */
export interface ReportedDistribution {
  count: number;
  min: string | null;
  max: string | null;
  mean: string | null;
  bins: { from: string; to: string; count: number }[];
}

/** One version's side of the report. `outcomes` is the `{ approve, decline, refer }` a bank's CI reads. */
export interface VersionReport {
  role: 'before' | 'after';
  product: { id: string; version: number | null; hash: string };
  outcomes: OutcomeCounts;
  rates: { approve: string; decline: string; refer: string }; // % of decided rows, 2 decimals
  bySegment: GroupRates[];
  byChannel: GroupRates[];
  limit: ReportedDistribution; // approvals, CNY
  rate: ReportedDistribution; // approvals, contract annual rate %
  apr: ReportedDistribution; // approvals, simple APR %
  approvedLimitTotal: string; // CNY, sum of approved limits
  reasonCodes: { code: string; count: number }[]; // most frequent first
}

/** The simulation report (`loan-portfolio-simulation/1`): the same input gives the same bytes. */
export interface SimulationReport {
  format: 'loan-portfolio-simulation/1';
  portfolio: { format: PortfolioFormat; rows: number; decided: number; bad: number; defaultAsOf: string; columns?: string[] };
  versions: VersionReport[]; // [after], or [before, after]
  transitions?: Record<string, OutcomeCounts>; // before outcome → after outcome → applicants
  changed?: { count: number; shown: ChangedRow[] }; // applicants whose outcome, offer or reasons changed, the first ones in file order
  badRows: { count: number; shown: BadRow[] };
  /** What the listed reason codes and segment keys mean, zh-CN and English, from the products (report-labels.ts); absent in reports stored before it existed. */
  labels?: ReportLabels;
}

const percent = (part: number, whole: number) => (whole === 0 ? '0.00' : new Decimal(part).times(100).div(whole).toFixed(2));

function ratesOf(counts: OutcomeCounts) {
  const total = OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
  return { total, approve: percent(counts.approve, total), decline: percent(counts.decline, total), refer: percent(counts.refer, total) };
}

function groups(byKey: Record<string, OutcomeCounts>): GroupRates[] {
  return Object.keys(byKey)
    .sort()
    .map((key) => {
      const counts = byKey[key];
      const rates = ratesOf(counts);
      return { key, applications: rates.total, ...counts, approveRate: rates.approve, declineRate: rates.decline, referRate: rates.refer };
    });
}

function reported(distribution: Distribution, width: number, scale: number): ReportedDistribution {
  const unit = (value: number | bigint) => new Decimal(value.toString()).div(10 ** scale);
  const shown = scale === 2 ? 2 : 4;
  const filled = Object.keys(distribution.bins)
    .map(Number)
    .sort((a, b) => a - b);
  const bins: ReportedDistribution['bins'] = [];
  if (filled.length) {
    for (let bin = filled[0]; bin <= filled[filled.length - 1]; bin++) {
      bins.push({ from: unit(bin * width).toFixed(shown), to: unit((bin + 1) * width).toFixed(shown), count: distribution.bins[String(bin)] ?? 0 });
    }
  }
  return {
    count: distribution.count,
    min: distribution.min === null ? null : unit(distribution.min).toFixed(shown),
    max: distribution.max === null ? null : unit(distribution.max).toFixed(shown),
    mean: distribution.count ? unit(distribution.sum).div(distribution.count).toFixed(shown) : null,
    bins,
  };
}

function versionReport(role: VersionReport['role'], definition: ProductDefinition, tally: VersionTally, widths: SimulationResult['widths']): VersionReport {
  const rates = ratesOf(tally.outcomes);
  return {
    role,
    product: { id: definition.product.productId, version: definition.version, hash: definition.hash },
    outcomes: { ...tally.outcomes },
    rates: { approve: rates.approve, decline: rates.decline, refer: rates.refer },
    bySegment: groups(tally.bySegment),
    byChannel: groups(tally.byChannel),
    limit: reported(tally.limit, widths.limit, 2),
    rate: reported(tally.rate, widths.rate, 4),
    apr: reported(tally.apr, widths.apr, 4),
    approvedLimitTotal: new Decimal(tally.approvedLimit.toString()).div(100).toFixed(2),
    reasonCodes: [...tally.reasonCodes].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).map(([code, count]) => ({ code, count })),
  };
}

/** The report of a finished simulation. */
export function buildReport(result: SimulationResult, definitions: ProductDefinition[], portfolio: { format: PortfolioFormat; defaultAsOf: string }): SimulationReport {
  const { tally } = result;
  const roles: VersionReport['role'][] = definitions.length === 2 ? ['before', 'after'] : ['after'];
  const versions = definitions.map((definition, i) => versionReport(roles[i], definition, tally.versions[i], result.widths));
  // only what the report lists: the tallies' codes and segments, and those of the changed applicants it shows
  const figures = definitions.length === 2 ? result.changed.flatMap((row) => [row.before, row.after]) : [];
  const codes = [...versions.flatMap((version) => version.reasonCodes.map((reason) => reason.code)), ...figures.flatMap((figure) => figure.reasonCodes)];
  const segments = [...versions.flatMap((version) => version.bySegment.map((group) => group.key)), ...figures.map((figure) => figure.segment)];
  return {
    format: 'loan-portfolio-simulation/1',
    portfolio: { format: portfolio.format, rows: tally.rows, decided: tally.decided, bad: tally.bad, defaultAsOf: portfolio.defaultAsOf, ...(result.columns ? { columns: result.columns } : {}) },
    versions,
    ...(definitions.length === 2 ? { transitions: tally.transitions, changed: { count: tally.changed, shown: result.changed } } : {}),
    badRows: { count: tally.bad, shown: result.bad },
    labels: reportLabels(definitions, codes, segments),
  };
}
