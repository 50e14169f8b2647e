import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { startProcess } from '../replicas/deployment.ts';
import { portfolioRows } from './impact-storage-fixtures.ts';
import { signIn, type SpawnedServer } from './spawn-server.ts';

/**
 * The impact endpoints (portfolio upload, list and delete; simulations; reports and their CSV;
 * a review's impact, cancel, re-run and trace comparison) as an attacker calls them, on the
 * PostgreSQL store (where a value the database cannot take would surface as a 500): odd query
 * strings, out-of-range numbers, wrong types and content types, a foreign Origin. Every answer is a
 * 4xx problem with a code, in bounded time — never a 5xx.
 */
const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
let server: SpawnedServer | undefined;
let author: string;
let hash: string;
let reviewId: string;

beforeAll(async () => {
  if (!hasPostgres) return;
  cluster = await startCluster();
  server = await startProcess(await cluster.createDatabase('hostile_impact'), 'all');
  author = await signIn(server.base, 'author', 'author-demo-pass');
  const approver = await signIn(server.base, 'approver', 'approver-demo-pass');
  expect((await call('POST', '/products', { from: 'template', template: 'flash-loan', id: 'flash-copy', name: { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' } })).status).toBe(201);
  const first = await call('POST', '/products/flash-copy/submit', {});
  expect((await call('POST', `/reviews/${first.body.id}/approve`, {}, approver)).status).toBe(200);
  const uploaded = await call('POST', '/products/flash-copy/portfolios?name=samples', `${portfolioRows(1).join('\n')}\n`);
  expect(uploaded.status).toBe(201);
  hash = uploaded.body.portfolio.hash;
  const review = await call('POST', '/products/flash-copy/submit', { portfolio: hash });
  expect(review.status).toBe(201);
  reviewId = review.body.id;
}, 180_000);
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await cluster?.remove();
});

async function call(method: string, path: string, body?: unknown, cookie = author, headers: Record<string, string> = {}) {
  const response = await fetch(`${server!.base}/api/studio${path}`, {
    method,
    headers: { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', origin: server!.base, cookie, ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

describe.skipIf(!hasPostgres)('impact endpoints under hostile input (PostgreSQL)', () => {
  it('version numbers the database cannot hold are a 422 on the field, not a 500', async () => {
    for (const before of [2 ** 31, 1e21, Number.MAX_SAFE_INTEGER, 1e300]) {
      const answer = await call('POST', '/products/flash-copy/simulations', { portfolio: hash, before, after: 'draft' });
      expect([answer.status, answer.body.code, answer.body.errors?.[0]?.pointer], String(before)).toEqual([422, 'REQUEST_INVALID', '/before']);
    }
    const after = await call('POST', '/products/flash-copy/simulations', { portfolio: hash, after: 2 ** 40 });
    expect([after.status, after.body.errors?.[0]?.pointer]).toEqual([422, '/after']);
  });

  it('odd ids, hashes and line numbers in paths are 404 or 422', async () => {
    const probes: [string, string, number[]][] = [
      ['GET', `/reviews/${'r'.repeat(5000)}/impact`, [404]],
      ['GET', `/reviews/${encodeURIComponent("r-1' OR '1'='1")}/impact`, [404]],
      ['GET', `/reviews/${reviewId}/impact/rows/99999999999999999999999`, [404, 422]],
      ['GET', `/reviews/${reviewId}/impact/rows/-1`, [422]],
      ['GET', `/reviews/${reviewId}/impact/rows/1.5`, [422]],
      ['GET', `/reviews/${reviewId}/impact/rows/0x10`, [404, 409, 422]],
      ['POST', `/reviews/${'x'.repeat(3000)}/impact/cancel`, [404]],
      ['POST', `/reviews/${'x'.repeat(3000)}/impact/rerun`, [404]],
      ['GET', `/simulations/${'0'.repeat(5000)}`, [404]],
      ['DELETE', '/simulations/00000000-0000-4000-8000-000000000000', [404]],
      ['GET', `/reports/sha256:${'f'.repeat(64)}`, [404]],
      ['GET', `/reports/${'%00'.repeat(100)}`, [404]],
      ['GET', `/reports/sha256:${'f'.repeat(64)}/summary.csv`, [404]],
      ['GET', `/reports/sha256:${'f'.repeat(64)}/..%2Fstore.csv`, [404]],
      ['DELETE', `/products/flash-copy/portfolios/${'a'.repeat(4000)}`, [404]],
      ['GET', `/products/${'P'.repeat(300)}/portfolios`, [404]],
      ['GET', '/products/flash-copy/portfolios?page=-1&offset=-5&limit=1e308&sort[]=a', [200]],
    ];
    for (const [method, path, expected] of probes) {
      const answer = await call(method, path, method === 'POST' ? {} : undefined);
      expect(expected, `${method} ${path.slice(0, 80)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`).toContain(answer.status);
    }
  });

  it('arrays and objects where strings are expected, wrong content types and a foreign Origin are refused', async () => {
    const named = await call('POST', '/products/flash-copy/portfolios?name=a&name=b', `${portfolioRows(1)[0]}\n`);
    expect([named.status, named.body.errors?.[0]?.pointer]).toEqual([422, '/query/name']);
    for (const portfolio of [[hash], { hash }, 7, null, `sha256:${'f'.repeat(64)}`, 'x'.repeat(100_000)]) {
      const answer = await call('POST', '/products/flash-copy/simulations', { portfolio });
      expect([answer.status, answer.body.errors?.[0]?.pointer], JSON.stringify(portfolio).slice(0, 40)).toEqual([422, '/portfolio']);
    }
    for (const body of [[], 'null', '"draft"']) {
      const answer = await fetch(`${server!.base}/api/studio/products/flash-copy/simulations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server!.base, cookie: author },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect([400, 422], String(body)).toContain(answer.status);
    }
    const plain = await call('POST', '/products/flash-copy/simulations', 'portfolio=x', author, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const form = await call('POST', '/products/flash-copy/portfolios?name=x', 'a=b', author, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const foreign = await call('POST', '/products/flash-copy/portfolios?name=x', `${portfolioRows(1)[0]}\n`, author, { origin: 'https://evil.example' });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'ORIGIN_FORBIDDEN']);
    const foreignCancel = await call('POST', `/reviews/${reviewId}/impact/cancel`, {}, author, { origin: 'https://evil.example' });
    expect(foreignCancel.status).toBe(403);
  });

  it('deep and huge JSON bodies are refused before they are parsed', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const answer = await call('POST', '/products/flash-copy/simulations', deep);
    expect(answer.status).toBe(422); // sent as x-ndjson by call(): not read as JSON at all, so no portfolio named; as JSON below
    const asJson = await fetch(`${server!.base}/api/studio/products/flash-copy/simulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server!.base, cookie: author },
      body: `{"portfolio":${'['.repeat(1000)}${']'.repeat(1000)}}`,
    });
    expect([asJson.status, (await asJson.json()).code]).toEqual([413, 'JSON_LIMIT_EXCEEDED']);
    const huge = await fetch(`${server!.base}/api/studio/products/flash-copy/simulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server!.base, cookie: author },
      body: JSON.stringify({ portfolio: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });
});
