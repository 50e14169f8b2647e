import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { DecisionPool } from '../../server/channel/decision-pool.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { captureLogger, channelTestApp, KEYS, storeWithKeys } from './fixtures.ts';
import { compileOrThrow, consumerFlow } from './real-product.ts';

const catalog = defaultCatalog();
const REQUESTS = 200;

describe.each([
  ['in the main thread', 0],
  ['on a decision thread', 1],
])('publishing while decisions are running, deciding %s', (_where, threads) => {
  let server: http.Server;
  let pool: DecisionPool | undefined;
  let base: string;
  let runtime: RuntimeRegistry;
  let store: Awaited<ReturnType<typeof storeWithKeys>>;

  beforeAll(async () => {
    store = await storeWithKeys();
    const v1 = compileOrThrow(consumerFlow({ rate: '4.50', channels: ['app'] }), catalog, 1);
    await store.publish(
      {
        productId: 'salary-loan',
        hash: v1.hash,
        definition: v1,
        document: consumerFlow({ rate: '4.50', channels: ['app'] }),
        channels: ['app'],
        submittedBy: 'system',
        approvedBy: 'system',
        reviewId: 'r1',
      },
      'system',
    );
    runtime = new RuntimeRegistry(catalog); // the real buildEvaluator
    await runtime.load(store);
    if (threads) {
      pool = new DecisionPool(threads);
      await pool.ready();
    }
    server = http.createServer(channelTestApp({ store, catalog, runtime, logger: captureLogger().logger, pool }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await pool?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers every request from exactly one version, old or new, with that version’s rate', async () => {
    const v2Document = consumerFlow({ rate: '5.50', channels: ['app'] });
    const v2 = compileOrThrow(v2Document, catalog, 2);
    const rateOf = new Map([
      [runtime.latest('salary-loan')!.hash, '4.50'],
      [v2.hash, '5.50'],
    ]);
    const versionOf = new Map([
      [runtime.latest('salary-loan')!.hash, 1],
      [v2.hash, 2],
    ]);
    const body = JSON.stringify({ application: { applicant: { age: 30, monthlyIncome: 8000 } }, requestedAmount: '50000', termMonths: 12, asOf: '2025-06-01' });
    let answered = 0;
    let published = false;
    const decide = async () => {
      const res = await fetch(`${base}/api/v1/products/salary-loan/decisions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEYS.app }, body });
      const decision = await res.json();
      answered += 1;
      if (answered === REQUESTS / 4 && !published) {
        published = true;
        runtime.publish(
          await store.publish(
            { productId: 'salary-loan', hash: v2.hash, definition: v2, document: v2Document, channels: ['app'], submittedBy: 'author', approvedBy: 'approver', reviewId: 'r2' },
            'approver',
          ),
        );
      }
      return { status: res.status, decision };
    };
    const during = await Promise.all(Array.from({ length: REQUESTS }, decide));
    expect(published).toBe(true);
    // Requests sent after the publish returned: every one is answered by version 2 (with decision
    // threads, the whole first wave may have picked version 1 before it was published).
    const after = await Promise.all(Array.from({ length: REQUESTS / 4 }, decide));
    expect(after.map((r) => r.decision.product.version)).toEqual(after.map(() => 2));
    const results = [...during, ...after];

    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    const seen = new Set<number>();
    for (const { decision } of results) {
      expect(decision.outcome).toBe('approve');
      expect(versionOf.get(decision.product.hash)).toBe(decision.product.version);
      expect(decision.offer.rate.annual).toBe(Number(rateOf.get(decision.product.hash)).toFixed(4));
      seen.add(decision.product.version);
    }
    expect([...seen].sort()).toEqual([1, 2]);
    expect(runtime.latest('salary-loan')?.version).toBe(2);
    if (pool) expect(pool.stats()).toMatchObject({ inThreads: results.length, inMainThread: 0 }); // the thread was sent version 2 before any request for it
  });
});
