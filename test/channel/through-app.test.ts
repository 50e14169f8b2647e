import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { captureLogger, DEFINITION_KEY, KEYS, storeWithKeys } from './fixtures.ts';
import { expectDocumented } from './openapi-check.ts';
import { compileOrThrow, consumerFlow } from './real-product.ts';

const catalog = defaultCatalog();
const NAME = '赵六';
const ID_NUMBER = '44030619880808123X';
const PHONE = '15011112222';

/** The consumer product with a product-specific contact phone marked as personal data. */
function flowWithContact(rate: string): FlowDocument {
  const document = consumerFlow({ rate, channels: ['app', 'branch'] });
  document.blocks[0].config.extraFields = { contactPhone: { type: 'string', 'x-personal': true } };
  return document;
}

async function setup() {
  const store = await storeWithKeys();
  const publish = async (rate: string) => {
    const document = flowWithContact(rate);
    const definition = compileOrThrow(document, catalog, 1);
    return store.publish({ productId: 'salary-loan', hash: definition.hash, definition, document, channels: ['app'], submittedBy: 'system', approvedBy: 'system', reviewId: `r-${rate}` }, 'system');
  };
  await publish('4.50');
  const runtime = new RuntimeRegistry(catalog);
  await runtime.load(store);
  const logs = captureLogger('debug');
  const app = createApp({ store, catalog, runtime, logger: logs.logger, clock: () => new Date('2025-06-01T02:00:00Z') });
  return { app, runtime, publish, logs };
}

describe('channel API through createApp', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });
  const decide = (body: unknown) => request(ctx.app).post('/api/v1/products/salary-loan/decisions').set('X-API-Key', KEYS.app).send(body as object);

  it('answers 413 PAYLOAD_TOO_LARGE to a body over 1 MB', async () => {
    const res = await decide({ application: { applicant: { age: 30, monthlyIncome: 8000 } }, padding: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('lists the compiled product with its display bounds and a representative APR', async () => {
    const res = await request(ctx.app).get('/api/v1/products').set('X-API-Key', KEYS.app);
    expect(res.status).toBe(200);
    expect(res.body.products).toHaveLength(1);
    expect(res.body.products[0]).toMatchObject({ id: 'salary-loan', kind: 'consumption', version: 1, termsMonths: [6, 12, 24, 36], rateRange: { min: '4.50', max: '4.50' } });
    expectDocumented(catalog, res, 'get', '/products');
    const branch = await request(ctx.app).get('/api/v1/products').set('X-API-Key', KEYS.branch);
    expect(branch.body.products).toEqual([]); // version 1 is published to the app channel only
  });

  it('approves a good applicant with a decision that matches decision.schema.json', async () => {
    const res = await decide({ application: { applicant: { age: 30, monthlyIncome: 8000 }, custom: { contactPhone: PHONE } }, requestedAmount: '50000', termMonths: 12 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'approve', asOf: '2025-06-01', product: { id: 'salary-loan', version: 1 } });
    expect(res.body.offer.rate.annual).toBe('4.5000');
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('leaves the trace (the product’s internal rules) out unless a key with definition:read asks with ?include=trace', async () => {
    const body = { application: { applicant: { age: 30, monthlyIncome: 8000 } }, requestedAmount: '50000', termMonths: 12 };
    const plain = await decide(body);
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('trace');
    // issue 11, finding 12: the trace shows the rules, so it needs the same scope as the definition
    const refused = await request(ctx.app).post('/api/v1/products/salary-loan/decisions?include=trace').set('X-API-Key', KEYS.app).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SCOPE_REQUIRED');
    expectDocumented(catalog, refused, 'post', '/products/{id}/decisions');
    const traced = await request(ctx.app).post('/api/v1/products/salary-loan/decisions?include=trace').set('X-API-Key', DEFINITION_KEY).send(body);
    expect(traced.status).toBe(200);
    expect(traced.body.trace[0]).toMatchObject({ blockId: 'start', result: 'start' });
    expect(traced.body.trace.at(-1).result).toBe('outcome');
    const { trace: _trace, ...rest } = traced.body;
    expect(rest).toEqual(plain.body);
    expectDocumented(catalog, traced, 'post', '/products/{id}/decisions');
    const unknown = await request(ctx.app).post('/api/v1/products/salary-loan/decisions?include=trace,rules').set('X-API-Key', DEFINITION_KEY).send(body);
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'REQUEST_INVALID', errors: [{ pointer: '/query/include' }] });
    expectDocumented(catalog, unknown, 'post', '/products/{id}/decisions');
  });

  it('declines an applicant outside the age range with the gate’s reason', async () => {
    const res = await decide({ application: { applicant: { age: 70, monthlyIncome: 8000 } } });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('decline');
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('names each bad application field with its pointer', async () => {
    const res = await decide({ application: { applicant: { age: 'thirty', name: NAME } } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('APPLICATION_INVALID');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/application/applicant/age', '/application/applicant/monthlyIncome']);
    expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
  });

  it('logs each decision without the applicant’s name, ID number or phone, even at debug level', async () => {
    const before = ctx.logs.lines.length;
    const application = { applicant: { age: 30, monthlyIncome: 8000, name: NAME, idNumber: ID_NUMBER, phone: PHONE }, custom: { contactPhone: `call ${PHONE}` } };
    expect((await decide({ application })).status).toBe(200);
    expect((await decide({ application: { ...application, applicant: { ...application.applicant, age: 'x' } } })).status).toBe(422);
    const lines = ctx.logs.lines.slice(before);
    const records = lines.map((line) => JSON.parse(line)).filter((r) => r.event === 'decision');
    expect(records.map((r) => r.outcome)).toEqual(['approve', 'invalid']);
    expect(records[0]).toMatchObject({ product: 'salary-loan', version: 1, channel: 'app' });
    expect(records[0].application.applicant).toMatchObject({ age: 30, name: '***', idNumber: '***', phone: '***' });
    expect(records[0].application.custom).toBe('***'); // every custom field is personal (application.schema.json marks custom x-personal)
    for (const secret of [NAME, ID_NUMBER, PHONE]) expect(ctx.logs.lines.join('\n')).not.toContain(secret);
  });

  it('serves a newly published version at once: the old ETag no longer answers 304', async () => {
    const first = await request(ctx.app).get('/api/v1/products/salary-loan').set('X-API-Key', KEYS.app);
    expectDocumented(catalog, first, 'get', '/products/{id}');
    const unchanged = await request(ctx.app).get('/api/v1/products/salary-loan').set('X-API-Key', KEYS.app).set('If-None-Match', first.headers.etag);
    expect(unchanged.status).toBe(304);
    ctx.runtime.publish(await ctx.publish('5.00'));
    const changed = await request(ctx.app).get('/api/v1/products/salary-loan').set('X-API-Key', KEYS.app).set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expectDocumented(catalog, changed, 'get', '/products/{id}');
    const pinned = await request(ctx.app).get('/api/v1/products/salary-loan/versions/1').set('X-API-Key', KEYS.app);
    expect(pinned.body.display.rateRange.min).toBe('4.50');
    expect(pinned.headers['cache-control']).toContain('immutable');
    expectDocumented(catalog, pinned, 'get', '/products/{id}/versions/{v}');
  });
});
