import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../server/app.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { seedEmptyStore } from '../../server/seed.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { catalog, sampleFlow } from './fixtures.ts';
import { ROOT } from './spawn-server.ts';

const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-cli-'));
  if (hasPostgres) cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.remove();
  await fs.rm(work, { recursive: true, force: true });
});

/** Runs `npm run store -- <args>` (as tsx) with only the given store variable set. */
function storeCli(args: string[], env: { DATA_DIR?: string; DATABASE_URL?: string }) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/store.ts', ...args], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run store -- export | import', () => {
  it('says how to use it', () => {
    const result = storeCli([], { DATA_DIR: path.join(work, 'unused') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: npm run store -- export <directory>.*\n.*npm run --silent store -- export \[--store-only\] > backup.json/);
    const missing = storeCli(['export'], { DATA_DIR: path.join(work, 'no-such-dir') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no store to export/);
  });

  it.skipIf(!hasPostgres)(
    'moves a pilot from the embedded store to PostgreSQL and back with nothing lost or renumbered',
    async () => {
      // a pilot's embedded store: users, keys, published examples, a saved draft, an open review, an archived product
      const pilotDir = path.join(work, 'pilot');
      const pilot = await LowdbStore.open(pilotDir);
      await seedEmptyStore(pilot, { catalog: catalog(), examplesDir: EXAMPLES_DIR, channelKeys: [] });
      await pilot.createProduct(
        { id: 'draft-only', name: { 'zh-CN': '草稿', en: 'Draft' }, kind: 'consumption', document: sampleFlow('draft-only'), status: 'draft', archived: false, samples: [], updatedBy: 'author' },
        'author',
      );
      await pilot.saveDraft('draft-only', sampleFlow('draft-only'), 1, 'author', null);
      const open = await pilot.createReview({
        productId: 'draft-only',
        kind: 'publish',
        submittedBy: 'author',
        document: sampleFlow('draft-only'),
        definition: { hash: 'sha256:d', version: null, product: { channels: ['app'] } } as never,
        hash: 'sha256:d',
        baseVersion: null,
      });
      const [first] = await pilot.listProducts();
      await pilot.updateProduct(first.id, { archived: true }, 'admin');
      await pilot.close();

      const exported = storeCli(['export'], { DATA_DIR: pilotDir });
      expect(exported.code, exported.stderr).toBe(0);
      const backup = path.join(work, 'backup.json');
      await fs.writeFile(backup, `\n> loan-blocks-studio@0.1.0 store\n> tsx server/cli/store.ts export\n\n${exported.stdout}`); // as \`npm run store -- export > backup.json\` writes it
      const before = JSON.parse(exported.stdout);
      expect(before.data.versions.length).toBeGreaterThan(3);

      const url = await cluster!.createDatabase('moved');
      const imported = storeCli(['import', backup], { DATABASE_URL: url });
      expect(imported.code, imported.stderr).toBe(0);
      const again = storeCli(['import', backup], { DATABASE_URL: url });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/not empty/);

      const fromPostgres = storeCli(['export'], { DATABASE_URL: url });
      expect(fromPostgres.code, fromPostgres.stderr).toBe(0);
      expect(JSON.parse(fromPostgres.stdout).data).toEqual(before.data);

      // the moved store goes on where the pilot stopped: next review and audit numbers, releases for replicas
      const moved = await PgStore.open(url);
      try {
        expect(moved.isNew).toBe(false);
        expect((await moved.getReview(open.id))!.status).toBe('open');
        const next = await moved.createReview({
          productId: first.id,
          kind: 'publish',
          submittedBy: 'author',
          document: sampleFlow(first.id),
          definition: { hash: 'sha256:n', version: null, product: { channels: ['app'] } } as never,
          hash: 'sha256:n',
          baseVersion: null,
        });
        expect(next.id).toBe(`r-${before.data.nextReview}`);
        expect((await moved.appendAudit({ actor: 'a', action: 'x' })).seq).toBe(before.data.nextSeq);
        const releases = await moved.releasesSince(0);
        expect(releases.filter((release) => release.action === 'publish')).toHaveLength(before.data.versions.length);
        expect(releases.at(-1)).toMatchObject({ action: 'retire', productId: first.id });
      } finally {
        await moved.close();
      }

      // and back into a new embedded store (a restore)
      const restoredDir = path.join(work, 'restored');
      const restored = storeCli(['import', backup], { DATA_DIR: restoredDir });
      expect(restored.code, restored.stderr).toBe(0);
      expect(JSON.parse(storeCli(['export'], { DATA_DIR: restoredDir }).stdout).data).toEqual(before.data);
    },
    240_000,
  );

  it.skipIf(!hasPostgres)(
    'refuses a damaged backup whole: nothing of it is imported',
    async () => {
      const url = await cluster!.createDatabase('damaged');
      const file = path.join(work, 'damaged.json');
      const product = {
        id: 'p',
        name: { 'zh-CN': 'p', en: 'p' },
        kind: 'consumption',
        document: sampleFlow('p'),
        revision: 1,
        status: 'draft',
        archived: false,
        samples: [],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        updatedBy: 'a',
      };
      const users = [{ username: 'u', displayName: 'U', roles: ['superuser'], passwordHash: 'scrypt$x' }]; // a role that does not exist
      await fs.writeFile(
        file,
        JSON.stringify({
          format: 'loan-blocks-store',
          formatVersion: 1,
          exportedAt: '',
          data: { products: [product], versions: [], reviews: [], audit: [], users, apiKeys: [], nextSeq: 1, nextReview: 1 },
        }),
      );
      const result = storeCli(['import', file], { DATABASE_URL: url });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/users_roles_check|check constraint/);
      expect(JSON.parse(storeCli(['export'], { DATABASE_URL: url }).stdout).data.products).toEqual([]);
      await fs.writeFile(file, JSON.stringify({ format: 'something-else' }));
      expect(storeCli(['import', file], { DATABASE_URL: url }).stderr).toMatch(/not a loan-blocks store export/);
    },
    120_000,
  );
});
