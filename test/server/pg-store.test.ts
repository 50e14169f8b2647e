import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, knownMigrations, SchemaTooNewError } from '../../server/store/postgres/migrate.ts';
import { PUBLISH_CHANNEL } from '../../server/store/postgres/db.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { sampleFlow } from './fixtures.ts';

const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
let databases = 0;
const stores: PgStore[] = [];
beforeAll(async () => {
  if (hasPostgres) cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  for (const store of stores) await store.close().catch(() => undefined);
  await cluster?.remove();
});

async function freshUrl(): Promise<string> {
  return cluster!.createDatabase(`pgstore_${process.pid}_${(databases += 1)}`);
}
async function open(url: string): Promise<PgStore> {
  const store = await PgStore.open(url);
  stores.push(store);
  return store;
}

const record = (id: string) => ({ id, name: { 'zh-CN': id, en: id }, kind: 'consumption', document: sampleFlow(id), status: 'draft' as const, archived: false, samples: [], updatedBy: 'author' });
const reviewOf = (productId: string, hash = 'sha256:h') => ({
  productId,
  kind: 'publish' as const,
  submittedBy: 'author',
  document: sampleFlow(productId),
  definition: { hash, version: null, product: { channels: ['app'] } } as never,
  hash,
  baseVersion: null,
});

describe.skipIf(!hasPostgres)('PostgreSQL store: what only a database decides', () => {
  it("two stores (two processes' pools) saving the same revision: exactly one wins, the other gets the current revision", async () => {
    const url = await freshUrl();
    const [a, b] = [await open(url), await open(url)];
    await a.createProduct(record('p'), 'author');
    for (let round = 1; round <= 10; round += 1) {
      const results = await Promise.all([a.saveDraft('p', sampleFlow('p'), round, 'a', null), b.saveDraft('p', sampleFlow('p'), round, 'b', null)]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)).toEqual({ ok: false, currentRevision: round + 1 });
    }
    expect((await a.getProduct('p'))!.revision).toBe(11);
    expect((await b.listAudit({ productId: 'p' })).filter((event) => event.action === 'draft.save')).toHaveLength(10);
  });

  it('two stores approving the same review: one version, one winner', async () => {
    const url = await freshUrl();
    const [a, b] = [await open(url), await open(url)];
    await a.createProduct(record('p'), 'author');
    const review = await a.createReview(reviewOf('p'));
    const results = await Promise.all([a.publishReview(review.id, { approvedBy: 'approver' }), b.publishReview(review.id, { approvedBy: 'approver2' })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.listVersions('p')).toHaveLength(1);
  });

  it('refuses a second open review of a product, a change to a decided review, and any change to a version or the audit trail', async () => {
    const store = await open(await freshUrl());
    await store.createProduct(record('p'), 'author');
    const review = await store.createReview(reviewOf('p'));
    await expect(store.createReview(reviewOf('p'))).rejects.toMatchObject({ code: 'REVIEW_PENDING' }); // the partial unique index, as a StoreConflict
    await store.publishReview(review.id, { approvedBy: 'approver' });
    await expect(store.pool.query(`UPDATE reviews SET status = 'rejected' WHERE id = $1`, [review.id])).rejects.toThrow(/already approved/);
    await expect(store.pool.query(`UPDATE versions SET approved_by = 'mallory'`)).rejects.toThrow(/never updated or deleted/);
    await expect(store.pool.query('DELETE FROM versions')).rejects.toThrow(/never updated or deleted/);
    await expect(store.pool.query('DELETE FROM audit_events')).rejects.toThrow(/never updated or deleted/);
    // a version of a product that does not exist, or whose definition disagrees with its number
    await expect(
      store.publish(
        { productId: 'ghost', hash: 'sha256:g', definition: { hash: 'sha256:g', version: null } as never, document: sampleFlow('g'), channels: [], submittedBy: 'a', approvedBy: 'b', reviewId: 'r-9' },
        'b',
      ),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      store.pool.query(`INSERT INTO versions SELECT product_id, 2, hash, definition, document, channels, submitted_by, approved_by, review_id, published_at FROM versions`),
    ).rejects.toMatchObject({ code: '23514' });
    // a second open review is possible again once the first is decided
    await expect(store.createReview(reviewOf('p', 'sha256:h2'))).resolves.toMatchObject({ status: 'open' });
    // roles and channels outside their lists
    await expect(store.putUser({ username: 'x', displayName: 'X', roles: ['root' as never], passwordHash: 'scrypt$1$a$b' })).rejects.toMatchObject({ code: '23514' });
    await expect(store.putApiKey({ id: 'k', channel: 'fax', keyHash: 'b'.repeat(64), createdAt: '2026-01-01T00:00:00Z', createdBy: 'a' })).rejects.toMatchObject({ code: '23514' });
  });

  it('publishing commits the approval, version, audit and NOTIFY together; a failed publish leaves nothing', async () => {
    const url = await freshUrl();
    const store = await open(url);
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const notices: string[] = [];
    listener.on('notification', (message) => notices.push(message.payload ?? ''));
    await listener.query(`LISTEN ${PUBLISH_CHANNEL}`);
    await store.createProduct(record('p'), 'author');
    const review = await store.createReview(reviewOf('p'));
    await store.publishReview(review.id, { approvedBy: 'approver' });
    const seq = await store.latestRelease();
    for (let waited = 0; !notices.length && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notices).toEqual([String(seq)]);
    expect(await store.releasesSince(0)).toMatchObject([{ seq, productId: 'p', action: 'publish', version: 1 }]);

    // a review whose definition breaks the version constraint: nothing of it may remain
    const bad = await store.createReview({ ...reviewOf('p', 'sha256:b'), definition: { hash: 'sha256:other', version: null, product: { channels: ['app'] } } as never });
    await expect(store.publishReview(bad.id, { approvedBy: 'approver' })).rejects.toMatchObject({ code: '23514' });
    expect((await store.getReview(bad.id))!.status).toBe('open');
    expect(await store.listVersions('p')).toHaveLength(1);
    expect((await store.listAudit({ productId: 'p' })).map((event) => event.action)).toEqual(['review.approve', 'version.publish']);
    expect(await store.latestRelease()).toBe(seq);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(notices).toHaveLength(1);
    await listener.end();
  });

  it('migrates once, in a transaction, and refuses to start on a schema newer than the code', async () => {
    const url = await freshUrl();
    const pool = new pg.Pool({ connectionString: url });
    try {
      expect((await migrate(pool)).applied).toEqual(knownMigrations().map((migration) => migration.version));
      expect((await migrate(pool)).applied).toEqual([]);
      // a broken migration applies nothing: the whole run rolls back
      const broken = [...knownMigrations(), { version: knownMigrations().length + 1, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
      await expect(migrate(pool, broken)).rejects.toThrow(/no_such_function/);
      expect((await pool.query(`SELECT to_regclass('half_done') AS table`)).rows[0].table).toBeNull();
      // a database migrated by newer code
      await pool.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')`);
      await expect(PgStore.open(url)).rejects.toBeInstanceOf(SchemaTooNewError);
      await expect(PgStore.open(url)).rejects.toThrow(/migration 999 \(from_the_future\).*only up to/);
    } finally {
      await pool.end();
    }
  });

  it('seeds an empty database once across processes starting together, and again after a crash during seeding', async () => {
    const url = await freshUrl();
    const [a, b] = [await open(url), await open(url)];
    expect([a.isNew, b.isNew]).toEqual([true, true]);
    let seeded = 0;
    const seed = async (store: PgStore) => {
      seeded += 1;
      await new Promise((resolve) => setTimeout(resolve, 200)); // the other process arrives meanwhile
      await store.putUser({ username: 'admin', displayName: 'Admin', roles: ['admin'], passwordHash: 'scrypt$1$a$b' });
      return 'seeded';
    };
    expect((await Promise.all([a.seedOnce(() => seed(a)), b.seedOnce(() => seed(b))])).sort()).toEqual(['seeded', undefined]);
    expect(seeded).toBe(1);
    expect((await open(url)).isNew).toBe(false);

    // a process that died while seeding left the mark: the next start seeds again
    await a.pool.query(`INSERT INTO store_meta (key, value) VALUES ('seeding', 'crashed')`);
    const restarted = await open(url);
    expect(restarted.isNew).toBe(true);
    expect(await restarted.seedOnce(() => seed(restarted))).toBe('seeded');
    expect(seeded).toBe(2);
    expect((await open(url)).isNew).toBe(false);
  });
});
