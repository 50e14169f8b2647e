import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, movedByMinimumAge, publishFirstVersion, raiseMinimumAge, samples, settledReview } from './impact-fixtures.ts';

/**
 * #16 "a bad row reported with its line number": the line numbers a user sees for a stored
 * portfolio (changed applicants and bad rows in the report, the changed-applicants CSV, the trace
 * comparison) are the lines of the file that was uploaded — not of the stored rows, which leave out
 * the CSV header, blank lines and refused rows. Checked by reading the uploaded text at each line the
 * report gives and comparing the ID number found there with the report's masked identifier.
 */

/** The applicant's ID number in the uploaded file, one per row: "11010119900101" and 4 digits. */
const idOf = (n: number) => `11010119900101${1000 + n}`;
/** The report's masking, written out here (first 3, last 4 kept) rather than taken from the server's code. */
const masked = (id: string) => `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
const ID = /11010119900101\d{4}/;

/** A sample as CSV cells by dictionary path (the channel travels in the application), with its own ID number and name. */
function flat(index: number, n: number, name = `Applicant ${n}`): Record<string, string> {
  const { application, request } = samples[index];
  const { channel, ...rest } = request as { channel?: string } & Record<string, unknown>;
  const cells: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
    else cells[prefix] = Array.isArray(value) ? value.join('|') : String(value);
  };
  walk({ ...application, applicant: { ...application.applicant, idNumber: idOf(n), name }, channel }, '');
  walk(rest, '');
  return cells;
}

/**
 * The uploaded CSV: a header, then four copies of the samples with, between them, a blank line, a
 * row refused for its age ("thirty"), a row with too few cells, and a name quoted over two lines.
 * Every applicant's ID number differs, so a line identifies one applicant.
 */
function portfolioCsv(): string {
  const records: (Record<string, string> | string)[] = [];
  let n = 0;
  const copy = () => {
    for (let index = 0; index < samples.length; index++) records.push(flat(index, ++n));
  };
  copy();
  records.push('');
  copy();
  records.push({ ...flat(0, ++n), 'applicant.age': 'thirty' });
  copy();
  records.push('1,2,3');
  records.push(flat(1, ++n, `Applicant\n${n}`)); // a record that starts on one line and ends on the next
  copy();
  const columns = Object.keys(flat(0, 0)).sort();
  const text = records.map((record) => (typeof record === 'string' ? record : Papa.unparse([columns.map((column) => record[column] ?? '')], { newline: '\n' })));
  return `${[columns.join(','), ...text].join('\n')}\n`;
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ examplesDir: EXAMPLES, files: true });
});
afterEach(() => server.close());

describe('line numbers of a stored portfolio', () => {
  it('name the uploaded file’s lines in the report, its CSV export and the trace comparison', async () => {
    await publishFirstVersion(server);
    const author = await server.as('author');
    const csv = portfolioCsv();
    const uploadedLines = csv.split('\n'); // line n is uploadedLines[n - 1]
    const uploaded = await author.post('/api/studio/products/flash-copy/portfolios?name=bank-file').set('Content-Type', 'text/csv').send(csv).expect(201);
    // the refused rows, by their lines in the upload (what the upload always said)
    const refused = uploaded.body.badRows.map((row: { line: number }) => uploadedLines[row.line - 1]);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/^thirty,/); // applicant.age is the first column
    expect(refused[1]).toBe('1,2,3');
    const stored = 4 * samples.length + 1;
    expect(uploaded.body.portfolio).toMatchObject({ rows: stored, badRows: 2, uploadedFrom: 'csv' });

    await raiseMinimumAge(server);
    const started = await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: uploaded.body.portfolio.hash, before: 1, after: 'draft' }).expect(202);
    let job = started.body;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await author.get(`/api/studio/simulations/${job.id}`).expect(200)).body;
    }
    expect(job.status).toBe('done');
    const report = (await author.get(`/api/studio/reports/${job.report}`).expect(200)).body;

    // the applicants the minimum age of 30 moves, from the sample files: once per copy
    const moved = movedByMinimumAge().length;
    expect(moved).toBeGreaterThan(0);
    const changed: { line: number; applicant: string }[] = report.changed.shown;
    expect(changed).toHaveLength(4 * moved);
    for (const row of changed) {
      const id = uploadedLines[row.line - 1].match(ID)?.[0];
      expect(id && masked(id), `line ${row.line}`).toBe(row.applicant);
      expect(Number(uploadedLines[row.line - 1].split(',')[Object.keys(flat(0, 0)).sort().indexOf('applicant.age')])).toBeLessThan(30);
    }
    // four different applicants, the last one behind every gap (the header, a blank line, two refused rows and a two-line record)
    expect(new Set(changed.map((row) => row.applicant)).size).toBe(changed.length);

    // the changed-applicants export gives the same lines
    const exported = Papa.parse<string[]>((await author.get(`/api/studio/reports/${job.report}/changed.csv`).expect(200)).text.slice(1), { skipEmptyLines: true }).data;
    const lineColumn = exported[0].indexOf('line');
    expect(lineColumn).toBeGreaterThanOrEqual(0);
    expect(exported.slice(1).map((row) => Number(row[lineColumn]))).toEqual(changed.map((row) => row.line));

    // the review's trace comparison takes the same lines
    const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ suiteFailureReason: 'minimum age 30' }).expect(201);
    const review = await settledReview(author, submitted.body.id);
    expect(review.impact.simulation).toMatchObject({ status: 'done', changed: 4 * moved });
    const approver = await server.as('approver');
    const opened = (await approver.get(`/api/studio/reviews/${submitted.body.id}/impact`).expect(200)).body.report;
    expect(opened.changed.shown).toEqual(changed);
    for (const row of opened.changed.shown as { line: number; before: { outcome: string } }[]) {
      const traces = await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${row.line}`).expect(200);
      expect(traces.body.line).toBe(row.line);
      expect([traces.body.before.decision.outcome, traces.body.after.decision.outcome]).toEqual([row.before.outcome, 'decline']);
      expect(traces.body.after.decision.trace.find((step: { type: string }) => step.type === 'age-gate').result).toBe('fail');
    }
    // the header line is no applicant, whatever the report says
    expect((await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/1`)).status).toBe(404);
  });

  it('the trace route refuses a line whose stored row is no longer the listed applicant (the same rows uploaded again from another file)', async () => {
    await publishFirstVersion(server);
    const author = await server.as('author');
    const lines = samples.map((sample, index) => {
      const { channel, ...request } = sample.request as { channel?: string } & Record<string, unknown>;
      return JSON.stringify({ application: { ...sample.application, channel, applicant: { ...sample.application.applicant, idNumber: idOf(index + 1) } }, ...request });
    });
    const send = (body: string) => author.post('/api/studio/products/flash-copy/portfolios?name=bank-file').set('Content-Type', 'application/x-ndjson').send(body).expect(201);
    const gappy = (await send(`\n\n${lines.join('\n')}\n`)).body.portfolio.hash; // two blank lines first: row n is line n + 2
    await raiseMinimumAge(server);
    const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ suiteFailureReason: 'minimum age 30' }).expect(201);
    await settledReview(author, submitted.body.id);
    const approver = await server.as('approver');
    const listed = (await approver.get(`/api/studio/reviews/${submitted.body.id}/impact`).expect(200)).body.report.changed.shown[0];
    expect(masked(lines[listed.line - 3].match(ID)![0])).toBe(listed.applicant);
    await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${listed.line}`).expect(200);
    // the same rows again without the blank lines: the same portfolio, now numbered as that file is
    expect((await send(`${lines.join('\n')}\n`)).body.portfolio.hash).toBe(gappy);
    const stale = await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${listed.line}`);
    expect([stale.status, stale.body.code]).toEqual([409, 'PORTFOLIO_LINES_CHANGED']);
  });

  it('a JSON-lines file without gaps keeps its lines (no map is needed)', async () => {
    await publishFirstVersion(server);
    const author = await server.as('author');
    const lines = samples.map((sample, index) => {
      const { channel, ...request } = sample.request as { channel?: string } & Record<string, unknown>;
      return JSON.stringify({ application: { ...sample.application, channel, applicant: { ...sample.application.applicant, idNumber: idOf(index + 1) } }, ...request });
    });
    const { hash } = (
      await author
        .post('/api/studio/products/flash-copy/portfolios?name=clean')
        .set('Content-Type', 'application/x-ndjson')
        .send(`${lines.join('\n')}\n`)
        .expect(201)
    ).body.portfolio;
    await raiseMinimumAge(server);
    let job = (await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, before: 1, after: 'draft' }).expect(202)).body;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await author.get(`/api/studio/simulations/${job.id}`).expect(200)).body;
    }
    const report = (await author.get(`/api/studio/reports/${job.report}`).expect(200)).body;
    expect(report.changed.shown.length).toBe(movedByMinimumAge().length);
    for (const row of report.changed.shown) expect(masked(lines[row.line - 1].match(ID)![0])).toBe(row.applicant);
  });
});
