import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { ReleaseFollower } from '../../server/channel/release-follower.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { RELEASE_LOCK } from '../../server/store/postgres/db.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { compileOrThrow, consumerFlow } from '../channel/real-product.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';

const hasPostgres = postgresBin() !== null;
const catalog = defaultCatalog();
let cluster: PgCluster | undefined;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  if (hasPostgres) cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await cluster?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
  return performance.now() - started;
}

const product = (id: string) => ({
  id,
  name: { 'zh-CN': id, en: id },
  kind: 'consumption',
  document: consumerFlow({ rate: '4.50', channels: ['app'], productId: id }),
  status: 'draft' as const,
  archived: false,
  samples: [],
  updatedBy: 'author',
});

async function submitAndApprove(store: PgStore, id: string, rate: string) {
  const document = consumerFlow({ rate, channels: ['app'], productId: id });
  const definition = compileOrThrow(document, catalog, 1);
  const review = await store.createReview({
    productId: id,
    kind: 'publish',
    submittedBy: 'author',
    document,
    definition: { ...definition, version: null } as never,
    hash: definition.hash,
    baseVersion: null,
  });
  return (await store.publishReview(review.id, { approvedBy: 'approver' }))!;
}

describe.skipIf(!hasPostgres)('ReleaseFollower', () => {
  it('applies publishes heard by NOTIFY, finds a release sent without NOTIFY by polling, and retires an archived product', async () => {
    const url = await cluster!.createDatabase('follower');
    const authoring = await PgStore.open(url);
    closers.push(() => authoring.close());
    await authoring.createProduct(product('loan'), 'author');
    await submitAndApprove(authoring, 'loan', '4.50');

    const replicaStore = await PgStore.open(url);
    closers.push(() => replicaStore.close());
    const runtime = new RuntimeRegistry(catalog);
    const follower = new ReleaseFollower(replicaStore, runtime, { url, pollMs: 300 });
    closers.push(() => follower.stop());
    expect((await follower.start()).loaded).toBe(1);
    expect(runtime.latest('loan')?.version).toBe(1);
    expect(follower.status).toMatchObject({ status: 'ready', listening: true, releaseSeq: 1, servedProducts: 1 });

    // by NOTIFY: well before the 300 ms poll would matter on an idle follower
    await submitAndApprove(authoring, 'loan', '4.60');
    await until(() => runtime.latest('loan')?.version === 2, 5_000);

    // a release committed WITHOUT a notice (as if the notice was lost): only polling finds it
    const v3 = (await authoring.listVersions('loan'))[1];
    const client = await authoring.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [RELEASE_LOCK]);
      await client.query(
        `INSERT INTO versions (product_id, version, hash, definition, document, channels, submitted_by, approved_by, review_id, published_at)
         VALUES ('loan', 3, $1, jsonb_set($2::jsonb, '{version}', '3'), $3, $4, 'author', 'approver', 'r-manual', now())`,
        [v3.hash, JSON.stringify(v3.definition), JSON.stringify(v3.document), v3.channels],
      );
      await client.query(`INSERT INTO releases (product_id, action, version, at) VALUES ('loan', 'publish', 3, now())`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const found = await until(() => runtime.latest('loan')?.version === 3, 5_000);
    expect(found).toBeLessThan(2_000);
    expect(follower.status.releaseSeq).toBe(3);

    // archiving is a release too: the follower stops serving the product
    await authoring.updateProduct('loan', { archived: true }, 'admin');
    await until(() => runtime.latest('loan') === undefined, 5_000);
    expect(await runtime.get('loan', 1)).toBeUndefined();
    await authoring.updateProduct('loan', { archived: false }, 'admin');
    await until(() => runtime.latest('loan')?.version === 3, 5_000);
  });
});
