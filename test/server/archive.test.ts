import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { catalog, sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
const name = { 'zh-CN': '测试贷', en: 'Test loan' };
const KEY = 'archive-test-app-key';

beforeEach(async () => {
  server = await startTestServer();
  await server.store.putApiKey({ id: 'k', channel: 'app', keyHash: hashApiKey(KEY), createdAt: '2025-06-01T00:00:00Z', createdBy: 'test' });
  const author = await server.as('author');
  await author.post('/api/studio/products').send({ from: 'empty', id: 'test-loan', name }).expect(201);
  await author.put('/api/studio/products/test-loan/draft').set('If-Match', '"1"').send({ document: sampleFlow() }).expect(200);
  const review = await author.post('/api/studio/products/test-loan/submit').send({}).expect(201);
  await (await server.as('approver')).post(`/api/studio/reviews/${review.body.id}/approve`).send({}).expect(200);
});
afterEach(() => server.close());

/** Archiving a published product is a review (four eyes): the author asks, another approver approves. */
async function archive(): Promise<void> {
  const asked = await (await server.as('author')).post('/api/studio/products/test-loan/archive').send({}).expect(202);
  await (await server.as('approver2')).post(`/api/studio/reviews/${asked.body.review.id}/approve`).send({}).expect(200);
}

describe('archiving a published product', () => {
  it('withdraws it from the channels once its archive review is approved, latest and pinned versions alike', async () => {
    const channel = () => request(server.app).get('/api/v1/products/test-loan').set('X-API-Key', KEY);
    expect((await channel()).status).toBe(200);
    await archive();
    expect((await channel()).status).toBe(404);
    expect((await request(server.app).get('/api/v1/products/test-loan/versions/1').set('X-API-Key', KEY)).status).toBe(404);
    const list = await request(server.app).get('/api/v1/products').set('X-API-Key', KEY);
    expect(list.body.products.map((p: { id: string }) => p.id)).not.toContain('test-loan');
  });

  it('stays withdrawn after a restart', async () => {
    await archive();
    const restarted = new RuntimeRegistry(catalog());
    await restarted.load(server.store);
    expect(restarted.latest('test-loan')).toBeUndefined();
    expect(await restarted.get('test-loan', 1)).toBeUndefined();
  });
});
