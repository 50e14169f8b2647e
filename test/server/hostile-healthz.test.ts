import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACKS, BENIGN, summary, underLoad } from './hostile-traffic.ts';
import { signIn, spawnServer, type SpawnedServer } from './spawn-server.ts';

/**
 * The real server (its own process, decision threads on) attacked by a hostile channel and a
 * hostile author at once, while a monitor asks `/healthz` every 20 ms: the server must keep
 * answering it within 100 ms, answer every attack with a 4xx, and still list everything afterwards.
 * (Before issue #11, one 62 KB decision body held a thread for 2.9 s and a simulate held the main
 * thread for 2.6 s; nine 1 MB bodies froze the server for 22 minutes.)
 */
let server: SpawnedServer;
let cookie: string;
beforeAll(async () => {
  server = await spawnServer({ DECISION_THREADS: '1' });
  cookie = await signIn(server.base, 'admin', 'admin-demo-pass');
}, 120_000);
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  await fs.rm(server.dataDir, { recursive: true, force: true });
});

describe('the server under attack', () => {
  it('answers /healthz within 100 ms of its answers under the same rate of harmless requests, and every attack with a 4xx', async () => {
    // On a shared machine, scheduling alone can take longer than the budget, so the yardstick is the
    // same two clients sending harmless requests at the same pace; hostile bodies may add at most 100 ms.
    const idle = summary((await underLoad(server.base, cookie, [], 2_000)).latencies);
    const calm = await underLoad(server.base, cookie, BENIGN, 4_000);
    const attack = await underLoad(server.base, cookie, ATTACKS, 8_000);
    const [calmed, attacked] = [summary(calm.latencies), summary(attack.latencies)];
    const show = (figures: ReturnType<typeof summary>) => `median ${figures.median.toFixed(0)} ms, p90 ${figures.p90.toFixed(0)} ms, max ${figures.max.toFixed(0)} ms`;
    console.info(`healthz idle: ${show(idle)}; with harmless traffic: ${show(calmed)}; under attack: ${show(attacked)} (${attack.latencies.length} probes, ${attack.statuses.length} attack requests)`);
    expect(attack.statuses.length).toBeGreaterThan(ATTACKS.length);
    expect(attack.statuses.every((status) => (status >= 400 && status < 500) || status === 200)).toBe(true); // compile answers 200 with diagnostics
    // The 90th percentile, not the maximum: on a loaded machine single probes wait for a core either way.
    // Before the limits one hostile body held the server for 2.6 s to 22 minutes.
    expect(attacked.p90).toBeLessThan(calmed.p90 + 100);
    expect(attacked.max).toBeLessThan(Math.max(1000, calmed.max + 500));
    // The absolute bound, where the machine lets it be measured: when an idle probe takes
    // under 20 ms (p90), the attack's p90 must stay under 100 ms (on this VM, quiet: p90 8-25 ms).
    if (idle.p90 < 20) expect(attacked.p90).toBeLessThan(100);
  }, 120_000);

  it('still lists products, reviews, versions, keys and audit events, and serves the channels', async () => {
    for (const path of ['/api/studio/products', '/api/studio/reviews', '/api/studio/products/salaried/versions', '/api/studio/api-keys', '/api/studio/audit']) {
      expect((await fetch(`${server.base}${path}`, { headers: { cookie } })).status, path).toBe(200);
    }
    const products = await fetch(`${server.base}/api/v1/products`, { headers: { 'x-api-key': 'demo-app-key' } });
    expect(((await products.json()) as { products: unknown[] }).products.length).toBeGreaterThan(0);
  });
});
