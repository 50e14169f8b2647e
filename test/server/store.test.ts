import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { type OpenedStore, storeConformance } from './store-conformance.ts';

// the embedded store: a temp data directory per test
const dirs: string[] = [];
const opened: OpenedStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

storeConformance('lowdb', {
  async fresh() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-store-'));
    dirs.push(dir);
    return LowdbStore.open(dir);
  },
  reopen: (store) => LowdbStore.open(path.dirname((store as LowdbStore).file)),
});

describe('lowdb store: the file', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-store-'));
    dirs.push(dataDir);
  });

  it('leaves no temp file behind and the store file always parses', async () => {
    const store = await LowdbStore.open(dataDir);
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.appendAudit({ actor: 'a', action: `x.${index}` })));
    await store.flush();
    expect(await fs.readdir(dataDir)).toEqual(['store.json']);
    const data = JSON.parse(await fs.readFile(path.join(dataDir, 'store.json'), 'utf8'));
    expect(data.audit.map((event: { seq: number }) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });
});

// PostgreSQL: one throw-away cluster for the file, a fresh database per test
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
let databases = 0;
const urls = new WeakMap<OpenedStore, string>();
beforeAll(async () => {
  if (hasPostgres) cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.remove();
});

describe.skipIf(!hasPostgres)('PostgreSQL', () => {
  storeConformance('PostgreSQL', {
    async fresh() {
      const url = await cluster!.createDatabase(`store_${process.pid}_${(databases += 1)}`);
      const store = await PgStore.open(url);
      urls.set(store, url);
      opened.push(store);
      return store;
    },
    async reopen(store) {
      const again = await PgStore.open(urls.get(store)!);
      opened.push(again);
      return again;
    },
  });
});
