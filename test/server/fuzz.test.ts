import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
let admin: request.Agent;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as('admin');
  await admin.post('/api/studio/products').send({ from: 'empty', id: 'fuzz-loan', name: { 'zh-CN': '模糊', en: 'Fuzz' } }).expect(201);
  await admin.put('/api/studio/products/fuzz-loan/draft').set('If-Match', '"1"').send({ document: sampleFlow('fuzz-loan') }).expect(200);
});
afterAll(() => server.close());

/** Every write endpoint of the studio (admin holds every role, so bodies reach the handlers). */
const WRITES: { method: 'post' | 'put' | 'patch'; path: string }[] = [
  { method: 'post', path: '/api/studio/session' },
  { method: 'post', path: '/api/studio/products' },
  { method: 'put', path: '/api/studio/products/fuzz-loan/draft' },
  { method: 'patch', path: '/api/studio/products/fuzz-loan' },
  { method: 'post', path: '/api/studio/products/fuzz-loan/simulate' },
  { method: 'post', path: '/api/studio/products/fuzz-loan/rollback' },
  { method: 'post', path: '/api/studio/compile' },
  { method: 'post', path: '/api/studio/reviews/r-1/reject' },
  { method: 'post', path: '/api/studio/api-keys' },
  { method: 'post', path: '/api/studio/users' },
  { method: 'patch', path: '/api/studio/users/approver2' },
  { method: 'put', path: '/api/studio/users/approver2/password' },
  { method: 'put', path: '/api/studio/session/password' },
];

/** JSON bodies shaped like the real ones, with random values in every slot. */
const plausibleBody = fc.record(
  {
    document: fc.oneof(fc.jsonValue(), fc.constant(sampleFlow('fuzz-loan')), fc.record({ schemaVersion: fc.constant(1), blocks: fc.array(fc.jsonValue(), { maxLength: 3 }), links: fc.array(fc.jsonValue(), { maxLength: 3 }), base: fc.jsonValue() })),
    application: fc.jsonValue(),
    requestedAmount: fc.oneof(fc.string(), fc.double(), fc.jsonValue()),
    termMonths: fc.oneof(fc.integer(), fc.jsonValue()),
    asOf: fc.oneof(fc.string(), fc.constant('2025-02-30')),
    from: fc.constantFrom('empty', 'template', 'derived', 'x'),
    id: fc.oneof(fc.string(), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/)),
    name: fc.oneof(fc.jsonValue(), fc.record({ 'zh-CN': fc.string(), en: fc.string() })),
    template: fc.string(),
    base: fc.oneof(fc.jsonValue(), fc.record({ productId: fc.constantFrom('fuzz-loan', 'nope'), version: fc.integer() })),
    version: fc.oneof(fc.integer(), fc.jsonValue()),
    comment: fc.jsonValue(),
    channel: fc.string(),
    username: fc.jsonValue(),
    password: fc.jsonValue(),
    roles: fc.oneof(fc.jsonValue(), fc.array(fc.constantFrom('author', 'approver', 'admin', 'root'), { maxLength: 4 })),
    disabled: fc.oneof(fc.boolean(), fc.jsonValue()),
    displayName: fc.jsonValue(),
    currentPassword: fc.jsonValue(),
    newPassword: fc.oneof(fc.string(), fc.jsonValue()),
    scopes: fc.oneof(fc.jsonValue(), fc.array(fc.constantFrom('definition:read', 'admin'), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

describe('the studio API under random input', () => {
  it('never answers 500 to random JSON bodies on any write endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), fc.oneof(fc.jsonValue(), plausibleBody), fc.oneof(fc.constant(undefined), fc.string(), fc.constant('"2"')), async (route, body, ifMatch) => {
        let call = admin[route.method](route.path).set('Content-Type', 'application/json');
        if (ifMatch !== undefined) call = call.set('If-Match', ifMatch.replace(/[^\x20-\x7e]/g, ''));
        const response = await call.send(JSON.stringify(body));
        expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/json/);
      }),
      { numRuns: 250 },
    );
  });

  it('never answers 500 to random strings as the body, however they are labelled', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), fc.string({ maxLength: 200 }), fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json'), async (route, text, type) => {
        const response = await admin[route.method](route.path).set('Content-Type', type).send(text);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('never answers 500 to random path segments and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), async (segment, query) => {
        const id = encodeURIComponent(segment);
        for (const url of [`/api/studio/products/${id}`, `/api/studio/products/fuzz-loan/versions/${id}`, `/api/studio/products/fuzz-loan/diff?from=${encodeURIComponent(query)}&to=${id}`, `/api/studio/reviews?status=${encodeURIComponent(query)}`, `/api/studio/audit?productId=${id}`]) {
          expect((await admin.get(url)).status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});
