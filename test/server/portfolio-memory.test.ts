import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { ROOT } from './spawn-server.ts';

/**
 * A 100,000-row portfolio (~42 MB of JSON lines) is uploaded and read back in bounded memory, as
 * files and as PostgreSQL rows: never the whole portfolio in memory. Measured in a child process
 * with --expose-gc (live heap and buffers after a collection, at fixed points).
 */
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loan-blocks-memory-'));
beforeAll(async () => {
  if (hasPostgres) cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const measure = (where: string) => {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/server/portfolio-memory-child.ts', '100000', where], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { rows: number; bytes: number; read: number; peakUploadMb: number; peakReadMb: number };
};

describe('a 100,000-row portfolio in bounded memory', () => {
  it.each(hasPostgres ? ['files', 'postgres'] : ['files'])(
    '%s: upload and read back hold a few MB, not the portfolio',
    async (kind) => {
      const result = measure(kind === 'files' ? dataDir : await cluster!.createDatabase('memory'));
      console.info(`${kind}: ${JSON.stringify(result)}`); // the figures, for the record
      expect(result.rows).toBe(100_000);
      expect(result.read).toBe(result.bytes);
      expect(result.bytes).toBeGreaterThan(40 * 2 ** 20);
      // The portfolio is > 40 MB; holding its text measures ~99 MB here. Measured: files 1.3 / 0.9 MB,
      // PostgreSQL 1.4 / 9.4 MB — the same 9.4 MB for 200,000 rows (the driver's buffers), so bounded.
      expect(result.peakUploadMb, JSON.stringify(result)).toBeLessThan(16);
      expect(result.peakReadMb, JSON.stringify(result)).toBeLessThan(16);
    },
    300_000,
  );
});
