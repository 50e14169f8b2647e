import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../server/app.ts';
import { seedEmptyStore } from '../../server/seed.ts';
import { impactServices } from '../../server/simulation/impact.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { catalog } from './fixtures.ts';
import { portfolioRows, upload } from './impact-storage-fixtures.ts';
import { ROOT } from './spawn-server.ts';

/**
 * An export killed mid-way (kill -9: nothing of it runs to clean up) leaves `<dir>.partial-<pid>`.
 * The next export of the same directory removes it (its process is gone) and says so; an import of
 * it is refused as unfinished; a partial directory whose process still runs is left alone, and the
 * export says what to do.
 */
let work: string;
let dataDir: string;
beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'loan-blocks-partial-'));
  dataDir = path.join(work, 'data');
  const store = await LowdbStore.open(dataDir);
  await seedEmptyStore(store, { catalog: catalog(), examplesDir: EXAMPLES_DIR, channelKeys: [] });
  await store.flush();
  // big enough that the export takes a while to copy: the kill lands while it writes
  const services = impactServices({ dataDir }, { threads: 0, clock: () => new Date('2026-11-22T08:00:00Z') });
  for (let i = 0; i < 4; i++) await upload(services, 'flash-loan', portfolioRows(1500 + i), `big ${i}`);
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const cliArgs = (args: string[]) => ['--import', 'tsx', 'server/cli/store.ts', ...args];
const env = () => {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir };
};
const storeCli = (args: string[]) => spawnSync(process.execPath, cliArgs(args), { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 120_000 });
const partialsOf = (target: string) => fs.readdirSync(path.dirname(target)).filter((name) => name.startsWith(`${path.basename(target)}.partial-`));

describe('npm run store -- export <dir> after an export was killed', () => {
  it('a kill -9 mid-export leaves <dir>.partial-<pid>; the next export removes it and says so; an import of it is refused', async () => {
    const target = path.join(work, 'backup');
    const child = spawn(process.execPath, cliArgs(['export', target]), { cwd: ROOT, env: env(), stdio: 'ignore' });
    const partial = `${target}.partial-${child.pid}`;
    // wait until it has written some rows into its partial directory, then kill it outright
    for (let i = 0; i < 2000; i++) {
      const folder = path.join(partial, 'portfolios', 'flash-loan');
      if (fs.existsSync(folder) && fs.readdirSync(folder).some((name) => name.endsWith('.jsonl'))) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(fs.existsSync(partial)).toBe(true);
    expect(fs.existsSync(target)).toBe(false); // never a half export under the real name
    expect(fs.existsSync(path.join(partial, 'manifest.json'))).toBe(false);

    const refused = storeCli(['import', partial]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`${partial} is an unfinished export`);

    const again = storeCli(['export', target]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain(`removed ${partial}: an unfinished export left by process ${child.pid}, which no longer runs`);
    expect(partialsOf(target)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')).portfolios).toHaveLength(4);
  }, 180_000);

  it('leaves a partial directory whose process still runs, and says what to do', async () => {
    const target = path.join(work, 'busy');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const partial = `${target}.partial-${sleeper.pid}`;
      fs.mkdirSync(partial);
      fs.writeFileSync(path.join(partial, 'store.json'), '{}');
      const refused = storeCli(['export', target]);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(`${partial} is an export of ${target} that process ${sleeper.pid} is still writing`);
      expect(fs.existsSync(path.join(partial, 'store.json'))).toBe(true);
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses to import a directory without manifest.json, saying it is no whole export', () => {
    const half = path.join(work, 'half');
    fs.mkdirSync(half);
    fs.copyFileSync(path.join(dataDir, 'store.json'), path.join(half, 'store.json'));
    const refused = storeCli(['import', half]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`${half} holds no manifest.json: it is not a whole export directory`);
  }, 60_000);
});
