import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { startProcess } from '../replicas/deployment.ts';
import { portfolioRows } from '../server/impact-storage-fixtures.ts';
import { signIn as signInApi, type SpawnedServer } from '../server/spawn-server.ts';
import { DEMO, ROOT, SCREENSHOTS, shot, signIn } from './harness.ts';

/**
 * Two authoring processes on one PostgreSQL: a review's simulation runs on A, the approver cancels
 * it from a page served by B. B cannot stop it itself, so the page says the cancel is under way
 * (正在取消模拟…) — not "running" — until A stopped it, then that it was cancelled.
 */
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
let browser: Browser | undefined;
const processes: SpawnedServer[] = [];
afterAll(async () => {
  await browser?.close();
  for (const server of processes) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await cluster?.remove();
});

/** The studio build the servers serve, built when missing or older than its sources (as the harness does). */
function ensureBuilt(): void {
  const dist = path.join(ROOT, 'studio/dist/index.html');
  const newest = (dir: string): number =>
    Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(path.join(dir, entry.name)) : fs.statSync(path.join(dir, entry.name)).mtimeMs)));
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs > newest(path.join(ROOT, 'studio/src'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

describe.skipIf(!hasPostgres)('cancelling a review’s simulation that another process runs', () => {
  it('shows 正在取消模拟… until the running process stopped it, then 已取消', async () => {
    ensureBuilt();
    cluster = await startCluster();
    const url = await cluster.createDatabase('cancelling');
    const a = await startProcess(url, 'all');
    processes.push(a);
    const b = await startProcess(url, 'all');
    processes.push(b);
    const author = await signInApi(a.base, DEMO.author.username, DEMO.author.password);
    const approver = await signInApi(a.base, DEMO.approver.username, DEMO.approver.password);
    const call = async (cookie: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${a.base}/api/studio${route}`, {
        method,
        headers: { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', origin: a.base, cookie, ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    };
    // version 1, a big portfolio, a draft raising the minimum age: submitted through A, so its simulation runs on A
    expect((await call(author, 'POST', '/products', { from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } })).status).toBe(201);
    const first = await call(author, 'POST', '/products/flash-copy/submit', {});
    expect((await call(approver, 'POST', `/reviews/${first.body.id}/approve`, {})).status).toBe(200);
    const big = await call(author, 'POST', '/products/flash-copy/portfolios?name=big', `${portfolioRows(12000).join('\n')}\n`); // 132,000 rows: still running when the cancel is clicked, on a fast hour too
    expect(big.status).toBe(201);
    const product = (await call(author, 'GET', '/products/flash-copy')).body;
    product.document.blocks.find((block: { type: string }) => block.type === 'age-gate').config.minAge = 30;
    expect((await call(author, 'PUT', '/products/flash-copy/draft', { document: product.document }, { 'if-match': `"${product.revision}"` })).status).toBe(200);
    const review = await call(author, 'POST', '/products/flash-copy/submit', { portfolio: big.body.portfolio.hash, suiteFailureReason: '准入年龄下限调整为 30 岁' });
    expect(review.status).toBe(201);

    // the approver's page is served by B
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await signIn(page, b.base, DEMO.approver);
    await page.goto(`${b.base}/#/reviews/${review.body.id}`);
    const running = page.locator('.simulation-running');
    await running.getByText(/已决策 [1-9][\d,]* \/ 132,000 笔/).waitFor({ timeout: 60_000 });
    await running.getByRole('button', { name: '取消模拟' }).click();
    // B answered 202 cancelling: the page says so, offers no second cancel, and approve says why it waits
    await page.locator('.simulation-running', { hasText: '正在取消模拟…' }).waitFor();
    expect(await page.locator('.portfolio-progress').textContent()).toMatch(/^已决策 [\d,]+ \/ 132,000 笔 · 正在取消…$/); // no time left promised
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await shot(page, 'impact-cancelling-zh');
    expect(await page.locator('.simulation-running').getByRole('button', { name: '取消模拟' }).count()).toBe(0);
    // then A's next beat stops the job, and the page reads cancelled with a re-run
    await page.getByText('客群模拟已取消，尚无影响报告。').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '重新模拟' }).waitFor();
  }, 300_000);
});
