import fs from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { portfolioRows } from './impact-storage-fixtures.ts';
import { signIn, spawnServer, type SpawnedServer } from './spawn-server.ts';

/**
 * The embedded store keeps simulation jobs as files too: after a restart (here kill -9, the worst
 * kind) a finished job still answers with its report, and one that was running answers failed,
 * "interrupted" — never 'running' forever, never 404.
 */
const processes: SpawnedServer[] = [];
afterAll(async () => {
  for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  if (processes[0]) await fs.rm(processes[0].dataDir, { recursive: true, force: true });
});

describe('simulation jobs across a restart (embedded store)', () => {
  it('shows the finished job with its report and the running one as failed, interrupted', async () => {
    const first = await spawnServer({ DECISION_THREADS: '0' });
    processes.push(first);
    const author = await signIn(first.base, 'author', 'author-demo-pass');
    const approver = await signIn(first.base, 'approver', 'approver-demo-pass');
    const call = async (server: SpawnedServer, cookie: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.base}/api/studio${path}`, {
        method,
        headers: { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', origin: server.base, cookie },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
    };
    expect((await call(first, author, 'POST', '/products', { from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } })).status).toBe(201);
    const review = await call(first, author, 'POST', '/products/flash-copy/submit', {});
    expect((await call(first, approver, 'POST', `/reviews/${review.body.id}/approve`, {})).status).toBe(200);
    const small = (await call(first, author, 'POST', '/products/flash-copy/portfolios?name=small', `${portfolioRows(2).join('\n')}\n`)).body.portfolio.hash;
    const big = (await call(first, author, 'POST', '/products/flash-copy/portfolios?name=big', `${portfolioRows(8000).join('\n')}\n`)).body.portfolio.hash; // 88,000 rows: still running when the process is killed

    const finished = (await call(first, author, 'POST', '/products/flash-copy/simulations', { portfolio: small, before: 1, after: 'draft' })).body as { id: string };
    let job: { status: string; report?: string; progress: { rows: number } } = { status: 'running', progress: { rows: 0 } };
    while (job.status === 'running') job = (await call(first, author, 'GET', `/simulations/${finished.id}`)).body;
    expect(job.status).toBe('done');
    const running = (await call(first, author, 'POST', '/products/flash-copy/simulations', { portfolio: big, before: 1, after: 'draft' })).body as { id: string };
    let progress = 0;
    while (progress === 0) progress = (await call(first, author, 'GET', `/simulations/${running.id}`)).body.progress.rows;
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServer({ DECISION_THREADS: '0' }, first.dataDir);
    processes.push(second);
    const again = await signIn(second.base, 'author', 'author-demo-pass');
    const kept = await call(second, again, 'GET', `/simulations/${finished.id}`);
    expect(kept.body).toMatchObject({ id: finished.id, status: 'done', report: job.report });
    expect((await call(second, again, 'GET', `/reports/${job.report}`)).status).toBe(200);
    const interrupted = await call(second, again, 'GET', `/simulations/${running.id}`);
    expect(interrupted.status).toBe(200);
    expect(interrupted.body).toMatchObject({ id: running.id, status: 'failed', progress: { remainingMs: null } });
    expect(interrupted.body.error).toMatch(/^interrupted: /);
    expect((await call(second, again, 'DELETE', `/simulations/${running.id}`)).body).toMatchObject({ status: 'failed' }); // nothing left to cancel
  }, 180_000);
});
