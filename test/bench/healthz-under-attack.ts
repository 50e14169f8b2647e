/**
 * `/healthz` latency while the server is attacked (issue #11, "the server still answers /healthz
 * within 100 ms during the attack"): starts the real server in its own process (one decision
 * thread), then measures /healthz every 20 ms with no other traffic, with harmless traffic, with
 * the hostile bodies of test/server/hostile-traffic.ts and with the costliest bodies the limits
 * allow (each kind alone, then all three); prints median, p90 and max per phase and the slowest requests of each.
 *
 *   node --import tsx test/bench/healthz-under-attack.ts [seconds per phase=10] [phase,phase…]
 *
 * With LAG_TRACE=1 the server also reports to stderr each event-loop stall over 30 ms and the
 * requests in flight at the time (test/bench/event-loop-stalls.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { signIn, spawnServer } from '../server/spawn-server.ts';
import { ATTACKS, BENIGN, heaviestAllowed, summary, underLoad } from '../server/hostile-traffic.ts';

const seconds = Number(process.argv[2] ?? 10);
const tracer = fileURLToPath(new URL('./event-loop-stalls.ts', import.meta.url));
const server = await spawnServer({ DECISION_THREADS: '1', ...(process.env.LAG_TRACE ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx --import ${tracer}` } : {}) });
server.child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
try {
  const cookie = await signIn(server.base, 'admin', 'admin-demo-pass');
  const [rules, wide, changedDraft] = heaviestAllowed(server.base, cookie);
  const phases = { idle: [], harmless: BENIGN, hostile: ATTACKS, rules5000: [rules], compile905Kb: [wide], changedDraftSimulate: [changedDraft], heaviestAllowed: [rules, wide, changedDraft] };
  const only = process.argv[3]?.split(','); // e.g. "idle,changedDraftSimulate"
  for (const [phase, traffic] of Object.entries(phases).filter(([name]) => !only || only.includes(name))) {
    const load = os.loadavg()[0];
    const { latencies, statuses, slowest } = await underLoad(server.base, cookie, traffic, seconds * 1000);
    const figures = summary(latencies);
    const statusCounts = Object.fromEntries([...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length]));
    console.log(
      JSON.stringify({
        phase,
        loadAverage: Number(load.toFixed(2)),
        probes: latencies.length,
        healthzMs: { median: Number(figures.median.toFixed(1)), p90: Number(figures.p90.toFixed(1)), max: Number(figures.max.toFixed(1)) },
        requests: statuses.length,
        statuses: statusCounts,
        slowest: slowest.map(({ path, ms }) => `${path} ${ms.toFixed(0)} ms`),
      }),
    );
  }
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  await fs.rm(server.dataDir, { recursive: true, force: true });
}
