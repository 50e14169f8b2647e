import { afterAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { portfolioRows, samples } from '../server/impact-storage-fixtures.ts';
import { signIn, type SpawnedServer } from '../server/spawn-server.ts';
import { startProcess } from './deployment.ts';

/**
 * Two authoring processes behind one load balancer on one PostgreSQL: a portfolio uploaded through
 * one is listed, simulated and deleted through the other; a job started on one is polled and
 * cancelled through the other; a review's report is read through either; and a job whose process
 * is killed shows as failed, interrupted, on the survivor.
 */
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
const processes: SpawnedServer[] = [];
afterAll(async () => {
  for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await cluster?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
interface Job {
  id: string;
  status: string;
  progress: { rows: number; total: number };
  report?: string;
  error?: string;
}

describe.skipIf(!hasPostgres)('impact data shared by two authoring processes on PostgreSQL', () => {
  it('uploads through A, lists, simulates, reads, cancels through B, and shows a killed job as interrupted', async () => {
    cluster = await startCluster();
    const url = await cluster.createDatabase('impact');
    const env = { SIMULATION_STALE_MS: '3000' };
    const a = await startProcess(url, 'all', env);
    processes.push(a);
    const b = await startProcess(url, 'all', env);
    processes.push(b);
    const author = await signIn(a.base, 'author', 'author-demo-pass'); // sessions are shared: the cookie works on both
    const approver = await signIn(b.base, 'approver', 'approver-demo-pass');
    const call = async (server: SpawnedServer, cookie: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.base}/api/studio${path}`, {
        method,
        headers: { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', origin: server.base, cookie },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    };
    const poll = async (server: SpawnedServer, id: string, until: (job: Job) => boolean, ms = 60_000): Promise<Job> => {
      const deadline = Date.now() + ms;
      for (;;) {
        const { status, body } = await call(server, author, 'GET', `/simulations/${id}`);
        expect(status).toBe(200);
        if (until(body as Job) || Date.now() > deadline) return body as Job;
        await sleep(50);
      }
    };

    // version 1 of a flash-loan copy: created and submitted through A, approved through B
    const created = await call(a, author, 'POST', '/products', { from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } });
    expect(created.status).toBe(201);
    const first = await call(a, author, 'POST', '/products/flash-copy/submit', {});
    expect(first.status).toBe(201);
    expect((await call(b, approver, 'POST', `/reviews/${first.body.id}/approve`, {})).status).toBe(200);

    // upload through A, list through B
    const uploaded = await call(a, author, 'POST', '/products/flash-copy/portfolios?name=samples', `${portfolioRows(3).join('\n')}\n`);
    expect(uploaded.status).toBe(201);
    const small = uploaded.body.portfolio.hash as string;
    expect((await call(b, author, 'GET', '/products/flash-copy/portfolios')).body.portfolios.map((p: { hash: string }) => p.hash)).toEqual([small]);

    // the draft raises the minimum age to 30 (saved through B); simulate through B, poll and read the report through A
    const product = (await call(b, author, 'GET', '/products/flash-copy')).body as { revision: number; document: FlowDocument };
    const document = structuredClone(product.document);
    (document.blocks.find((block) => block.type === 'age-gate')!.config as { minAge: number }).minAge = 30;
    const saved = await fetch(`${b.base}/api/studio/products/flash-copy/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: author, 'if-match': `"${product.revision}"` },
      body: JSON.stringify({ document }),
    });
    expect(saved.status).toBe(200);
    const started = await call(b, author, 'POST', '/products/flash-copy/simulations', { portfolio: small, before: 1, after: 'draft' });
    expect(started.status).toBe(202);
    const done = await poll(a, started.body.id, (job) => job.status !== 'running');
    expect(done).toMatchObject({ status: 'done', progress: { rows: 3 * samples.length, total: 3 * samples.length } });
    const report = await call(a, approver, 'GET', `/reports/${done.report}`);
    expect(report.status).toBe(200);
    // counted from the sample files: approvals before; after, the approvals of applicants aged 30 or more
    const approvals = samples.filter((sample) => sample.expected.outcome === 'approve');
    const stillApproved = approvals.filter((sample) => (sample.application.applicant.age as number) >= 30);
    expect(report.body.versions.map((version: { outcomes: { approve: number } }) => version.outcomes.approve)).toEqual([3 * approvals.length, 3 * stillApproved.length]);
    const csv = await call(b, approver, 'GET', `/reports/${done.report}/summary.csv`);
    expect(csv.status).toBe(200);
    expect(csv.body).toMatch(/^section,/);

    // a review submitted through A (its impact simulated there) is opened, and its rows decided again, through B
    const review = await call(a, author, 'POST', '/products/flash-copy/submit', { portfolio: small, suiteFailureReason: 'The minimum age rises to 30 on purpose' });
    expect(review.status).toBe(201);
    expect(review.body.impact.simulation.status).toBe('running'); // submission does not wait for the simulation
    // the job on A writes its summary into the review in PostgreSQL; B reads it
    let settled = review.body;
    for (const deadline = Date.now() + 60_000; settled.impact.simulation.status === 'running' && Date.now() < deadline; await sleep(50))
      settled = (await call(b, approver, 'GET', `/reviews/${review.body.id}`)).body;
    expect(settled.impact.simulation).toMatchObject({ status: 'done', job: review.body.impact.simulation.job, report: done.report }); // the same rows against the same versions: the same report
    const impact = await call(b, approver, 'GET', `/reviews/${review.body.id}/impact`);
    expect(impact.status).toBe(200);
    expect(impact.body.report.versions[1].outcomes.approve).toBe(3 * stillApproved.length);
    const line = impact.body.report.changed.shown[0].line; // the traces are served for the applicants the report lists as changed
    const row = await call(b, approver, 'GET', `/reviews/${review.body.id}/impact/rows/${line}`);
    expect(row.status).toBe(200);
    expect(row.body.before.decision).toBeDefined();

    // a big portfolio through B; a job started on A is cancelled through B
    // 132,000 rows: both jobs below must still run when their cancel arrives, on the fastest hour of a fast machine (44,000 were done in about 2 s)
    const big = await call(b, author, 'POST', '/products/flash-copy/portfolios?name=big', `${portfolioRows(12000).join('\n')}\n`);
    expect(big.status).toBe(201);
    const bigHash = big.body.portfolio.hash as string;
    const running = await call(a, author, 'POST', '/products/flash-copy/simulations', { portfolio: bigHash, before: 1, after: 'draft' });
    expect(running.status).toBe(202);
    await poll(b, running.body.id, (job) => job.progress.rows > 0 || job.status !== 'running');
    const asked = await call(b, author, 'DELETE', `/simulations/${running.body.id}`);
    // B does not run it: the answer says the cancel is under way, not "running", and so does every read until A stored it stopped
    expect([asked.status, asked.body.status]).toEqual([202, 'cancelling']);
    const cancelled = await poll(b, running.body.id, (job) => job.status !== 'cancelling', 10_000);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.rows).toBeLessThan(cancelled.progress.total);

    // the same for a review's simulation: submitted through A (it runs there), cancelled through B
    expect((await call(b, approver, 'POST', `/reviews/${review.body.id}/reject`, { comment: 'again on the big portfolio' })).status).toBe(200);
    const second = await call(a, author, 'POST', '/products/flash-copy/submit', { portfolio: bigHash, suiteFailureReason: 'The minimum age rises to 30 on purpose' });
    expect(second.status).toBe(201);
    await poll(b, second.body.impact.simulation.job, (job) => job.progress.rows > 0 || job.status !== 'running');
    const stopping = await call(b, approver, 'POST', `/reviews/${second.body.id}/impact/cancel`, {});
    expect([stopping.status, stopping.body.impact.simulation.status]).toEqual([202, 'cancelling']);
    const meanwhile = await call(b, approver, 'GET', `/reviews/${second.body.id}`);
    expect(['cancelling', 'cancelled']).toContain(meanwhile.body.impact.simulation.status);
    let reviewStopped = meanwhile.body;
    for (const deadline = Date.now() + 10_000; reviewStopped.impact.simulation.status === 'cancelling' && Date.now() < deadline; await sleep(50))
      reviewStopped = (await call(b, approver, 'GET', `/reviews/${second.body.id}`)).body;
    expect(reviewStopped.impact.simulation.status).toBe('cancelled');

    // a job running on B when B is killed: A shows it failed, interrupted, once the heartbeat is older than SIMULATION_STALE_MS
    const doomed = await call(b, author, 'POST', '/products/flash-copy/simulations', { portfolio: bigHash, before: 1, after: 'draft' });
    expect(doomed.status).toBe(202);
    const beating = await poll(a, doomed.body.id, (job) => job.progress.rows > 0 || job.status !== 'running');
    expect(beating.status).toBe('running');
    b.child.kill('SIGKILL');
    await b.exited;
    const killedAt = Date.now();
    expect((await call(a, author, 'GET', `/simulations/${doomed.body.id}`)).body.status).toBe('running'); // not yet: the last beat is recent
    const interrupted = await poll(a, doomed.body.id, (job) => job.status !== 'running', 15_000);
    expect(interrupted.status).toBe('failed');
    expect(interrupted.error).toMatch(/^interrupted: /);
    expect(Date.now() - killedAt).toBeLessThan(3000 + 3000);

    // deleted through A: gone for everyone, the review's report stays
    expect((await call(a, author, 'DELETE', `/products/flash-copy/portfolios/${bigHash}`)).status).toBe(204);
    expect((await call(a, author, 'GET', '/products/flash-copy/portfolios')).body.portfolios.map((p: { hash: string }) => p.hash)).toEqual([small]);
    expect((await call(a, approver, 'GET', `/reports/${done.report}`)).status).toBe(200);
  }, 240_000);
});
