import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleIds } from '../../server/seed.ts';
import { EXAMPLES_DIR } from '../../server/app.ts';
import { ROOT, signIn, spawnServer } from './spawn-server.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

/** The staging store a first start is seeding, once it exists. */
async function stagingStore(dataDir: string): Promise<string | undefined> {
  for (const name of await fs.readdir(dataDir).catch(() => [])) {
    const file = path.join(dataDir, name, 'store.json');
    if (name.startsWith('.seeding-') && (await fs.stat(file).catch(() => undefined))) return file;
  }
  return undefined;
}

/** Starts the real server on an empty data directory and SIGKILLs it `delayMs` after seeding began writing. */
async function killDuringSeeding(dataDir: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const started = Date.now();
  while (!(await stagingStore(dataDir))) {
    if (Date.now() - started > 60_000) throw new Error('seeding never started');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  await exited;
}

describe('the first start', () => {
  it('is redone in full after a kill -9 during seeding, and cleans up what the crash left', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-first-'));
    dirs.push(dataDir);
    for (const delay of [0, 60, 250]) {
      await killDuringSeeding(dataDir, delay);
      // the crash never leaves a store that looks seeded but is not
      await expect(fs.stat(path.join(dataDir, 'store.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    await fs.writeFile(path.join(dataDir, '.store.json.999999.tmp'), '{"users": [');

    const server = await spawnServer({ NODE_ENV: 'development' }, dataDir);
    try {
      for (const [user, password] of [['author', 'author-demo-pass'], ['approver', 'approver-demo-pass'], ['approver2', 'approver2-demo-pass'], ['admin', 'admin-demo-pass']]) {
        expect(await signIn(server.base, user, password)).toMatch(/^sid=/);
      }
      for (const channel of ['app', 'mini-program', 'branch', 'pad', 'partner']) {
        expect((await fetch(`${server.base}/api/v1/products`, { headers: { 'x-api-key': `demo-${channel}-key` } })).status, channel).toBe(200);
      }
      const cookie = await signIn(server.base, 'author', 'author-demo-pass');
      const products = (await (await fetch(`${server.base}/api/studio/products`, { headers: { cookie } })).json()) as { products: { id: string; latestVersion: number | null }[] };
      expect(products.products.map((product) => product.id).sort()).toEqual(exampleIds(EXAMPLES_DIR).sort());
      expect(products.products.every((product) => product.latestVersion === 1)).toBe(true);
      const left = (await fs.readdir(dataDir)).filter((name) => name !== 'store.json' && name !== 'server.pid');
      expect(left).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 240_000); // spawns real processes: slow on a busy machine
});
