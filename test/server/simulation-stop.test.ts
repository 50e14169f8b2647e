import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { startProcess } from '../replicas/deployment.ts';
import { filesBackend, flashLoan, portfolioRows, upload } from './impact-storage-fixtures.ts';
import { signIn, spawnServer, type SpawnedServer } from './spawn-server.ts';

/**
 * A graceful stop (SIGTERM) of the process running a portfolio simulation: the simulation stops and
 * is stored as failed, "interrupted", before the process exits — so the job file says so (embedded
 * store) and another process shows it at once (PostgreSQL), not "running" until its heartbeat
 * times out.
 */
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
const processes: SpawnedServer[] = [];
afterAll(async () => {
  for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  for (const server of processes) if (!server.dataDir.includes('..')) await fs.rm(server.dataDir, { recursive: true, force: true });
  await cluster?.remove();
});

interface Job {
  id: string;
  status: string;
  progress: { rows: number; total: number; remainingMs: number | null };
  error?: string;
}
type Call = (server: SpawnedServer, method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** Signs in the author (and approver) and returns a caller as the author. */
async function author(server: SpawnedServer): Promise<{ call: Call; approve: (reviewId: string) => Promise<number>; cookie: string }> {
  const cookies = { author: await signIn(server.base, 'author', 'author-demo-pass'), approver: await signIn(server.base, 'approver', 'approver-demo-pass') };
  const request = async (cookie: string, target: SpawnedServer, method: string, url: string, body?: unknown) => {
    const response = await fetch(`${target.base}/api/studio${url}`, {
      method,
      headers: { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', origin: target.base, cookie },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
  };
  return {
    cookie: cookies.author,
    call: (target, method, url, body) => request(cookies.author, target, method, url, body),
    approve: async (reviewId) => (await request(cookies.approver, server, 'POST', `/reviews/${reviewId}/approve`, {})).status,
  };
}

/** Publishes a flash-loan copy, uploads 66,000 rows (still deciding when the stop comes, on a fast hour too) and starts simulating them; resolves once the job has decided some rows. */
async function runningSimulation(server: SpawnedServer): Promise<{ job: Job; call: Call; portfolio: string; cookie: string }> {
  const { call, approve, cookie } = await author(server);
  expect((await call(server, 'POST', '/products', { from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } })).status).toBe(201);
  const review = await call(server, 'POST', '/products/flash-copy/submit', {});
  expect(await approve(review.body.id)).toBe(200);
  const uploaded = await call(server, 'POST', '/products/flash-copy/portfolios?name=big', `${portfolioRows(6000).join('\n')}\n`);
  expect(uploaded.status).toBe(201);
  const started = await call(server, 'POST', '/products/flash-copy/simulations', { portfolio: uploaded.body.portfolio.hash, before: 1, after: 'draft' });
  expect(started.status).toBe(202);
  let job = started.body as Job;
  while (job.status === 'running' && job.progress.rows === 0) job = (await call(server, 'GET', `/simulations/${job.id}`)).body;
  expect(job.status).toBe('running'); // still deciding: 66,000 rows against two versions take seconds
  return { job, call, portfolio: uploaded.body.portfolio.hash, cookie };
}

/** Sends SIGTERM and waits for the exit; the milliseconds it took. */
async function stop(server: SpawnedServer): Promise<{ code: number | null; ms: number }> {
  const at = performance.now();
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  return { code, ms: performance.now() - at };
}

const expectInterrupted = (job: Job, id: string) => {
  expect(job).toMatchObject({ id, status: 'failed', progress: { remainingMs: null } });
  expect(job.error).toMatch(/^interrupted: the server was stopped \(SIGTERM\)/);
  expect(job.progress.rows).toBeLessThan(job.progress.total);
};

describe('a graceful stop ends the simulations it runs as interrupted', () => {
  it('in one process: the jobs stop and are stored as interrupted, a user’s cancel stays cancelled, later starts are refused', async () => {
    const backend = await filesBackend();
    try {
      const services = backend.services();
      const { portfolio } = await upload(services, 'p', portfolioRows(400), 'big'); // 4,400 rows, in this thread
      const input = { productId: 'p', portfolio, definitions: [flashLoan(), flashLoan()], versions: { before: 1, after: 'draft' as const }, startedBy: 'author', asOf: '2026-11-22' };
      const settled: string[] = [];
      const running = await services.jobs.start({ ...input, onSettled: async (job) => void settled.push(job.status) });
      const cancelled = await services.jobs.start(input);
      expect((await services.jobs.cancel(cancelled.id))?.status).toBe('cancelled'); // a cancel here waits for the job to stop (and store so)
      const { stopped } = await services.jobs.interruptAll('the server was stopped (SIGTERM) while this simulation ran; start it again');
      expect(stopped).toBe(1);
      expect(settled).toEqual(['failed']); // onSettled ran before interruptAll resolved
      const stored = await backend.services().jobs.records.get(running.id); // as another reader of the files sees it
      expectInterrupted(stored as Job, running.id);
      expect((await services.jobs.get(cancelled.id))!.status).toBe('cancelled');
      await expect(services.jobs.start(input)).rejects.toMatchObject({ status: 503, code: 'SHUTTING_DOWN' });
    } finally {
      await backend.close();
    }
  }, 60_000);

  it('embedded store: after SIGTERM the job file and the review’s simulation say failed, interrupted', async () => {
    const server = await spawnServer({ DECISION_THREADS: '0' });
    processes.push(server);
    const { job, call, portfolio, cookie } = await runningSimulation(server);
    // and a review whose impact simulation runs: a draft raising the minimum age, submitted
    const product = (await call(server, 'GET', '/products/flash-copy')).body as { revision: number; document: { blocks: { type: string; config: { minAge?: number } }[] } };
    product.document.blocks.find((block) => block.type === 'age-gate')!.config.minAge = 30;
    const saved = await fetch(`${server.base}/api/studio/products/flash-copy/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: server.base, cookie, 'if-match': `"${product.revision}"` },
      body: JSON.stringify({ document: product.document }),
    });
    expect(saved.status).toBe(200);
    const review = await call(server, 'POST', '/products/flash-copy/submit', { portfolio, suiteFailureReason: 'The minimum age rises to 30 on purpose' });
    expect(review.status).toBe(201);
    expect(review.body.impact.simulation.status).toBe('running');

    const { code, ms } = await stop(server);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const stored = JSON.parse(await fs.readFile(path.join(server.dataDir, 'jobs', `${job.id}.json`), 'utf8')) as Job; // read as the process left it, no restart
    expectInterrupted(stored, job.id);
    // the review's simulation was written into the store before it closed: failed, interrupted (re-runnable), not left running
    const data = JSON.parse(await fs.readFile(path.join(server.dataDir, 'store.json'), 'utf8')) as { reviews: { id: string; impact?: { simulation?: { status: string; error?: string } } }[] };
    const simulation = data.reviews.find((candidate) => candidate.id === review.body.id)!.impact!.simulation!;
    expect(simulation.status).toBe('failed');
    expect(simulation.error).toMatch(/^interrupted: the server was stopped \(SIGTERM\)/);
  }, 180_000);

  it.skipIf(!hasPostgres)(
    'PostgreSQL: another process shows the job failed, interrupted, as soon as the stopped one has exited',
    async () => {
      cluster = await startCluster();
      const url = await cluster.createDatabase('stop');
      const env = { SIMULATION_STALE_MS: '600000' }; // ten minutes: the stale rule cannot be what shows it
      const a = await startProcess(url, 'all', env);
      processes.push(a);
      const b = await startProcess(url, 'all', env);
      processes.push(b);
      const { job, call } = await runningSimulation(a);
      expect((await call(b, 'GET', `/simulations/${job.id}`)).body.status).toBe('running');
      const { code, ms } = await stop(a);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      const seen = await call(b, 'GET', `/simulations/${job.id}`);
      expect(seen.status).toBe(200);
      expectInterrupted(seen.body, job.id);
      expect((await call(b, 'DELETE', `/simulations/${job.id}`)).body.status).toBe('failed'); // nothing left to cancel
    },
    240_000,
  );
});
