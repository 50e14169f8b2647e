import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, ID_NUMBER, movedByMinimumAge, portfolioLines, publishFirstVersion, raiseMinimumAge, samples, settledReview, upload } from './impact-fixtures.ts';

/**
 * Impact-gated approval through the HTTP API: portfolios as files (uploaded by the roles that may
 * see personal data, deletable, never in store.json), simulations with progress and cancel, and a
 * submission that runs the suite and the simulation against the published version, which the
 * approver must open before approving.
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ examplesDir: EXAMPLES, files: true });
});
afterEach(() => server.close());

describe('portfolios', () => {
  it('stores an upload as a content-hashed JSON-lines file, reports bad rows by line, and only authors and admins may upload', async () => {
    await publishFirstVersion(server);
    const lines = portfolioLines();
    const response = await upload(server, [...lines.slice(0, 3), '{"application": 1}', ...lines.slice(3)]);
    expect(response.status).toBe(201);
    expect(response.body.portfolio).toMatchObject({ productId: 'flash-copy', name: 'samples', rows: samples.length, badRows: 1, uploadedFrom: 'jsonl', uploadedBy: 'author' });
    expect(response.body.badRows).toEqual([{ line: 4, errors: [{ pointer: '/application', message: 'must be an object', messageZh: '应为一组字段' }] }]);
    const hash: string = response.body.portfolio.hash;
    const file = path.join(server.dataDir, 'portfolios', 'flash-copy', `${hash.slice(7)}.jsonl`);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(samples.length);
    await server.store.flush();
    expect(fs.readFileSync(path.join(server.dataDir, 'store.json'), 'utf8')).not.toContain(ID_NUMBER);

    expect((await upload(server, lines, 'approver')).status).toBe(403);
    const crossSite = await (await server.as('author'))
      .post('/api/studio/products/flash-copy/portfolios?name=x')
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'application/x-ndjson')
      .send(lines.join('\n'));
    expect(crossSite.status).toBe(403); // the CSRF guard lets CSV and JSON lines through only from the studio's own origin
    expect((await (await server.as()).post('/api/studio/products/flash-copy/portfolios?name=x').set('Content-Type', 'text/csv').send('applicant.age\n30\n')).status).toBe(401);
    const list = await (await server.as('approver')).get('/api/studio/products/flash-copy/portfolios').expect(200);
    expect(list.body.portfolios.map((p: { hash: string }) => p.hash)).toEqual([hash]);

    await (await server.as('author')).delete(`/api/studio/products/flash-copy/portfolios/${hash}`).expect(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await (await server.as('author')).delete(`/api/studio/products/flash-copy/portfolios/${hash}`)).status).toBe(404);
  });

  it('refuses a CSV whose header names no dictionary path, and a body that is neither CSV nor JSON lines', async () => {
    await publishFirstVersion(server);
    const author = await server.as('author');
    const csv = await author.post('/api/studio/products/flash-copy/portfolios?name=x').set('Content-Type', 'text/csv').send('applicant.age,applicant.shoeSize\n30,42\n');
    expect(csv.status).toBe(422);
    expect(csv.body.code).toBe('PORTFOLIO_HEADER_INVALID');
    expect(csv.body.errors[0].message).toMatch(/applicant\.shoeSize/);
    expect((await author.post('/api/studio/products/flash-copy/portfolios?name=x').set('Content-Type', 'text/plain').send('hello')).status).toBe(415);
    // nothing to decide is refused and nothing is kept: a header alone, an empty body, only bad rows
    for (const [type, body, message] of [
      ['text/csv', 'applicant.age\n', 'there is no row'],
      ['application/x-ndjson', '', 'there is no row'],
      ['application/x-ndjson', 'not json\n{"application": 7}\n', 'every row is bad (2)'],
    ]) {
      const empty = await author.post('/api/studio/products/flash-copy/portfolios?name=empty').set('Content-Type', type).send(body);
      expect([empty.status, empty.body.code, empty.body.errors]).toEqual([422, 'PORTFOLIO_EMPTY', [{ pointer: '/body', message }]]);
    }
    expect((await author.get('/api/studio/products/flash-copy/portfolios').expect(200)).body.portfolios).toEqual([]);
  });
});

describe('simulations', () => {
  it('runs a portfolio against two versions with progress, and cancels a running one', async () => {
    await publishFirstVersion(server);
    const { hash } = (await upload(server, portfolioLines(3))).body.portfolio;
    const author = await server.as('author');
    const started = await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, before: 1, after: 'draft' });
    expect(started.status).toBe(202);
    let job = started.body;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await author.get(`/api/studio/simulations/${job.id}`).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'done', progress: { rows: 3 * samples.length, total: 3 * samples.length, remainingMs: 0 } });
    const report = (await (await server.as('approver')).get(`/api/studio/reports/${job.report}`).expect(200)).body;
    const approvals = samples.filter((sample) => sample.expected.outcome === 'approve').length;
    expect(report.versions.map((version: { outcomes: { approve: number } }) => version.outcomes.approve)).toEqual([3 * approvals, 3 * approvals]);
    expect(report.changed.count).toBe(0);

    const big = (await upload(server, portfolioLines(400))).body.portfolio.hash;
    const running = (await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: big, before: 'published', after: 'draft' }).expect(202)).body;
    const cancelled = await author.delete(`/api/studio/simulations/${running.id}`).expect(200);
    expect(cancelled.body.id).toBe(running.id);
    let after = cancelled.body;
    for (let i = 0; i < 200 && after.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      after = (await author.get(`/api/studio/simulations/${running.id}`)).body;
    }
    expect(after.status).toBe('cancelled');
    expect(after.progress.rows).toBeLessThan(400 * samples.length);
  });

  it('answers 422 with pointers for a bad simulation request', async () => {
    await publishFirstVersion(server);
    const response = await (await server.as('author')).post('/api/studio/products/flash-copy/simulations').send({ portfolio: 42, before: 'yesterday', asOf: '22/11/2026' });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/portfolio', '/before', '/asOf']);
    // a date that looks right but is not on the calendar is refused too, before any job starts
    const { hash } = (await upload(server, portfolioLines(1))).body.portfolio;
    for (const asOf of ['2026-02-30', '2026-13-45']) {
      const impossible = await (await server.as('author')).post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, asOf });
      expect([impossible.status, impossible.body.errors]).toEqual([422, [{ pointer: '/asOf', message: 'must be a calendar date YYYY-MM-DD' }]]);
    }
  });
});

describe('impact-gated approval', () => {
  it('blocks a failing suite without a reason, stores the impact with the review and the audit log, and approves only after the report was opened', async () => {
    await publishFirstVersion(server);
    const { hash } = (await upload(server, portfolioLines())).body.portfolio;
    await raiseMinimumAge(server);
    const author = await server.as('author');
    const refused = await author.post('/api/studio/products/flash-copy/submit').send({ comment: 'older applicants only' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SUITE_FAILING');
    const boundary = refused.body.failing.find((failure: { id: string }) => failure.id === 'boundary-age-22');
    expect(boundary.differences[0]).toEqual({ field: 'outcome', expected: 'approve', actual: 'decline' });

    const submitted = await author
      .post('/api/studio/products/flash-copy/submit')
      .send({ comment: 'older applicants only', suiteFailureReason: 'Policy raises the minimum age to 30; the 22-year-old boundary case is obsolete' });
    expect(submitted.status).toBe(201);
    expect(submitted.body.impact.simulation).toMatchObject({ status: 'running', portfolio: { hash, rows: samples.length }, against: 1 });
    const { impact } = await settledReview(author, submitted.body.id);
    const moved = movedByMinimumAge();
    expect(moved.length).toBeGreaterThan(0);
    expect(impact.suiteFailureReason).toMatch(/minimum age to 30/);
    expect(impact.simulation).toMatchObject({ status: 'done', job: submitted.body.impact.simulation.job, portfolio: { hash, rows: samples.length }, against: 1, changed: moved.length, badRows: 0 });
    expect(impact.simulation.outcomes.after.decline - impact.simulation.outcomes.before.decline).toBe(moved.length);

    const approver = await server.as('approver');
    const early = await approver.post(`/api/studio/reviews/${submitted.body.id}/approve`).send({});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('IMPACT_NOT_OPENED');
    const opened = await approver.get(`/api/studio/reviews/${submitted.body.id}/impact`).expect(200);
    expect(opened.body.report.changed.shown.map((row: { applicant: string }) => row.applicant)).toEqual(moved.map(() => '530***********1234'));
    const first = opened.body.report.changed.shown[0];
    const traces = await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${first.line}`).expect(200);
    expect([traces.body.before.decision.outcome, traces.body.after.decision.outcome]).toEqual([first.before.outcome, 'decline']);
    expect(traces.body.after.decision.trace.find((step: { type: string }) => step.type === 'age-gate').result).toBe('fail');
    expect((await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/9999`)).status).toBe(404);
    // a line the report does not list (its applicant did not change) is not read: the portfolio's personal data stays with its roles
    const listed = new Set(opened.body.report.changed.shown.map((row: { line: number }) => row.line));
    const unchanged = samples.map((_, index) => index + 1).find((line) => !listed.has(line))!;
    const notListed = await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${unchanged}`);
    expect([notListed.status, notListed.body.title]).toEqual([404, `Line ${unchanged} is not among the changed applicants this report lists`]);
    await approver.post(`/api/studio/reviews/${submitted.body.id}/approve`).send({}).expect(200);

    const audit = (await server.store.listAudit({ productId: 'flash-copy' })).filter((event) => event.action.startsWith('review.'));
    const submit = audit.filter((event) => event.action === 'review.submit').pop()!;
    expect((submit.detail!.impact as { simulation: { status: string } }).simulation.status).toBe('running');
    const ended = audit.find((event) => event.action === 'review.impact')!;
    expect(ended.detail).toEqual({ reviewId: submitted.body.id, simulation: impact.simulation });
    expect(audit.some((event) => event.action === 'review.impact.open' && event.actor === 'approver')).toBe(true);
  });
});

describe('test cases', () => {
  it('saves a case to the suite, refuses a duplicate or a malformed one, and the suite run shows its differing field', async () => {
    await publishFirstVersion(server);
    const author = await server.as('author');
    const { application, request: sampleRequest } = samples[0];
    const testCase = {
      id: 'pinned-wrong-limit',
      title: { 'zh-CN': '额度固定错', en: 'Wrong pinned limit' },
      application,
      request: sampleRequest,
      expected: { outcome: 'approve', offer: { limit: '1.00' } },
    };
    const added = await author.post('/api/studio/products/flash-copy/test-cases').send({ testCase });
    expect(added.status).toBe(201);
    expect(added.body.cases).toBe(samples.length + 1);
    expect((await author.post('/api/studio/products/flash-copy/test-cases').send({ testCase })).body.code).toBe('TEST_CASE_EXISTS');
    const malformed = await author.post('/api/studio/products/flash-copy/test-cases').send({ testCase: { ...testCase, id: 'Bad Id', expected: { outcome: 'maybe' } } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/testCase/id', '/testCase/expected/outcome']));
    expect((await (await server.as('approver')).post('/api/studio/products/flash-copy/test-cases').send({ testCase: { ...testCase, id: 'other' } })).status).toBe(403);

    const run = await author.post('/api/studio/products/flash-copy/suite-runs').send({});
    expect(run.status).toBe(200);
    expect([run.body.passed, run.body.failed]).toEqual([samples.length, 1]);
    const failing = run.body.results.find((result: { id: string }) => result.id === 'pinned-wrong-limit');
    expect(failing.differences).toEqual([{ field: 'offer.limit', expected: '1.00', actual: (samples[0] as unknown as { expected: { offer: { limit: string } } }).expected.offer.limit }]);
    await author.delete('/api/studio/products/flash-copy/test-cases/pinned-wrong-limit').expect(204);
    expect((await author.post('/api/studio/products/flash-copy/suite-runs').send({})).body.failed).toBe(0);
  });
});
