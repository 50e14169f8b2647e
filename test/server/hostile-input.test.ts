import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

/**
 * A hostile channel and a hostile author send every JSON route bodies shaped to cost: nesting
 * 10,000 deep, arrays of 100,000 items, 9,999 bad items (just under the parse limit, so they reach
 * the validators), long strings, wide objects, wrong content types and odd top-level types. Every
 * answer must be a 4xx problem (never a 5xx), short, and cost CPU in proportion to the body.
 */
const SEED = 1_100_013;
const PRODUCT = 'hostile-loan';

let server: TestServer;
let admin: request.Agent;
let apiKey: string;
let reviewId: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as('admin');
  await admin
    .post('/api/studio/products')
    .send({ from: 'empty', id: PRODUCT, name: { 'zh-CN': '攻击测试贷', en: 'Hostile loan' } })
    .expect(201);
  await admin
    .put(`/api/studio/products/${PRODUCT}/draft`)
    .set('If-Match', '"1"')
    .send({ document: sampleFlow(PRODUCT) })
    .expect(200);
  reviewId = (await admin.post(`/api/studio/products/${PRODUCT}/submit`).send({}).expect(201)).body.id;
  await (await server.as('approver')).post(`/api/studio/reviews/${reviewId}/approve`).send({}).expect(200);
  apiKey = (await admin.post('/api/studio/api-keys').send({ channel: 'app' }).expect(201)).body.key;
}, 120_000);
afterAll(() => server.close());

interface Route {
  method: 'post' | 'put' | 'patch';
  path: string;
  channel?: boolean; // sends the channel key instead of the admin's session
}

/** Every route that reads a JSON body. */
const ROUTES: Route[] = [
  { method: 'post', path: '/api/studio/session' },
  { method: 'post', path: '/api/studio/products' },
  { method: 'put', path: `/api/studio/products/${PRODUCT}/draft` },
  { method: 'patch', path: `/api/studio/products/${PRODUCT}` },
  { method: 'post', path: `/api/studio/products/${PRODUCT}/simulate` },
  { method: 'post', path: `/api/studio/products/${PRODUCT}/submit` },
  { method: 'post', path: `/api/studio/products/${PRODUCT}/rollback` },
  { method: 'post', path: '/api/studio/compile' },
  { method: 'post', path: '/api/studio/reviews/r-999/approve' },
  { method: 'post', path: '/api/studio/reviews/r-999/reject' },
  { method: 'post', path: '/api/studio/api-keys' },
  { method: 'post', path: `/api/v1/products/${PRODUCT}/decisions`, channel: true },
  { method: 'post', path: '/api/v1/schedules', channel: true },
];

const deepObjects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deepArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const zeros = (n: number) => `[${Array(n).fill('0').join(',')}]`;
const empties = (n: number) => `[${Array(n).fill('{}').join(',')}]`;
const wide = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));

/** A value placed in every slot a route reads: document, application, its applicant and lists, rows, names, comments. */
const everywhere = (value: string) =>
  `{"document":{"schemaVersion":1,"blocks":${value},"links":${value}},"application":{"applicant":{"lists":${value},"age":${value}},"custom":${value}},` +
  `"principal":${value},"fees":${value},"name":${value},"comment":${value},"channel":${value},"version":${value},"username":${value},"password":${value},"from":"empty","id":"x"}`;

/** Bodies of each hostile shape, as text, with the content type they are sent with. */
const SHAPES: { name: string; body: string; type?: string }[] = [
  { name: 'objects nested 10,000 deep', body: deepObjects(10_000) },
  { name: 'arrays nested 10,000 deep', body: deepArrays(10_000) },
  { name: 'nesting 10,000 deep in every field', body: everywhere(deepArrays(10_000)) },
  { name: '100,000 zeros in every field', body: everywhere(zeros(100_000)).slice(0, 900_000) },
  { name: 'one array of 100,000 zeros', body: zeros(100_000) },
  { name: '9,999 zeros in every field', body: everywhere(zeros(9_999)) },
  { name: '9,999 empty objects in every field', body: everywhere(empties(9_999)) },
  { name: '4,999 keys in every field', body: everywhere(wide(4_999)) },
  { name: 'a 900,000-character string', body: JSON.stringify({ document: 'x'.repeat(900_000), application: { applicant: { name: 'x' } } }) },
  { name: 'strings of 99,999 characters in every field', body: everywhere(JSON.stringify('9'.repeat(99_999))).slice(0, 1_000_000) },
  { name: 'a bare null', body: 'null' },
  { name: 'a bare number', body: '1e400' },
  { name: 'a bare string', body: '"x"' },
  { name: 'an empty array', body: '[]' },
  { name: 'JSON sent as text/plain', body: everywhere('[]'), type: 'text/plain' },
  { name: 'a form post', body: 'document=1&application=2', type: 'application/x-www-form-urlencoded' },
  { name: 'JSON that is cut off', body: everywhere('[1,2').slice(0, 400) },
];

async function send(route: Route, body: string, type = 'application/json') {
  const agent = route.channel ? request(server.app) : admin;
  let call = agent[route.method](route.path).set('Content-Type', type);
  if (route.channel) call = call.set('X-API-Key', apiKey);
  if (route.method === 'put') call = call.set('If-Match', '"2"');
  const started = process.cpuUsage();
  const response = await call.send(body);
  const used = process.cpuUsage(started);
  return { response, cpuMs: (used.user + used.system) / 1000 };
}

describe('every JSON route under hostile bodies', () => {
  it.each(SHAPES)(
    'answers $name with a short 4xx, in CPU time proportional to the body',
    async ({ body, type }) => {
      for (const route of ROUTES) {
        const { response, cpuMs } = await send(route, body, type);
        const where = `${route.method.toUpperCase()} ${route.path}: ${response.status} ${response.text.slice(0, 300)}`;
        expect(response.status, where).toBeLessThan(500);
        expect(response.text.length, where).toBeLessThan(16 * 1024);
        expect(cpuMs, where).toBeLessThan(150 + 4 * (body.length / 1024)); // client and server together: a few ms per KB
      }
    },
    300_000,
  );

  it('refuses nesting past 64 levels with 413 JSON_LIMIT_EXCEEDED naming the limit, on compile, draft, schedules, simulate and decisions', async () => {
    for (const route of ROUTES.filter((candidate) => /compile|draft|schedules|simulate|decisions/.test(candidate.path))) {
      const { response } = await send(route, everywhere(deepObjects(65)));
      expect(response.status, route.path).toBe(413);
      expect(response.body).toMatchObject({ code: 'JSON_LIMIT_EXCEEDED', limit: 'depth', max: 64 });
      expect(response.body.title).toContain('64');
    }
  });

  it('refuses 32,000 applicant lists with 413 naming the array, instead of seconds of validation', async () => {
    const body = JSON.stringify({ application: { applicant: { age: 30, lists: Array(32_000).fill(0) } } });
    for (const route of ROUTES.filter((candidate) => /simulate|decisions/.test(candidate.path))) {
      const { response } = await send(route, body);
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'JSON_LIMIT_EXCEEDED', limit: 'arrayItems', max: 10_000, errors: [{ pointer: '/application/applicant/lists' }] });
    }
  });

  it('answers 9,999 bad list items with the list’s own limit, without validating an item', async () => {
    const body = JSON.stringify({ application: { applicant: { age: 30, lists: Array(9_999).fill(0) } } });
    for (const route of ROUTES.filter((candidate) => /simulate|decisions/.test(candidate.path))) {
      const { response } = await send(route, body);
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ pointer: '/application/applicant/lists', message: 'must NOT have more than 100 items', messageZh: '不应多于 100 项' }]);
    }
  });

  it('lists at most 100 errors, the first of each field, and counts the rest', async () => {
    const unknown = Object.fromEntries(Array.from({ length: 4_999 }, (_, i) => [`field${i}`, i]));
    const body = JSON.stringify({ application: { applicant: { age: 30, ...unknown } } });
    for (const route of ROUTES.filter((candidate) => /simulate|decisions/.test(candidate.path))) {
      const { response } = await send(route, body);
      expect(response.status).toBe(422);
      expect(response.body.errors).toHaveLength(100);
      expect(response.body.errors[0]).toEqual({ pointer: '/application/applicant/field0', message: expect.any(String), messageZh: expect.any(String) });
      expect(response.body.errorsOmitted).toBeGreaterThanOrEqual(4_999 - 100);
      expect(response.text.length).toBeLessThan(16 * 1024);
    }
  });

  it('answers a 905 KB draft of 2,000 blocks with 56 unknown keys each briefly, counting every unknown key', async () => {
    const unknown = Object.fromEntries(Array.from({ length: 56 }, (_, i) => [`k${i}`, 1]));
    const body = JSON.stringify({ document: { schemaVersion: 1, blocks: Array.from({ length: 2_000 }, (_, i) => ({ ...unknown, id: `b${i}` })), links: [] } });
    const saved = await send(ROUTES.find((route) => route.method === 'put')!, body);
    expect(saved.response.status).toBe(422);
    expect(saved.response.body.errors[0]).toEqual({ pointer: '/document/blocks/0/k0', message: 'must NOT have additional properties' });
    expect(saved.response.body.errors.length + saved.response.body.errorsOmitted).toBe(2_000 * 56);
    const compiled = await send(ROUTES.find((route) => route.path === '/api/studio/compile')!, body);
    expect(compiled.response.status).toBe(200);
    expect(compiled.response.body.diagnostics.length + compiled.response.body.diagnosticsOmitted).toBe(2_000 * 56);
    expect(compiled.response.text.length).toBeLessThan(16 * 1024);
  });

  it('answers a compile of 8,000 empty blocks with one diagnostic naming the 2,000-block limit, not 10 MB', async () => {
    const { response } = await send(ROUTES.find((route) => route.path === '/api/studio/compile')!, JSON.stringify({ document: { schemaVersion: 1, blocks: Array(8000).fill({}), links: [] } }));
    expect(response.status).toBe(200);
    expect(response.text.length).toBeLessThan(2048);
    expect(response.body.diagnostics).toEqual([expect.objectContaining({ code: 'DOCUMENT_INVALID', pointer: '/blocks', severity: 'error' })]);
    expect(response.body.diagnostics[0].message.en).toContain('2000');
  });

  it('never answers 5xx to random JSON with long arrays and deep nesting in random fields', async () => {
    const hostileValue = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse(deepArrays(depth))),
      fc.integer({ min: 0, max: 12_000 }).map((n) => Array(n).fill(0)),
      fc.integer({ min: 0, max: 3_000 }).map((n) => Array(n).fill({})),
    );
    const body = fc.dictionary(fc.constantFrom('document', 'application', 'requestedAmount', 'termMonths', 'principal', 'fees', 'name', 'comment', 'version', 'channel'), hostileValue, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, async (route, value) => {
        const text = JSON.stringify(value);
        if (text.length > 1024 * 1024) return;
        const { response } = await send(route, text);
        expect(response.status, `${route.path} ${response.text.slice(0, 200)}`).toBeLessThan(500);
        expect(response.text.length).toBeLessThan(64 * 1024);
      }),
      { seed: SEED, numRuns: 60 },
    );
  }, 300_000);

  it('still lists products, reviews, versions, keys and audit events afterwards', async () => {
    for (const path of ['/api/studio/products', '/api/studio/reviews', `/api/studio/products/${PRODUCT}/versions`, '/api/studio/api-keys', '/api/studio/audit', `/api/studio/products/${PRODUCT}`]) {
      expect((await admin.get(path)).status, path).toBe(200);
    }
    expect((await request(server.app).get('/api/v1/products').set('X-API-Key', apiKey)).body.products.map((product: { id: string }) => product.id)).toEqual([PRODUCT]);
  });
});
