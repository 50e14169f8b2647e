import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCsv } from '../../server/simulation/report-csv.ts';
import type { SimulationReport } from '../../server/simulation/report.ts';
import { startTestServer, type TestServer } from './fixtures.ts';
import { settledReview } from './impact-fixtures.ts';

/**
 * The impact report exported as CSV from the API (the studio's export links download these):
 * `summary.csv` holds every aggregate, one figure a row; `changed.csv` the changed applicants,
 * masked. Figures are checked against the sample files (the flash-loan samples under 30 that were
 * not declined are the ones a minimum age of 30 moves), not against the exporter's own output.
 */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
interface Sample {
  application: { applicant: Record<string, unknown> };
  request: Record<string, unknown>;
  expected: { outcome: 'approve' | 'decline' | 'refer' };
}
const samples: Sample[] = fs
  .readdirSync(path.join(EXAMPLES, 'flash-loan', 'samples'))
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'flash-loan', 'samples', file), 'utf8')));
const lines = samples.map(({ application, request: { channel, ...request } }) =>
  JSON.stringify({ application: { ...application, channel, applicant: { ...application.applicant, idNumber: '530102198001011234' } }, ...request }),
);
const parse = (text: string) => {
  expect(text.charCodeAt(0)).toBe(0xfeff); // spreadsheets read UTF-8 by the byte-order mark
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
};

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ examplesDir: EXAMPLES, files: true });
});
afterEach(() => server.close());

/** Publishes the flash-loan copy, stores the samples as its portfolio, raises the minimum age to 30 and submits: the review's report hash. */
async function submittedReport(): Promise<string> {
  const author = await server.as('author');
  await author
    .post('/api/studio/products')
    .send({ from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } })
    .expect(201);
  const first = await author.post('/api/studio/products/flash-copy/submit').send({}).expect(201);
  await (await server.as('approver')).post(`/api/studio/reviews/${first.body.id}/approve`).send({}).expect(200);
  await author
    .post('/api/studio/products/flash-copy/portfolios?name=samples')
    .set('Content-Type', 'application/x-ndjson')
    .send(`${lines.join('\n')}\n`)
    .expect(201);
  const current = (await server.store.getProduct('flash-copy'))!;
  const document = structuredClone(current.document);
  (document.blocks.find((block) => block.type === 'age-gate')!.config as { minAge: number }).minAge = 30;
  await author.put('/api/studio/products/flash-copy/draft').set('If-Match', `"${current.revision}"`).send({ document }).expect(200);
  const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ suiteFailureReason: 'minimum age 30' }).expect(201);
  return (await settledReview(author, submitted.body.id)).impact.simulation.report; // the simulation runs after the answer
}

describe('impact report as CSV', () => {
  it('exports the changed applicants and every aggregate, as the sample files give them, to signed-in users only', async () => {
    const hash = await submittedReport();
    const approver = await server.as('approver');
    const moved = samples.map((sample, i) => ({ sample, line: i + 1 })).filter(({ sample }) => (sample.application.applicant.age as number) < 30 && sample.expected.outcome !== 'decline');
    expect(moved.length).toBeGreaterThan(0);

    const changed = await approver.get(`/api/studio/reports/${hash}/changed.csv`).expect(200);
    expect(changed.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(changed.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?impact-changed-${hash.slice('sha256:'.length, 'sha256:'.length + 12)}\\.csv"?$`)); // the report's own first 12 hex digits
    const rows = parse(changed.text);
    expect(rows.map((row) => [Number(row.line), row.applicant, row.beforeOutcome, row.afterOutcome])).toEqual(
      moved.map(({ sample, line }) => [line, '530***********1234', sample.expected.outcome, 'decline']),
    );
    expect(changed.text).not.toContain('530102198001011234');

    const summary = parse((await approver.get(`/api/studio/reports/${hash}/summary.csv`).expect(200)).text);
    const figure = (section: string, version: string, group: string, metric: string) =>
      summary.find((row) => row.section === section && row.version === version && row.group === group && row.metric === metric)?.value;
    const expected = { approve: 0, decline: 0, refer: 0 };
    for (const sample of samples) expected[sample.expected.outcome] += 1;
    for (const outcome of ['approve', 'decline', 'refer'] as const) {
      expect(Number(figure('outcomes', 'before', '', outcome))).toBe(expected[outcome]);
      const after = expected[outcome] + (outcome === 'decline' ? moved.length : -moved.filter(({ sample }) => sample.expected.outcome === outcome).length);
      expect(Number(figure('outcomes', 'after', '', outcome))).toBe(after);
    }
    expect(Number(figure('portfolio', '', '', 'changed'))).toBe(moved.length);
    expect(Number(figure('transition', '', 'approve', 'decline'))).toBe(moved.filter(({ sample }) => sample.expected.outcome === 'approve').length);

    expect((await approver.get(`/api/studio/reports/${hash}/everything.csv`)).status).toBe(404);
    expect((await approver.get('/api/studio/reports/sha256:0000/summary.csv')).status).toBe(404);
    expect((await (await server.as()).get(`/api/studio/reports/${hash}/summary.csv`)).status).toBe(401);
  });

  it('writes a cell a spreadsheet would run as a formula with a leading apostrophe, but not a negative number', () => {
    const counts = (approve: number) => ({ approve, decline: 0, refer: 0 });
    const group = (key: string) => ({ key, applications: 1, ...counts(1), approveRate: '100.00', declineRate: '0.00', referRate: '0.00' });
    const empty = { count: 0, min: null, max: null, mean: null, bins: [] };
    const report: SimulationReport = {
      format: 'loan-portfolio-simulation/1',
      portfolio: { format: 'jsonl', rows: 1, decided: 1, bad: 0, defaultAsOf: '2026-11-20' },
      versions: [
        {
          role: 'after',
          product: { id: 'p', version: 2, hash: 'sha256:ab' },
          outcomes: counts(1),
          rates: { approve: '100.00', decline: '0.00', refer: '0.00' },
          bySegment: [group('')],
          byChannel: [group('=HYPERLINK("http://x")')],
          limit: empty,
          rate: { count: 1, min: '-0.2500', max: '-0.2500', mean: '-0.2500', bins: [] },
          apr: empty,
          approvedLimitTotal: '0.00',
          reasonCodes: [],
        },
      ],
      badRows: { count: 0, shown: [] },
    };
    const rows = parse(reportCsv(report, 'summary'));
    expect(rows.find((row) => row.section === 'channel' && row.metric === 'applications')!.group).toBe(`'=HYPERLINK("http://x")`);
    expect(rows.find((row) => row.section === 'rate' && row.metric === 'min')!.value).toBe('-0.2500');
    expect(parse(reportCsv(report, 'changed'))).toEqual([]);
  });
});
