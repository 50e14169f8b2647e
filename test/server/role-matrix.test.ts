import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

type Role = 'anonymous' | 'author' | 'approver' | 'admin';
const ROLES: Role[] = ['anonymous', 'author', 'approver', 'admin'];

/**
 * Every studio route × role → expected status. Requests are chosen so that an allowed role gets a
 * deterministic answer without changing shared state (unknown ids → 404, a stale If-Match → 409),
 * so the table shows the role check alone. Order matters only for the last row (sign-out).
 */
const MATRIX: { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; body?: object; ifMatch?: string; expected: [number, number, number, number] }[] = [
  //                                                                                       anonymous author approver admin
  { method: 'get', path: '/api/block-types', expected: [200, 200, 200, 200] },
  { method: 'get', path: '/api/studio/session', expected: [401, 200, 200, 200] },
  { method: 'get', path: '/api/studio/products', expected: [401, 200, 200, 200] },
  { method: 'post', path: '/api/studio/products', body: { from: 'empty', id: 'matrix-new', name: { 'zh-CN': '新', en: 'New' } }, expected: [401, 201, 403, 201] },
  { method: 'get', path: '/api/studio/products/matrix-loan', expected: [401, 200, 200, 200] },
  { method: 'put', path: '/api/studio/products/matrix-loan/draft', body: { document: sampleFlow('matrix-loan') }, ifMatch: '"99"', expected: [401, 409, 403, 409] },
  { method: 'patch', path: '/api/studio/products/matrix-loan', body: {}, expected: [401, 200, 403, 200] },
  { method: 'post', path: '/api/studio/products/missing/archive', body: {}, expected: [401, 404, 403, 404] },
  { method: 'post', path: '/api/studio/products/matrix-loan/simulate', body: { application: {}, requestedAmount: '20000', termMonths: 12 }, expected: [401, 200, 200, 200] },
  { method: 'post', path: '/api/studio/products/missing/submit', body: {}, expected: [401, 404, 403, 404] },
  { method: 'get', path: '/api/studio/reviews', expected: [401, 200, 200, 200] },
  { method: 'get', path: '/api/studio/reviews/r-none', expected: [401, 404, 404, 404] },
  { method: 'post', path: '/api/studio/reviews/r-none/approve', body: {}, expected: [401, 403, 404, 404] },
  { method: 'post', path: '/api/studio/reviews/r-none/reject', body: { comment: 'no' }, expected: [401, 403, 404, 404] },
  { method: 'post', path: '/api/studio/reviews/r-none/impact/rerun', body: {}, expected: [401, 404, 404, 404] },
  { method: 'post', path: '/api/studio/reviews/r-none/impact/cancel', body: {}, expected: [401, 404, 404, 404] },
  { method: 'get', path: '/api/studio/products/matrix-loan/versions', expected: [401, 200, 200, 200] },
  { method: 'get', path: '/api/studio/products/matrix-loan/versions/1', expected: [401, 404, 404, 404] },
  { method: 'get', path: '/api/studio/products/matrix-loan/diff?from=1&to=draft', expected: [401, 404, 404, 404] },
  { method: 'post', path: '/api/studio/products/matrix-loan/rollback', body: { version: 1 }, expected: [401, 404, 403, 404] },
  { method: 'post', path: '/api/studio/compile', body: { document: {} }, expected: [401, 200, 200, 200] },
  { method: 'get', path: '/api/studio/audit', expected: [401, 403, 200, 200] },
  { method: 'get', path: '/api/studio/api-keys', expected: [401, 403, 403, 200] },
  { method: 'post', path: '/api/studio/api-keys', body: { channel: 'app' }, expected: [401, 403, 403, 201] },
  { method: 'delete', path: '/api/studio/api-keys/k-none', expected: [401, 403, 403, 404] },
  { method: 'get', path: '/api/studio/users', expected: [401, 403, 403, 200] },
  { method: 'post', path: '/api/studio/users', body: { username: 'matrix-user', roles: ['author'], password: 'a long enough password' }, expected: [401, 403, 403, 201] },
  { method: 'patch', path: '/api/studio/users/nobody', body: { disabled: true }, expected: [401, 403, 403, 404] },
  { method: 'put', path: '/api/studio/users/nobody/password', body: { password: 'a long enough password' }, expected: [401, 403, 403, 404] },
  { method: 'delete', path: '/api/studio/session', expected: [204, 204, 204, 204] },
];

describe.each(ROLES)('the studio API as %s', (role) => {
  let server: TestServer;
  let agent: request.Agent;
  beforeAll(async () => {
    server = await startTestServer();
    await server.store.createProduct(
      { id: 'matrix-loan', name: { 'zh-CN': '矩阵', en: 'Matrix' }, kind: 'consumption', document: sampleFlow('matrix-loan'), status: 'draft', archived: false, samples: [], updatedBy: 'admin' },
      'admin',
    );
    agent = await server.as(role === 'anonymous' ? undefined : role);
  });
  afterAll(() => server.close());

  it.each(MATRIX.map((row) => ({ ...row, status: row.expected[ROLES.indexOf(role)] })))('$method $path → $status', async ({ method, path, body, ifMatch, status }) => {
    let call = agent[method](path);
    if (ifMatch) call = call.set('If-Match', ifMatch);
    const response = body ? await call.send(body) : await call;
    expect(response.status).toBe(status);
    if (status === 401) expect(response.body.code).toBe('UNAUTHENTICATED');
    if (status === 403) expect(response.body.code).toBe('ROLE_REQUIRED');
  });
});
