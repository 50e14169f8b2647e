import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
const name = { 'zh-CN': '测试贷', en: 'Test loan' };

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

/** Creates test-loan with a compilable flow as `username` and submits it; returns the review id. */
async function submitted(username = 'author'): Promise<string> {
  const agent = await server.as(username);
  await agent.post('/api/studio/products').send({ from: 'empty', id: 'test-loan', name }).expect(201);
  await agent.put('/api/studio/products/test-loan/draft').set('If-Match', '"1"').send({ document: sampleFlow() }).expect(200);
  const review = await agent.post('/api/studio/products/test-loan/submit').send({ comment: 'first release' });
  expect(review.status).toBe(201);
  return review.body.id;
}

/** Saves a new draft revision with a changed block label. */
async function edit(label: string): Promise<void> {
  const author = await server.as('author');
  const current = (await server.store.getProduct('test-loan'))!;
  const document = structuredClone(current.document);
  document.blocks[1].label = label;
  await author.put('/api/studio/products/test-loan/draft').set('If-Match', `"${current.revision}"`).send({ document }).expect(200);
}

describe('submitting for review', () => {
  it('opens a review that carries the compiled hash and puts the product in review', async () => {
    const id = await submitted();
    const review = (await (await server.as('approver')).get(`/api/studio/reviews/${id}`)).body;
    expect(review).toMatchObject({ id, productId: 'test-loan', kind: 'publish', status: 'open', submittedBy: 'author', comment: 'first release', baseVersion: null });
    expect(review.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(review.definition.hash).toBe(review.hash);
    expect(review.diff.blocks.added.map((block: { id: string }) => block.id).sort()).toEqual(['limit', 'offer', 'price', 'repay']);
    const list = await (await server.as('author')).get('/api/studio/products');
    expect(list.body.products[0].status).toBe('in-review');
  });

  it('refuses a draft with compile errors with 422 DRAFT_HAS_ERRORS', async () => {
    const author = await server.as('author');
    await author.post('/api/studio/products').send({ from: 'empty', id: 'bare', name }).expect(201);
    const response = await author.post('/api/studio/products/bare/submit').send({});
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DRAFT_HAS_ERRORS');
    expect(response.body.diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
  });

  it('refuses a second submission while one is open with 409 REVIEW_PENDING', async () => {
    await submitted();
    const again = await (await server.as('author')).post('/api/studio/products/test-loan/submit').send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REVIEW_PENDING');
  });

  it('lists open reviews without their documents', async () => {
    await submitted();
    const response = await (await server.as('approver')).get('/api/studio/reviews?status=open');
    expect(response.body.reviews).toHaveLength(1);
    expect(response.body.reviews[0].document).toBeUndefined();
    expect((await (await server.as('approver')).get('/api/studio/reviews?status=maybe')).status).toBe(422);
  });
});

describe('four eyes', () => {
  it('forbids the submitter to approve their own submission, even as admin', async () => {
    const id = await submitted('admin');
    const response = await (await server.as('admin')).post(`/api/studio/reviews/${id}/approve`).send({});
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    expect(await server.store.listVersions('test-loan')).toEqual([]);
  });

  it('forbids an author to approve with 403 ROLE_REQUIRED', async () => {
    const id = await submitted('admin');
    const response = await (await server.as('author')).post(`/api/studio/reviews/${id}/approve`).send({});
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ROLE_REQUIRED');
  });

  it('lets another approver publish version 1 to the product channels and the channel runtime at once', async () => {
    const id = await submitted();
    const response = await (await server.as('approver')).post(`/api/studio/reviews/${id}/approve`).send({ comment: 'ok' });
    expect(response.status).toBe(200);
    expect(response.body.review).toMatchObject({ status: 'approved', decidedBy: 'approver', decisionComment: 'ok' });
    expect(response.body.version).toMatchObject({ version: 1, submittedBy: 'author', approvedBy: 'approver', channels: ['app', 'branch'] });
    expect(server.runtime.latest('test-loan')?.version).toBe(1);
    await server.store.putApiKey({ id: 'k', channel: 'branch', keyHash: hashApiKey('branch-test-key'), createdAt: '2025-06-01T00:00:00Z', createdBy: 'test' });
    const channel = await request(server.app).get('/api/v1/products/test-loan').set('X-API-Key', 'branch-test-key');
    expect(channel.status).toBe(200);
    expect(channel.body.version).toBe(1);
    const again = await (await server.as('approver2')).post(`/api/studio/reviews/${id}/approve`).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REVIEW_CLOSED');
  });

  it('rejects with a required comment and leaves nothing published', async () => {
    const id = await submitted();
    const approver = await server.as('approver');
    const bare = await approver.post(`/api/studio/reviews/${id}/reject`).send({});
    expect(bare.status).toBe(422);
    expect(bare.body.errors[0].pointer).toBe('/comment');
    const response = await approver.post(`/api/studio/reviews/${id}/reject`).send({ comment: 'rate too low' });
    expect(response.status).toBe(200);
    expect(response.body.review).toMatchObject({ status: 'rejected', decisionComment: 'rate too low' });
    expect(await server.store.listVersions('test-loan')).toEqual([]);
    expect((await server.store.getProduct('test-loan'))!.status).toBe('draft');
  });

  it('answers 404 for an unknown review', async () => {
    expect((await (await server.as('approver')).post('/api/studio/reviews/r-404/approve').send({})).status).toBe(404);
  });
});

describe('versions, diff and rollback', () => {
  async function publishTwoVersions(): Promise<void> {
    const approver = await server.as('approver');
    await approver
      .post(`/api/studio/reviews/${await submitted()}/approve`)
      .send({})
      .expect(200);
    await edit('second');
    const second = await (await server.as('author')).post('/api/studio/products/test-loan/submit').send({});
    await approver.post(`/api/studio/reviews/${second.body.id}/approve`).send({}).expect(200);
  }

  it('lists immutable versions and reads one with its definition and document', async () => {
    await publishTwoVersions();
    const author = await server.as('author');
    const list = await author.get('/api/studio/products/test-loan/versions');
    expect(list.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const one = await author.get('/api/studio/products/test-loan/versions/1');
    expect(one.body.version.version).toBe(1);
    expect(one.body.definition.version).toBe(1);
    expect(one.body.document.blocks[1].label).toBeUndefined();
    expect((await author.get('/api/studio/products/test-loan/versions/9')).status).toBe(404);
    expect((await author.get('/api/studio/products/test-loan/versions/abc')).status).toBe(422);
  });

  it('diffs two versions and a version against the draft, naming the changed field', async () => {
    await publishTwoVersions();
    const author = await server.as('author');
    const diff = await author.get('/api/studio/products/test-loan/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: 1,
      to: 2,
      blocks: { added: [], removed: [], changed: [{ id: 'limit', type: 'limit-range', fields: [{ pointer: '/label', after: 'second' }] }] },
      product: [],
    });
    await edit('third');
    const draft = await author.get('/api/studio/products/test-loan/diff?from=2&to=draft');
    expect(draft.body.blocks.changed[0].fields).toEqual([{ pointer: '/label', before: 'second', after: 'third' }]);
    expect((await author.get('/api/studio/products/test-loan/diff')).status).toBe(422);
  });

  it('rolls back through a review whose approval republishes the old definition as the next version', async () => {
    await publishTwoVersions();
    const rollback = await (await server.as('author')).post('/api/studio/products/test-loan/rollback').send({ version: 1, comment: 'back' });
    expect(rollback.status).toBe(201);
    expect(rollback.body).toMatchObject({ kind: 'rollback', rollbackOf: 1, baseVersion: 2 });
    const approved = await (await server.as('approver')).post(`/api/studio/reviews/${rollback.body.id}/approve`).send({});
    expect(approved.body.version.version).toBe(3);
    const [v1, v3] = [await server.store.getVersion('test-loan', 1), await server.store.getVersion('test-loan', 3)];
    expect(v3!.hash).toBe(v1!.hash);
    expect(v3!.definition.version).toBe(3);
    expect(v1!.definition.version).toBe(1);
    expect(server.runtime.latest('test-loan')?.version).toBe(3);
    expect((await (await server.as('author')).post('/api/studio/products/test-loan/rollback').send({ version: 7 })).status).toBe(404);
  });

  it('records submit, approve and publish in the audit trail with hashes', async () => {
    await publishTwoVersions();
    const audit = await (await server.as('approver')).get('/api/studio/audit?productId=test-loan');
    const actions = audit.body.events.map((event: { action: string }) => event.action);
    expect(actions).toEqual(['product.create', 'draft.save', 'review.submit', 'review.approve', 'version.publish', 'draft.save', 'review.submit', 'review.approve', 'version.publish']);
    const publish = audit.body.events.find((event: { action: string }) => event.action === 'version.publish');
    expect(publish).toMatchObject({ actor: 'approver', productId: 'test-loan', hashAfter: expect.stringMatching(/^sha256:/) });
  });
});
