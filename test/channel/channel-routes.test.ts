import request from 'supertest';
import { allRefs } from '../../server/openapi-bundle.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { captureLogger, channelTestApp, DEFINITION_KEY, definitionFixture, fakeBuildEvaluator, KEYS, publishedVersion, storeWithKeys } from './fixtures.ts';
import { expectDocumented } from './openapi-check.ts';

const catalog = defaultCatalog();
const adult = { applicant: { age: 30, name: '张三', idNumber: '11010519491231002X', phone: '13800138000' } };

async function setup() {
  const store = await storeWithKeys();
  await store.publish(publishedVersion(definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app', 'branch'] }), 1), 'system');
  await store.publish(publishedVersion(definitionFixture({ productId: 'branch-only', annualRate: '6', channels: ['branch'] }), 1), 'system');
  const runtime = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
  await runtime.load(store);
  const { logger, records } = captureLogger();
  const app = channelTestApp({ store, catalog, runtime, logger, clock: () => new Date('2025-06-30T17:00:00Z') });
  return { app, store, runtime, records };
}

describe('channel API', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });
  const get = (path: string, key: string | null = KEYS.app) => {
    const req = request(ctx.app).get(path);
    return key === null ? req : req.set('X-API-Key', key);
  };
  const post = (path: string, body: unknown, key = KEYS.app) =>
    request(ctx.app)
      .post(path)
      .set('X-API-Key', key)
      .send(body as object);

  it('refuses a request without an API key with 401 API_KEY_MISSING', async () => {
    const res = await get('/api/v1/products', null);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('API_KEY_MISSING');
    expectDocumented(catalog, res, 'get', '/products');
  });

  it('refuses an unknown API key with 401 API_KEY_INVALID', async () => {
    const res = await get('/api/v1/products', 'not-a-key');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('API_KEY_INVALID');
    expectDocumented(catalog, res, 'get', '/products');
  });

  it('lists only the products published to the caller’s channel, with a representative APR', async () => {
    const app = await get('/api/v1/products');
    expect(app.status).toBe(200);
    expect(app.body.products.map((p: { id: string }) => p.id)).toEqual(['salary-loan']);
    const [product] = app.body.products;
    // 10,000 over 12 months, equal installments at 4.5 %, no fees: the APR is the nominal rate, up to
    // the cent rounding of the installments; compound = (1 + 4.5 % / 12)^12 − 1 ≈ 4.5940 %.
    const { simple, compound, example } = product.representativeApr;
    expect(example).toEqual({ amount: '10000.00', termMonths: 12, method: 'equal-installment', annualRate: '4.5' });
    expect(Number(simple)).toBeGreaterThanOrEqual(4.5);
    expect(Number(simple)).toBeLessThan(4.501);
    expect(Number(compound)).toBeCloseTo((Math.pow(1 + Number(simple) / 1200, 12) - 1) * 100, 3);
    expectDocumented(catalog, app, 'get', '/products');
    const branch = await get('/api/v1/products', KEYS.branch);
    expect(branch.body.products.map((p: { id: string }) => p.id)).toEqual(['branch-only', 'salary-loan']);
    expectDocumented(catalog, branch, 'get', '/products');
  });

  it('serves the latest product card with its ETag and cache header, and no definition', async () => {
    const res = await get('/api/v1/products/salary-loan');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${res.body.hash}"`);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.vary).toBe('X-API-Key');
    expect(res.body.display.rateRange.min).toBe('4.5');
    expect(res.body).toMatchObject({ id: 'salary-loan', version: 1, rateRange: { min: '4.5' }, termsMonths: [6, 12, 24, 36] });
    expect(res.body.definition).toBeUndefined(); // issue 11, finding 12: the rules stay with the bank
    expect(res.body.applicationSchema.properties.applicant).toBeDefined();
    expectDocumented(catalog, res, 'get', '/products/{id}');
  });

  it('adds the compiled definition, under its own ETag, only for a key granted definition:read', async () => {
    const res = await get('/api/v1/products/salary-loan', DEFINITION_KEY);
    expect(res.status).toBe(200);
    expect(res.body.definition.display.rateRange.min).toBe('4.5');
    expect(res.body.definition.blocks.length).toBeGreaterThan(0);
    expect(res.headers.etag).toBe(`"${res.body.hash};definition"`);
    expectDocumented(catalog, res, 'get', '/products/{id}');
    expect((await get('/api/v1/products/salary-loan', DEFINITION_KEY).set('If-None-Match', res.headers.etag)).status).toBe(304);
    // the card's ETag does not revalidate the full representation, nor the other way round
    const card = await get('/api/v1/products/salary-loan');
    expect((await get('/api/v1/products/salary-loan', DEFINITION_KEY).set('If-None-Match', card.headers.etag)).status).toBe(200);
    expect((await get('/api/v1/products/salary-loan').set('If-None-Match', res.headers.etag)).status).toBe(200);
    const pinned = await get('/api/v1/products/salary-loan/versions/1');
    expect(pinned.body.definition).toBeUndefined();
    expect((await get('/api/v1/products/salary-loan/versions/1', DEFINITION_KEY)).body.definition.version).toBe(1);
  });

  it('answers 304 when If-None-Match carries the current ETag', async () => {
    const first = await get('/api/v1/products/salary-loan');
    const res = await get('/api/v1/products/salary-loan').set('If-None-Match', `"other", ${first.headers.etag}`);
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expectDocumented(catalog, res, 'get', '/products/{id}');
  });

  it('hides a product not published to the caller’s channel with 404 PRODUCT_NOT_FOUND', async () => {
    const res = await get('/api/v1/products/branch-only');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('PRODUCT_NOT_FOUND');
    expectDocumented(catalog, res, 'get', '/products/{id}');
    const decision = await post('/api/v1/products/branch-only/decisions', { application: adult });
    expect(decision.status).toBe(404);
    expectDocumented(catalog, decision, 'post', '/products/{id}/decisions');
  });

  it('serves a pinned version and 404 for a version that does not exist', async () => {
    const pinned = await get('/api/v1/products/salary-loan/versions/1');
    expect(pinned.status).toBe(200);
    expect(pinned.body.version).toBe(1);
    expectDocumented(catalog, pinned, 'get', '/products/{id}/versions/{v}');
    for (const v of ['2', 'abc', '0']) {
      const missing = await get(`/api/v1/products/salary-loan/versions/${v}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('VERSION_NOT_FOUND');
      expectDocumented(catalog, missing, 'get', '/products/{id}/versions/{v}');
    }
  });

  it('decides an application and defaults asOf to today in Asia/Shanghai', async () => {
    const res = await post('/api/v1/products/salary-loan/decisions', { application: adult, requestedAmount: '50000', termMonths: 24 });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('approve');
    expect(res.body.asOf).toBe('2025-07-01'); // 17:00 UTC on 30 June is 01:00 on 1 July in Shanghai
    expect(res.body.offer.amount).toBe('50000');
    expect(res.body.product.id).toBe('salary-loan');
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('accepts the requested amount as a number', async () => {
    const res = await post('/api/v1/products/salary-loan/decisions', { application: adult, requestedAmount: 12000.5, asOf: '2025-01-02' });
    expect(res.status).toBe(200);
    expect(res.body.offer.amount).toBe('12000.5');
    expect(res.body.asOf).toBe('2025-01-02');
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('answers 422 APPLICATION_INVALID with one error per bad application field', async () => {
    const res = await post('/api/v1/products/salary-loan/decisions', { application: { applicant: { age: -1, phone: '12' } } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('APPLICATION_INVALID');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/application/applicant/age', '/application/applicant/phone']);
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('answers 422 REQUEST_INVALID naming every bad request field, the application’s too', async () => {
    const res = await post('/api/v1/products/salary-loan/decisions', {
      application: { applicant: { age: 'old' } },
      requestedAmount: '-5',
      termMonths: 1.5,
      repaymentMethod: 'lottery',
      asOf: '2025-02-30',
      extra: true,
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('REQUEST_INVALID');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/application/applicant/age', '/asOf', '/extra', '/repaymentMethod', '/requestedAmount', '/termMonths']);
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('answers 422 REQUEST_INVALID when the application is missing or not an object', async () => {
    for (const body of [{}, { application: [1] }, [1, 2], { application: 'x', requestedAmount: '100.001' }]) {
      const res = await post('/api/v1/products/salary-loan/decisions', body);
      expect(res.status).toBe(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
    }
    const missing = await post('/api/v1/products/salary-loan/decisions', {});
    expect(missing.body.errors).toEqual([{ pointer: '/application', message: 'is required', messageZh: '必填' }]);
  });

  it('answers 400 JSON_MALFORMED to a body that is not JSON', async () => {
    const res = await request(ctx.app).post('/api/v1/products/salary-loan/decisions').set('X-API-Key', KEYS.app).set('Content-Type', 'application/json').send('{"application":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('JSON_MALFORMED');
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('computes a repayment schedule', async () => {
    const res = await post('/api/v1/schedules', { principal: '120000', annualRate: '6', termMonths: 12, method: 'equal-principal' });
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(12);
    expect(res.body.rows[0]).toMatchObject({ principal: '10000.00', interest: '600.00', payment: '10600.00' }); // 120000 × 0.5 %
    expect(res.body.totals.interest).toBe('3900.00'); // 600 + 550 + … + 50
    expectDocumented(catalog, res, 'post', '/schedules');
  });

  it('answers 422 SCHEDULE_REQUEST_INVALID with the pointer of each bad field', async () => {
    const res = await post('/api/v1/schedules', { principal: 'lots', annualRate: '6', termMonths: 0, method: 'equal-principal' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SCHEDULE_REQUEST_INVALID');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/principal', '/termMonths']);
    expectDocumented(catalog, res, 'post', '/schedules');
  });

  it('serves the OpenAPI document at /api/openapi.json', async () => {
    const res = await request(ctx.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(['/products', '/products/{id}', '/products/{id}/versions/{v}', '/products/{id}/decisions', '/schedules']);
    // Bundled: the product schemas are components and every reference is local and resolves.
    expect(res.body.components.schemas.Decision.properties.outcome).toBeDefined();
    for (const $ref of allRefs(res.body)) {
      expect($ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9_]+$/);
      expect(res.body.components.schemas[$ref.split('/').pop()!], $ref).toBeDefined();
    }
  });
});
