import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { PgStore } from '../../server/store/postgres/pg-store.ts';
import { startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, portfolioLines, publishFirstVersion, raiseMinimumAge, settledReview } from './impact-fixtures.ts';
import { flashLoan, portfolioRows, storageBackends } from './impact-storage-fixtures.ts';

/**
 * A portfolio's line map (which uploaded line each stored row came from) edited or damaged by hand:
 * the trace comparison answers a 409 with its own code and no stack, the simulation fails saying
 * the map is damaged and what to do, and both are logged (without a row). Before, the map's
 * RangeError reached the error handler (500) and the job's error read "the line map is not JSON".
 */
const DAMAGES = ['not json', '[1]', '[2,1]', '{"rows":1}'];

/** Log lines, parsed, of a pino logger writing into this array. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a damaged line map over HTTP (embedded store)', () => {
  it('the trace comparison answers 409 PORTFOLIO_LINE_MAP_DAMAGED, logged; a new simulation fails saying why', async () => {
    const { logger, lines: logged } = capturingLogger();
    server = await startTestServer({ examplesDir: EXAMPLES, files: true, logger });
    await publishFirstVersion(server);
    const author = await server.as('author');
    // two blank lines first: row n is line n + 2, so a line map is kept
    const uploaded = await author
      .post('/api/studio/products/flash-copy/portfolios?name=bank-file')
      .set('Content-Type', 'application/x-ndjson')
      .send(`\n\n${portfolioLines().join('\n')}\n`)
      .expect(201);
    const hash: string = uploaded.body.portfolio.hash;
    const mapFile = path.join(server.dataDir, 'portfolios', 'flash-copy', `${hash.slice(7)}.lines`);
    expect(fs.readFileSync(mapFile, 'utf8')).toBe('[1,3]'); // row 1 is line 3, written out by hand
    await raiseMinimumAge(server);
    const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ suiteFailureReason: 'minimum age 30' }).expect(201);
    await settledReview(author, submitted.body.id);
    const approver = await server.as('approver');
    const listed = (await approver.get(`/api/studio/reviews/${submitted.body.id}/impact`).expect(200)).body.report.changed.shown[0];
    await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${listed.line}`).expect(200);

    for (const damage of DAMAGES) {
      fs.writeFileSync(mapFile, damage);
      const answer = await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${listed.line}`);
      expect([answer.status, answer.body.code], damage).toEqual([409, 'PORTFOLIO_LINE_MAP_DAMAGED']);
      expect(answer.body.detail).toContain(`line map of portfolio ${hash} is damaged`);
      expect(JSON.stringify(answer.body)).not.toMatch(/ at |\.ts:|RangeError/);
    }
    const warnings = logged.filter((line) => line.msg === 'a portfolio’s line map is damaged');
    expect(warnings).toHaveLength(DAMAGES.length);
    expect(warnings[0]).toMatchObject({ level: 40, portfolio: hash, reviewId: submitted.body.id });
    expect(JSON.stringify(logged)).not.toContain('530102198001011234'); // no row reaches the log

    const started = await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, before: 1, after: 'draft' }).expect(202);
    let job = started.body;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await author.get(`/api/studio/simulations/${job.id}`).expect(200)).body;
    }
    expect(job.status).toBe('failed');
    expect(job.error).toBe(
      `the line map of portfolio ${hash} is damaged (the line map must be an array of row and line differences, in pairs): upload the portfolio again, then run the simulation again`,
    );
    expect(logged.filter((line) => line.msg === 'a portfolio’s line map is damaged' && line.job === job.id)).toHaveLength(1);

    // uploading the file again mends it: the map is written anew with the description
    await author
      .post('/api/studio/products/flash-copy/portfolios?name=bank-file')
      .set('Content-Type', 'application/x-ndjson')
      .send(`\n\n${portfolioLines().join('\n')}\n`)
      .expect(201);
    await approver.get(`/api/studio/reviews/${submitted.body.id}/impact/rows/${listed.line}`).expect(200);
  });
});

describe('a damaged report over HTTP (embedded store)', () => {
  it('the report, its CSV exports and the review’s impact answer 409 REPORT_DAMAGED, logged, instead of 500', async () => {
    const { logger, lines: logged } = capturingLogger();
    server = await startTestServer({ examplesDir: EXAMPLES, files: true, logger });
    await publishFirstVersion(server);
    const author = await server.as('author');
    await author
      .post('/api/studio/products/flash-copy/portfolios?name=bank-file')
      .set('Content-Type', 'application/x-ndjson')
      .send(`${portfolioLines().join('\n')}\n`)
      .expect(201);
    await raiseMinimumAge(server);
    const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ suiteFailureReason: 'minimum age 30' }).expect(201);
    const review = await settledReview(author, submitted.body.id);
    const report: string = review.impact.simulation.report;
    const file = path.join(server.dataDir, 'reports', `${report.slice(7)}.json`);
    const approver = await server.as('approver');
    await approver.get(`/api/studio/reports/${report}/summary.csv`).expect(200);
    for (const damage of [fs.readFileSync(file, 'utf8').slice(0, 100), '', '{"versions": []}']) {
      fs.writeFileSync(file, damage);
      for (const route of [`/reports/${report}`, `/reports/${report}/summary.csv`, `/reports/${report}/changed.csv`, `/reviews/${submitted.body.id}/impact`]) {
        const answer = await approver.get(`/api/studio${route}`);
        expect([answer.status, answer.body.code], `${route} ${damage.slice(0, 20)}`).toEqual([409, 'REPORT_DAMAGED']);
        expect(JSON.stringify(answer.body)).not.toMatch(/ at |\.ts:|SyntaxError/);
      }
    }
    expect(logged.filter((line) => line.msg === 'a stored simulation report is damaged' && line.report === report)).toHaveLength(12);
    // a damaged report is not one the approver opened: nothing recorded
    expect((await server.store.listAudit({ productId: 'flash-copy' })).filter((event) => event.action === 'review.impact.open')).toEqual([]);
  });
});

const { kinds, backend } = storageBackends();

describe.each(kinds)('a damaged line map in %s', (kind) => {
  it('fails the simulation with the reason, logged', async () => {
    const place = await backend(kind);
    const errors: { details: object; message: string }[] = [];
    const services = place.services({ logger: { error: (details, message) => void errors.push({ details, message }) } });
    const rows = portfolioRows(1);
    const { portfolio } = await services.portfolios.save(Readable.from([`\n${rows.join('\n')}\n`]), {
      productId: 'flash-copy',
      name: 'gappy',
      format: 'jsonl',
      uploadedBy: 'author',
      now: '2026-11-22T08:00:00.000Z',
    });
    if (kind === 'postgres') await (place as unknown as { store: PgStore }).store.pool.query(`UPDATE portfolios SET line_map = '[3,2]' WHERE hash = $1`, [portfolio.hash]);
    else fs.writeFileSync(path.join((services.portfolios as unknown as { dir: string }).dir, 'flash-copy', `${portfolio.hash.slice(7)}.lines`), '[3,2]');
    await expect(services.portfolios.lineMap('flash-copy', portfolio.hash)).rejects.toThrow(/line map of portfolio .* is damaged \(breakpoint 1 of the line map must move/);
    const job = await services.jobs.start({
      productId: 'flash-copy',
      portfolio: { hash: portfolio.hash, rows: portfolio.rows },
      definitions: [flashLoan()],
      versions: { before: null, after: 'draft' },
      startedBy: 'author',
      asOf: '2026-11-22',
    });
    await services.jobs.settled(job.id);
    const done = await services.jobs.get(job.id);
    expect(done).toMatchObject({ status: 'failed' });
    expect(done?.error).toMatch(/^the line map of portfolio sha256:[0-9a-f]{64} is damaged \(.+\): upload the portfolio again, then run the simulation again$/);
    expect(errors).toEqual([{ details: expect.objectContaining({ job: job.id, portfolio: portfolio.hash }), message: 'a portfolio’s line map is damaged' }]);
  });
});
