import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
const name = { 'zh-CN': '测试贷', en: 'Test loan' };
const KEY = 'four-eyes-app-key';

beforeEach(async () => {
  server = await startTestServer();
  await server.store.putApiKey({ id: 'k', channel: 'app', keyHash: hashApiKey(KEY), createdAt: '2025-06-01T00:00:00Z', createdBy: 'test' });
});
afterEach(() => server.close());

const channel = () => request(server.app).get('/api/v1/products/test-loan').set('X-API-Key', KEY);

/** Creates test-loan as `creator`, saves a compilable flow as `editor`. */
async function drafted(creator = 'author', editor = creator): Promise<void> {
  await (await server.as(creator)).post('/api/studio/products').send({ from: 'empty', id: 'test-loan', name }).expect(201);
  const revision = (await server.store.getProduct('test-loan'))!.revision;
  await (await server.as(editor)).put('/api/studio/products/test-loan/draft').set('If-Match', `"${revision}"`).send({ document: sampleFlow() }).expect(200);
}

async function submit(username: string): Promise<string> {
  const response = await (await server.as(username)).post('/api/studio/products/test-loan/submit').send({});
  expect(response.status).toBe(201);
  return response.body.id;
}

async function published(): Promise<void> {
  await drafted();
  await (await server.as('approver')).post(`/api/studio/reviews/${await submit('author')}/approve`).send({}).expect(200);
}

describe('four eyes: whoever changed what is published does not approve it', () => {
  it('refuses an admin who edited the draft that an author then submitted', async () => {
    await drafted('author', 'admin');
    const id = await submit('author');
    const response = await (await server.as('admin')).post(`/api/studio/reviews/${id}/approve`).send({});
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('EDITOR_APPROVAL_FORBIDDEN');
    expect(await server.store.listVersions('test-loan')).toEqual([]);
    // someone who did not touch it may
    expect((await (await server.as('approver')).post(`/api/studio/reviews/${id}/approve`).send({})).status).toBe(200);
  });

  it('counts a rename as an edit, and forgets edits made before the last publish', async () => {
    await published();
    await (await server.as('admin')).patch('/api/studio/products/test-loan').send({ name: { 'zh-CN': '新名', en: 'New name' } }).expect(200);
    const id = await submit('author');
    expect((await (await server.as('admin')).post(`/api/studio/reviews/${id}/approve`).send({})).body.code).toBe('EDITOR_APPROVAL_FORBIDDEN');
    await (await server.as('approver')).post(`/api/studio/reviews/${id}/approve`).send({}).expect(200);
    // v2 is out; the admin's earlier rename no longer bars them from the next change they did not make
    const current = (await server.store.getProduct('test-loan'))!;
    const document = structuredClone(current.document);
    document.blocks[1].label = 'v3';
    await (await server.as('author')).put('/api/studio/products/test-loan/draft').set('If-Match', `"${current.revision}"`).send({ document }).expect(200);
    const third = await submit('author');
    expect((await (await server.as('admin')).post(`/api/studio/reviews/${third}/approve`).send({})).status).toBe(200);
  });

  it('refuses the one who asked for a rollback', async () => {
    await published();
    const rollback = await (await server.as('admin')).post('/api/studio/products/test-loan/rollback').send({ version: 1 });
    expect(rollback.status).toBe(201);
    const response = await (await server.as('admin')).post(`/api/studio/reviews/${rollback.body.id}/approve`).send({});
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
  });
});

describe('archiving a published product is a review', () => {
  it('keeps the product on the channels until another approver approves the archive', async () => {
    await published();
    const asked = await (await server.as('author')).post('/api/studio/products/test-loan/archive').send({ comment: 'end of campaign' });
    expect(asked.status).toBe(202);
    expect(asked.body.review).toMatchObject({ kind: 'archive', status: 'open', submittedBy: 'author', baseVersion: 1, comment: 'end of campaign' });
    expect((await channel()).status).toBe(200);
    expect((await (await server.as('author')).get('/api/studio/products/test-loan')).body.status).toBe('in-review');

    const self = await (await server.as('admin')).post('/api/studio/products/test-loan/archive').send({});
    expect(self.body.code).toBe('REVIEW_PENDING');
    const approved = await (await server.as('approver')).post(`/api/studio/reviews/${asked.body.review.id}/approve`).send({});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ archived: true, review: { status: 'approved', decidedBy: 'approver' } });
    expect((await channel()).status).toBe(404);
    expect((await (await server.as('author')).get('/api/studio/products/test-loan')).body.status).toBe('archived');
    expect((await server.store.listVersions('test-loan')).map((v) => v.version)).toEqual([1]);
  });

  it('does not let the one who asked approve it, and a rejection leaves it published', async () => {
    await published();
    const asked = await (await server.as('approver')).post('/api/studio/products/test-loan/archive').send({});
    expect(asked.status).toBe(403); // approvers do not archive: it is an author's change
    const review = (await (await server.as('admin')).post('/api/studio/products/test-loan/archive').send({})).body.review;
    expect((await (await server.as('admin')).post(`/api/studio/reviews/${review.id}/approve`).send({})).body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    await (await server.as('approver')).post(`/api/studio/reviews/${review.id}/reject`).send({ comment: 'still selling' }).expect(200);
    expect((await channel()).status).toBe(200);
    expect((await server.store.getProduct('test-loan'))!).toMatchObject({ archived: false, status: 'published' });
  });

  it('archives a product that was never published at once', async () => {
    await drafted();
    const response = await (await server.as('author')).post('/api/studio/products/test-loan/archive').send({});
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('archived');
  });
});

describe('an archived product stays archived', () => {
  it('refuses with 409 PRODUCT_ARCHIVED to publish it through a review opened before the archive', async () => {
    await drafted();
    const id = await submit('author');
    await (await server.as('author')).post('/api/studio/products/test-loan/archive').send({}).expect(200);
    const response = await (await server.as('approver')).post(`/api/studio/reviews/${id}/approve`).send({});
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PRODUCT_ARCHIVED');
    expect(await server.store.listVersions('test-loan')).toEqual([]);
    expect(server.runtime.latest('test-loan')).toBeUndefined();
    expect((await channel()).status).toBe(404);
    expect((await server.store.getReview(id))!.status).toBe('open'); // it can still be rejected
  });
});
