import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import request, { type Agent } from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { catalog, PASSWORDS, startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, movedByMinimumAge, portfolioLines, publishFirstVersion, raiseMinimumAge, samples, settledReview, upload } from './impact-fixtures.ts';

/**
 * Submission answers at once; the review follows its portfolio simulation (#16): approval waits
 * for the summary and for the report to be opened, the summary lands in the review and the audit
 * log, a cancelled or interrupted simulation is re-run, and rejecting a review stops its simulation.
 */
const COPIES = 1000; // 11,000 applications: the job (threads 0) still runs for a while after the submission has answered
const REASON = 'Policy raises the minimum age to 30; the 22-year-old boundary case is obsolete';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ examplesDir: EXAMPLES, files: true });
  await publishFirstVersion(server);
});
afterEach(() => server.close());

/** Uploads the big portfolio, raises the minimum age and submits: the 201 answer. */
async function submitBig(author: Agent) {
  const { hash } = (await upload(server, portfolioLines(COPIES))).body.portfolio;
  await raiseMinimumAge(server);
  const submitted = await author.post('/api/studio/products/flash-copy/submit').send({ comment: 'older applicants only', suiteFailureReason: REASON });
  expect(submitted.status).toBe(201);
  return { hash, review: submitted.body };
}

const actions = async (action: string) => (await server.store.listAudit({ productId: 'flash-copy' })).filter((event) => event.action === action);

describe('submission with a portfolio simulation', () => {
  it('answers before the simulation ends, refuses approval while it runs, then records the summary in the review and the audit log', async () => {
    const approver = await server.as('approver'); // signed in before: the approval follows the submission at once
    const { hash, review } = await submitBig(await server.as('author'));
    const { job } = review.impact.simulation;
    expect(review.impact.simulation).toEqual({ status: 'running', job, portfolio: { hash, name: 'samples', rows: COPIES * samples.length }, against: 1 });
    // the job had not finished when the submission answered: the approval right after is refused while it still runs
    const early = await approver.post(`/api/studio/reviews/${review.id}/approve`).send({});
    const running = (await approver.get(`/api/studio/simulations/${job}`).expect(200)).body;
    expect([early.status, early.body.code]).toEqual([409, 'IMPACT_PENDING']);
    expect(running.status).toBe('running');
    expect(running.progress.rows).toBeLessThan(COPIES * samples.length);
    expect((await approver.get('/api/studio/reviews?status=open')).body.reviews[0].impact.simulation.status).toBe('running');
    // opening the impact while it runs shows no report and does not count as having read it
    expect((await approver.get(`/api/studio/reviews/${review.id}/impact`).expect(200)).body.report).toBeNull();

    const { impact } = await settledReview(approver, review.id);
    const moved = movedByMinimumAge().length;
    expect(impact.simulation).toMatchObject({ status: 'done', job, against: 1, changed: COPIES * moved, badRows: 0 });
    expect(impact.simulation.outcomes.after.decline - impact.simulation.outcomes.before.decline).toBe(COPIES * moved);
    // the audit event follows the review's update within moments (two writes): wait for it
    const [ended] = await vi.waitFor(async () => {
      const events = await actions('review.impact');
      expect(events.length).toBeGreaterThan(0);
      return events;
    });
    expect(ended).toMatchObject({ actor: 'author', detail: { reviewId: review.id, simulation: impact.simulation } });

    expect((await approver.post(`/api/studio/reviews/${review.id}/approve`).send({})).body.code).toBe('IMPACT_NOT_OPENED');
    const opened = (await approver.get(`/api/studio/reviews/${review.id}/impact`).expect(200)).body;
    expect(opened.report.changed.count).toBe(COPIES * moved);
    await approver.post(`/api/studio/reviews/${review.id}/approve`).send({}).expect(200);
  });

  it('cancels a running simulation, refuses approval while it is cancelled, and re-runs it to a report', async () => {
    const author = await server.as('author');
    const approver = await server.as('approver');
    const { review } = await submitBig(author);
    const first = review.impact.simulation.job;
    const cancelled = await author.post(`/api/studio/reviews/${review.id}/impact/cancel`).send({});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.impact.simulation).toMatchObject({ status: 'cancelled', job: first });
    expect((await actions('review.impact'))[0].detail).toMatchObject({ reviewId: review.id, simulation: { status: 'cancelled', job: first } });
    expect((await author.post(`/api/studio/reviews/${review.id}/impact/cancel`).send({})).body.code).toBe('IMPACT_NOT_RUNNING');
    await approver.get(`/api/studio/reviews/${review.id}/impact`).expect(200);
    const refused = await approver.post(`/api/studio/reviews/${review.id}/approve`).send({});
    expect([refused.status, refused.body.code]).toEqual([409, 'IMPACT_INCOMPLETE']);

    // two re-runs at once (the author's and the approver's): one starts, the other is told one runs
    const both = await Promise.all([approver, author].map((agent) => agent.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({})));
    expect(both.map((response) => response.status).sort()).toEqual([202, 409]);
    const rerun = both.find((response) => response.status === 202)!;
    expect(both.find((response) => response.status === 409)!.body.code).toBe('IMPACT_PENDING');
    expect(rerun.body.impact.simulation).toMatchObject({ status: 'running', against: 1 });
    expect(rerun.body.impact.simulation.job).not.toBe(first);
    expect((await approver.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({})).body.code).toBe('IMPACT_PENDING');
    const { impact } = await settledReview(approver, review.id);
    expect(impact.simulation).toMatchObject({ status: 'done', job: rerun.body.impact.simulation.job, changed: COPIES * movedByMinimumAge().length });
    expect((await approver.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({})).body.code).toBe('IMPACT_NOT_RERUNNABLE');
    const reruns = await actions('review.impact.rerun');
    expect(reruns).toHaveLength(1);
    expect(reruns[0]).toMatchObject({ detail: { reviewId: review.id, previous: { status: 'cancelled', job: first }, simulation: { job: rerun.body.impact.simulation.job } } });
    await approver.get(`/api/studio/reviews/${review.id}/impact`).expect(200);
    await approver.post(`/api/studio/reviews/${review.id}/approve`).send({}).expect(200);
  });

  it('stops the simulation of a rejected review', async () => {
    const approver = await server.as('approver');
    const { review } = await submitBig(await server.as('author'));
    await approver.post(`/api/studio/reviews/${review.id}/reject`).send({ comment: 'not this quarter' }).expect(200);
    const { impact, status } = await settledReview(approver, review.id);
    expect(status).toBe('rejected');
    expect(impact.simulation.status).toBe('cancelled');
    expect((await approver.get(`/api/studio/simulations/${review.impact.simulation.job}`)).body.status).toBe('cancelled');
    await vi.waitFor(async () => expect((await actions('review.impact'))[0]?.detail).toMatchObject({ reviewId: review.id, simulation: { status: 'cancelled' } }));
    expect((await approver.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({})).body.code).toBe('REVIEW_CLOSED');
  });

  it('shows a simulation cut off by a restart as failed (interrupted), and re-runs it; the old job’s late end writes nothing', async () => {
    const author = await server.as('author');
    // a second app over the same store and data directory: a restarted process, with no jobs of its own
    const restarted = createApp({
      store: server.store,
      catalog: catalog(),
      runtime: server.runtime,
      logger: pino({ level: 'silent' }),
      clock: () => new Date('2025-06-01T08:00:00Z'),
      examplesDir: path.join(server.dataDir, 'no-examples'),
      dataDir: server.dataDir,
      simulationThreads: 0,
    });
    const approver = request.agent(restarted);
    await approver.post('/api/studio/session').send({ username: 'approver', password: PASSWORDS.approver }).expect(200);
    const { review } = await submitBig(author);
    // the restarted process finds the job file running but runs no such job: it reads as failed, interrupted
    const interrupted = (await approver.get(`/api/studio/reviews/${review.id}`).expect(200)).body;
    expect(interrupted.impact.simulation).toMatchObject({ status: 'failed', job: review.impact.simulation.job, error: expect.stringMatching(/^interrupted/) });
    expect((await approver.post(`/api/studio/reviews/${review.id}/approve`).send({})).body.code).toBe('IMPACT_INCOMPLETE');
    const rerun = (await approver.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({}).expect(202)).body;
    const { impact } = await settledReview(approver, review.id);
    expect(impact.simulation).toMatchObject({ status: 'done', job: rerun.impact.simulation.job });
    // the first process's job ends too, later or sooner: the review keeps the re-run's summary
    for (let i = 0; i < 400 && (await author.get(`/api/studio/simulations/${review.impact.simulation.job}`)).body.status === 'running'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await server.store.getReview(review.id))!.impact!.simulation).toMatchObject({ status: 'done', job: rerun.impact.simulation.job });
    // the first process was not really gone: its job may have ended before the re-run replaced it, never after
    const jobsEnded = async () => (await actions('review.impact')).map((event) => (event.detail!.simulation as { job: string }).job);
    await vi.waitFor(async () => expect((await jobsEnded()).at(-1)).toBe(rerun.impact.simulation.job)); // the audit event follows the review's update
    const ended = await jobsEnded();
    expect(ended.slice(0, -1).every((job) => job === review.impact.simulation.job)).toBe(true);
  });

  it('shows a simulation whose job no process knows as interrupted, and re-runs it', async () => {
    const author = await server.as('author');
    const { review } = await submitBig(author);
    const running = review.impact.simulation;
    // the review names a job that no process has (e.g. its record was lost); the real job's end then writes nothing
    const lost = { ...running, job: randomUUID() };
    expect(await server.store.recordReviewSimulation(review.id, lost, running.job)).toBeDefined();
    await author.post(`/api/studio/reviews/${review.id}/impact/cancel`).send({}).expect(409);
    expect((await author.get(`/api/studio/reviews/${review.id}`)).body.impact.simulation).toEqual({ ...lost, status: 'interrupted' });
    expect((await author.get('/api/studio/reviews?status=open')).body.reviews[0].impact.simulation.status).toBe('interrupted');
    const rerun = (await author.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({}).expect(202)).body;
    expect((await settledReview(author, review.id)).impact.simulation).toMatchObject({ status: 'done', job: rerun.impact.simulation.job });
    await author.delete(`/api/studio/simulations/${running.job}`);
  });

  it('refuses to re-run when the portfolio was deleted meanwhile', async () => {
    const author = await server.as('author');
    const { hash, review } = await submitBig(author);
    await author.post(`/api/studio/reviews/${review.id}/impact/cancel`).send({}).expect(200);
    await author.delete(`/api/studio/products/flash-copy/portfolios/${hash}`).expect(204);
    const gone = await author.post(`/api/studio/reviews/${review.id}/impact/rerun`).send({});
    expect([gone.status, gone.body.code]).toEqual([410, 'PORTFOLIO_GONE']);
  });
});
