import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real-browser test harness: Debian's Chromium, the studio built once, and the real server
 * (`node --import tsx server/main.ts`) on a free port with a throw-away data directory.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'test/browser/screenshots');
const DIST = path.join(ROOT, 'studio/dist/index.html');

export const DEMO = {
  author: { username: 'author', password: 'author-demo-pass' },
  approver: { username: 'approver', password: 'approver-demo-pass' },
  appKey: 'demo-app-key',
};

/** (1) Chromium present — the project's own install step. */
function ensureChromium(): void {
  execFileSync('sh', [path.join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** (2) Builds the studio when studio/dist is missing or older than its sources. */
function ensureBuilt(): void {
  const built = fs.existsSync(DIST) ? fs.statSync(DIST).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, 'studio/src')), fs.statSync(path.join(ROOT, 'studio/index.html')).mtimeMs);
  if (built > sources) return;
  // vitest sets NODE_ENV=test, which would give React's development build: test what `npm start` serves.
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 600; i += 1) { // up to 2 minutes: the shared 2-core machine can be slow to seed the examples
    if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready:\n${log()}`);
}

export interface Harness {
  url: string;
  browser: Browser;
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/** (3) Starts everything; call `stop()` in afterAll. */
export async function startHarness(): Promise<Harness> {
  ensureChromium();
  ensureBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-browser-'));
  let output = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, server, () => output);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      return { context, page: await context.newPage() };
    },
    async stop() {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, url: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.products-table, .page-head').first().waitFor();
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
