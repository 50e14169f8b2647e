import { toCsv } from '../../shared/csv.ts';
import type { Figures } from './decide-chunk.ts';
import type { ReportedDistribution, SimulationReport, VersionReport } from './report.ts';
import type { ReportLabels } from './report-labels.ts';
import { OUTCOMES } from './tally.ts';

/** The two CSV files a simulation report exports: its aggregates, and the changed applicants it lists. */
export type ReportCsvPart = 'summary' | 'changed';
export const REPORT_CSV_PARTS: readonly ReportCsvPart[] = ['summary', 'changed'];

type Row = [section: string, version: string, group: string, metric: string, value: string | number];

/** The label of a segment or reason code in both languages ('' where the report has none: an old report, or a code no product defines). */
function labelCells(report: SimulationReport, kind: keyof ReportLabels, key: string): [string, string] {
  const label = report.labels?.[kind][key];
  return label ? [label['zh-CN'], label.en] : ['', ''];
}

function distributionRows(section: string, version: VersionReport['role'], distribution: ReportedDistribution): Row[] {
  const rows: Row[] = [
    [section, version, '', 'count', distribution.count],
    [section, version, '', 'min', distribution.min ?? ''],
    [section, version, '', 'max', distribution.max ?? ''],
    [section, version, '', 'mean', distribution.mean ?? ''],
  ];
  for (const bin of distribution.bins) rows.push([section, version, `${bin.from}–${bin.to}`, 'count', bin.count]);
  return rows;
}

/**
 * The report's aggregates as one long table (section, version, group, metric, value), one figure
 * a row, so a spreadsheet can filter and pivot it: the portfolio's counts, each version's outcomes
 * and rates overall, by segment and by channel, the limit, rate and APR distributions, the approved
 * total, reason-code frequencies, and the transition matrix (group = before, metric = after).
 * Every figure is the report's own text: nothing is recomputed or rounded here. Segment and
 * reason-code rows also carry the group's label (labelZh, labelEn), added by `summaryTable`.
 */
function summaryRows(report: SimulationReport): Row[] {
  const { portfolio } = report;
  const rows: Row[] = [
    ['portfolio', '', '', 'rows', portfolio.rows],
    ['portfolio', '', '', 'decided', portfolio.decided],
    ['portfolio', '', '', 'bad', portfolio.bad],
    ['portfolio', '', '', 'defaultAsOf', portfolio.defaultAsOf],
  ];
  if (report.changed) rows.push(['portfolio', '', '', 'changed', report.changed.count]);
  for (const version of report.versions) {
    const role = version.role;
    rows.push(['product', role, version.product.id, 'version', version.product.version ?? 'draft'], ['product', role, version.product.id, 'hash', version.product.hash]);
    for (const outcome of OUTCOMES) rows.push(['outcomes', role, '', outcome, version.outcomes[outcome]], ['rates', role, '', outcome, version.rates[outcome]]);
    for (const [section, groups] of [
      ['segment', version.bySegment],
      ['channel', version.byChannel],
    ] as const) {
      for (const group of groups) {
        rows.push([section, role, group.key, 'applications', group.applications]);
        for (const outcome of OUTCOMES) rows.push([section, role, group.key, outcome, group[outcome]], [section, role, group.key, `${outcome}Rate`, group[`${outcome}Rate`]]);
      }
    }
    rows.push(...distributionRows('limit', role, version.limit), ...distributionRows('rate', role, version.rate), ...distributionRows('apr', role, version.apr));
    rows.push(['approvedLimitTotal', role, '', 'total', version.approvedLimitTotal]);
    for (const { code, count } of version.reasonCodes) rows.push(['reasonCode', role, code, 'count', count]);
  }
  for (const [from, to] of Object.entries(report.transitions ?? {})) for (const outcome of OUTCOMES) rows.push(['transition', '', from, outcome, to[outcome]]);
  return rows;
}

function summaryTable(report: SimulationReport): (string | number)[][] {
  return summaryRows(report).map((row) => {
    const kind = row[0] === 'segment' ? 'segments' : row[0] === 'reasonCode' ? 'reasonCodes' : undefined;
    return [...row, ...(kind ? labelCells(report, kind, row[2]) : ['', ''])];
  });
}

/** An applicant's figures under one version, as the changed-applicants file gives them: outcome, limit, rate, APR, segment, reasons. */
const FIGURE_COLUMNS = ['Outcome', 'Limit', 'Rate', 'Apr', 'Segment', 'Reasons'] as const;
const figureCells = (figures: Figures): string[] => [figures.outcome, figures.limit ?? '', figures.rate ?? '', figures.apr ?? '', figures.segment, figures.reasonCodes.join('|')];

/** The labels of an applicant's segment and reasons (reasons `|`-separated like the codes); after the figures, so the figures' columns keep their places. */
const LABEL_COLUMNS = ['SegmentLabelZh', 'SegmentLabelEn', 'ReasonLabelsZh', 'ReasonLabelsEn'] as const;
function labelCellsOf(report: SimulationReport, figures: Figures): string[] {
  const reasons = figures.reasonCodes.map((code) => labelCells(report, 'reasonCodes', code));
  return [...labelCells(report, 'segments', figures.segment), reasons.map(([zh]) => zh).join('|'), reasons.map(([, en]) => en).join('|')];
}

const CHANGED_HEADER = [
  'line',
  'applicant',
  ...FIGURE_COLUMNS.map((name) => `before${name}`),
  ...FIGURE_COLUMNS.map((name) => `after${name}`),
  ...LABEL_COLUMNS.map((name) => `before${name}`),
  ...LABEL_COLUMNS.map((name) => `after${name}`),
];

/** The changed applicants the report lists (the first ones in file order; the report's `changed.count` says how many there are in all), masked as in the report. */
function changedRows(report: SimulationReport): (string | number)[][] {
  return (report.changed?.shown ?? []).map((row) => [
    row.line,
    row.applicant,
    ...figureCells(row.before),
    ...figureCells(row.after),
    ...labelCellsOf(report, row.before),
    ...labelCellsOf(report, row.after),
  ]);
}

/**
 * One part of a report as CSV text (shared/csv.ts: CRLF line ends, UTF-8 with a byte-order mark).
 * Channels, segments and masked names come from the portfolio, so a cell could read
 * `=HYPERLINK(…)`: such cells are written with a leading apostrophe.
 */
export function reportCsv(report: SimulationReport, part: ReportCsvPart): string {
  const [header, rows] = part === 'summary' ? [['section', 'version', 'group', 'metric', 'value', 'labelZh', 'labelEn'], summaryTable(report)] : [CHANGED_HEADER, changedRows(report)];
  return toCsv([header, ...rows], { bom: true, neutraliseFormulae: true });
}
