import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './spawn-server.ts';

/**
 * Traffic for `/healthz`-under-attack measurements (test/server/hostile-healthz.test.ts and
 * test/bench/healthz-under-attack.ts): two clients send bodies round-robin while a monitor asks
 * `/healthz` every 20 ms.
 */
export type Traffic = [method: 'POST' | 'PUT', path: string, body: string | (() => Promise<string>)][];

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const applicant = (lists: unknown) => JSON.stringify({ application: { applicant: { age: 35, monthlyIncome: 18000, lists } }, requestedAmount: '100000.00', termMonths: 12 });

/** Hostile bodies, each under 100 KB, each one a shape that cost seconds before issue #11. */
export const ATTACKS: Traffic = [
  ['POST', '/api/v1/products/salaried/decisions', applicant(Array(32_000).fill(0))],
  ['POST', '/api/v1/products/salaried/decisions', applicant(Array(9_999).fill(0))],
  ['POST', '/api/v1/products/salaried/decisions', `{"application":${deep(10_000)}}`],
  ['POST', '/api/v1/schedules', `{"principal":"1000","fees":${deep(10_000)}}`],
  ['POST', '/api/studio/products/salaried/simulate', applicant(Array(32_000).fill(0))],
  ['POST', '/api/studio/products/salaried/simulate', applicant(Array(9_999).fill(0))],
  ['POST', '/api/studio/compile', JSON.stringify({ document: { schemaVersion: 1, blocks: Array(8_000).fill({}), links: [] } })],
  ['POST', '/api/studio/compile', `{"document":${deep(10_000)}}`],
];

/** Cheap, valid requests: the same traffic rate without the hostile bodies. */
export const BENIGN: Traffic = [
  ['POST', '/api/v1/schedules', JSON.stringify({ principal: '100000.00', annualRate: '6', termMonths: 12, method: 'equal-installment' })],
  ['POST', '/api/studio/compile', JSON.stringify({ document: { schemaVersion: 1, blocks: [], links: [] } })],
];

const salaried = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/salaried/flow.json'), 'utf8')) as { blocks: { type: string; config: Record<string, unknown> }[] };
const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/salaried/samples/01-segment-a-branch.json'), 'utf8')) as { application: unknown; request: Record<string, unknown> };

/**
 * The costliest bodies the limits allow (the closing note of issue #11): compiles of 5,000 empty
 * rules and of 2,000 blocks with 56 unknown keys each (905 KB), and an author who saves a draft with
 * a new product field and simulates it, over and over (each one a new evaluator and a new
 * validator of its own fields).
 */
export function heaviestAllowed(base: string, cookie: string): Traffic {
  const rules = JSON.stringify({ document: { schemaVersion: 1, blocks: [{ id: 'r', type: 'rule-set', typeVersion: 1, config: { rules: Array(5_000).fill({}) } }], links: [] } });
  const wideBlock = Object.fromEntries(Array.from({ length: 56 }, (_, i) => [`k${i}`, 1])); // 2,000 of them: 905 KB, under the 1 MB body limit
  const wide = JSON.stringify({ document: { schemaVersion: 1, blocks: Array.from({ length: 2_000 }, (_, i) => ({ ...wideBlock, id: `b${i}` })), links: [] } });
  // Each body differs from the last in one block id, so the compile cache (keyed by the document) never answers it.
  let variant = 0;
  const fresh = (body: string, id: string) => async () => body.replace(id, `"id":"v${++variant}"`);
  let field = 0;
  const changedDraft = async (): Promise<string> => {
    const current = await fetch(`${base}/api/studio/products/salaried`, { headers: { cookie } });
    const etag = current.headers.get('etag')!;
    await current.arrayBuffer();
    const document = structuredClone(salaried);
    const start = document.blocks.find((block) => block.type === 'application')!;
    field += 1;
    start.config = { ...start.config, extraFields: { [`attackField${field}`]: { type: 'number', minimum: 0 } } };
    const saved = await fetch(`${base}/api/studio/products/salaried/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': etag, cookie },
      body: JSON.stringify({ document }),
    });
    await saved.arrayBuffer();
    return JSON.stringify({ application: sample.application, ...sample.request });
  };
  return [
    ['POST', '/api/studio/compile', fresh(rules, '"id":"r"')],
    ['POST', '/api/studio/compile', fresh(wide, '"id":"b0"')],
    ['POST', '/api/studio/products/salaried/simulate', changedDraft],
  ];
}

/** Two clients send `traffic` round-robin while a monitor probes /healthz every 20 ms for `ms`; probe latencies, answer statuses and each request's round trip. */
export async function underLoad(base: string, cookie: string, traffic: Traffic, ms: number): Promise<{ latencies: number[]; statuses: number[]; slowest: { path: string; ms: number }[] }> {
  const latencies: number[] = [];
  const statuses: number[] = [];
  const trips: { path: string; ms: number }[] = [];
  let done = false;
  const client = async (offset: number) => {
    for (let i = offset; !done; i++) {
      const [method, path, body] = traffic[i % traffic.length];
      const text = typeof body === 'string' ? body : await body();
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', 'x-api-key': 'demo-app-key', cookie }, body: text });
      await response.arrayBuffer();
      trips.push({ path, ms: performance.now() - started });
      statuses.push(response.status);
    }
  };
  const clients = traffic.length ? Promise.all([client(0), client(1)]) : Promise.resolve([]);
  const stopAt = Date.now() + ms;
  while (Date.now() < stopAt) {
    const started = performance.now();
    const response = await fetch(`${base}/healthz`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  done = true;
  await clients;
  return { latencies, statuses, slowest: trips.sort((a, b) => b.ms - a.ms).slice(0, 5) };
}

/** Median, 90th percentile and maximum of some latencies. */
export const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { median: sorted[sorted.length >> 1], p90: sorted[Math.floor(sorted.length * 0.9)], max: sorted.at(-1)! };
};
