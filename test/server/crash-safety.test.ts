import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { signIn, spawnServer, type SpawnedServer } from './spawn-server.ts';
import { sampleFlow } from './fixtures.ts';

const dirs: string[] = [];
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
afterAll(async () => {
  await cluster?.remove();
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

// Product names are unique, so each product is named after its id.
const name = (id: string) => ({ 'zh-CN': `崩溃 ${id}`, en: `Crash ${id}` });

/**
 * Creates products and saves drafts from 12 concurrent clients, SIGKILLs the server mid-way, then
 * checks that every write it acknowledged is in what `stored` reads back (id → revision).
 */
async function killDuringWrites(env: Record<string, string>, stored: (server: SpawnedServer) => Promise<Map<string, number>>): Promise<void> {
  const server = await spawnServer(env);
  dirs.push(server.dataDir);
  const cookie = await signIn(server.base, 'author', 'author-demo-pass');
  const call = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.base}${url}`, { method, headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify(body) });

  const editable = ['e-0', 'e-1', 'e-2', 'e-3'];
  for (const id of editable) expect((await call('POST', '/api/studio/products', { from: 'empty', id, name: name(id) })).status).toBe(201);

  const created = new Set<string>();
  const saved = new Map<string, number>();
  let stop = false;
  const creators = Array.from({ length: 8 }, async (_, worker) => {
    for (let index = 0; !stop; index += 1) {
      const id = `c-${worker}-${index}`;
      const response = await call('POST', '/api/studio/products', { from: 'empty', id, name: name(id) }).catch(() => undefined);
      if (!response) return;
      if (response.status === 201) created.add(id);
    }
  });
  const savers = editable.map(async (id) => {
    let revision = 1;
    while (!stop) {
      const document = sampleFlow(id);
      document.blocks[1].label = `rev ${revision}`;
      const response = await call('PUT', `/api/studio/products/${id}/draft`, { document }, { 'if-match': `"${revision}"` }).catch(() => undefined);
      if (!response) return;
      if (response.status === 200) {
        revision = ((await response.json()) as { revision: number }).revision;
        saved.set(id, revision);
      }
    }
  });
  while (created.size < 60) await new Promise((resolve) => setTimeout(resolve, 5));
  server.child.kill('SIGKILL');
  stop = true;
  await Promise.allSettled([...creators, ...savers]);
  expect((await server.exited).signal).toBe('SIGKILL');

  const kept = await stored(server);
  for (const id of created) expect(kept.has(id), `acknowledged product ${id}`).toBe(true);
  for (const [id, revision] of saved) expect(kept.get(id)!, `acknowledged revision of ${id}`).toBeGreaterThanOrEqual(revision);
  expect(created.size).toBeGreaterThanOrEqual(60);
  expect(saved.size).toBe(editable.length);
}

describe('the real server process', () => {
  it('keeps every write it acknowledged when it is SIGKILLed in the middle of concurrent writes', async () => {
    await killDuringWrites({}, async (server) => {
      const data = JSON.parse(await fs.readFile(path.join(server.dataDir, 'store.json'), 'utf8')) as { products: { id: string; revision: number }[] };
      return new Map(data.products.map((product) => [product.id, product.revision]));
    });
  }, 180_000); // a server start seeds the examples: slow on a busy machine

  it.skipIf(!hasPostgres)('keeps every write it acknowledged when it is SIGKILLed in the middle of concurrent writes (PostgreSQL)', async () => {
    cluster = await startCluster();
    const url = await cluster.createDatabase('crash');
    await killDuringWrites({ DATABASE_URL: url }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string; revision: number }>('SELECT id, revision FROM products');
        return new Map(rows.map((row) => [row.id, row.revision]));
      } finally {
        await client.end();
      }
    });
  }, 180_000);

  it('shuts down on SIGTERM after finishing in-flight requests, exits 0, and restarts from the same data', async () => {
    const server = await spawnServer({ CHANNEL_API_KEYS: 'partner:partner-secret-key-1' });
    dirs.push(server.dataDir);
    const cookie = await signIn(server.base, 'admin', 'admin-demo-pass');
    // a request whose headers and half its body have arrived is in flight when SIGTERM comes
    const body = JSON.stringify({ from: 'empty', id: 'last-one', name: name('last-one') });
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.base}/api/studio/products`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 100);
      }, 100);
    });
    expect(await inFlight).toBe(201);
    expect((await server.exited).code).toBe(0);

    const again = await spawnServer({}, server.dataDir);
    const restartedCookie = await signIn(again.base, 'author', 'author-demo-pass');
    const list = await fetch(`${again.base}/api/studio/products`, { headers: { cookie: restartedCookie } });
    expect(((await list.json()) as { products: { id: string }[] }).products.map((product) => product.id)).toContain('last-one');
    const channel = await fetch(`${again.base}/api/v1/products`, { headers: { 'x-api-key': 'partner-secret-key-1' } });
    expect(channel.status).toBe(200);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 180_000);
});
