import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
const name = { 'zh-CN': '测试贷', en: 'Test loan' };

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function createWithFlow(id = 'test-loan') {
  const author = await server.as('author');
  await author.post('/api/studio/products').send({ from: 'empty', id, name }).expect(201);
  await author
    .put(`/api/studio/products/${id}/draft`)
    .set('If-Match', '"1"')
    .send({ document: sampleFlow(id) })
    .expect(200);
  return author;
}

describe('creating products', () => {
  it('creates an empty product as a canvas with only the start block carrying the id and name', async () => {
    const author = await server.as('author');
    const response = await author.post('/api/studio/products').send({ from: 'empty', id: 'new-loan', name });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: 'new-loan', name, status: 'draft', latestVersion: null, revision: 1, updatedBy: 'author' });
    expect(response.body.document.blocks).toHaveLength(1);
    expect(response.body.document.blocks[0]).toMatchObject({ type: 'application', config: { productId: 'new-loan', name } });
    expect(response.body.document.links).toEqual([]);
    expect(Array.isArray(response.body.diagnostics)).toBe(true);
  });

  it('refuses a second product with the same id with 409 PRODUCT_EXISTS', async () => {
    const author = await server.as('author');
    await author.post('/api/studio/products').send({ from: 'empty', id: 'twice', name }).expect(201);
    const again = await author.post('/api/studio/products').send({ from: 'empty', id: 'twice', name });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PRODUCT_EXISTS');
  });

  it('copies a template from examples/<template>/flow.json under the new id and name', async () => {
    await server.close();
    const examples = await fs.mkdtemp(path.join(server.dataDir + '-examples'));
    await fs.mkdir(path.join(examples, 'salaried', 'samples'), { recursive: true });
    await fs.writeFile(path.join(examples, 'salaried', 'flow.json'), JSON.stringify(sampleFlow('salaried', { 'zh-CN': '薪', en: 'Salaried' })));
    await fs.writeFile(
      path.join(examples, 'salaried', 'samples', 'a.json'),
      JSON.stringify({ id: 'a', title: name, application: {}, request: { requestedAmount: '1000', termMonths: 12, asOf: '2025-06-01' } }),
    );
    server = await startTestServer({ examplesDir: examples });
    const author = await server.as('author');
    const response = await author.post('/api/studio/products').send({ from: 'template', template: 'salaried', id: 'my-salaried', name });
    expect(response.status).toBe(201);
    const start = response.body.document.blocks.find((block: { type: string }) => block.type === 'application');
    expect(start.config).toMatchObject({ productId: 'my-salaried', name });
    expect(response.body.document.blocks).toHaveLength(5);
    expect(response.body.samples.map((sample: { id: string }) => sample.id)).toEqual(['a']);
    const unknown = await author.post('/api/studio/products').send({ from: 'template', template: 'nope', id: 'x-1', name });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('TEMPLATE_UNKNOWN');
    await fs.rm(examples, { recursive: true, force: true });
  });

  it('creates a derived product that inherits the base and overrides only id and name', async () => {
    const author = await createWithFlow('base-loan');
    const childName = { 'zh-CN': '测试贷·优客版', en: 'Test loan, premier' };
    const response = await author.post('/api/studio/products').send({ from: 'derived', id: 'child-loan', name: childName, base: { productId: 'base-loan' } });
    expect(response.status).toBe(201);
    expect(response.body.document).toEqual({ schemaVersion: 1, blocks: [], links: [], base: { productId: 'base-loan' }, overrides: { product: { productId: 'child-loan', name: childName } } });
    expect(response.body.base).toEqual({ productId: 'base-loan' });
    expect(response.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const orphan = await author.post('/api/studio/products').send({ from: 'derived', id: 'orphan', name, base: { productId: 'missing' } });
    expect(orphan.status).toBe(422);
  });

  it('rejects a malformed create request with 422 and the pointer of each bad field', async () => {
    const author = await server.as('author');
    const response = await author.post('/api/studio/products').send({ from: 'magic', id: 'Bad Id', name: { en: 'x' } });
    expect(response.status).toBe(422);
    const pointers = response.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/from', '/id', '/name/zh-CN']));
  });
});

describe('reading and listing', () => {
  it('lists summaries and reads one product with its diagnostics and an ETag led by its revision', async () => {
    const author = await createWithFlow();
    const list = await author.get('/api/studio/products');
    expect(list.body.products).toEqual([expect.objectContaining({ id: 'test-loan', revision: 2, status: 'draft', channels: ['app', 'branch'] })]);
    const detail = await author.get('/api/studio/products/test-loan');
    expect(detail.status).toBe(200);
    expect(detail.headers.etag).toBe('"2-draft-0"');
    expect(detail.body.diagnostics.every((d: { severity: string }) => d.severity !== 'error')).toBe(true);
    expect(detail.body.samples).toEqual([]);
  });

  it('gives a new ETag once a submit or an approval changes the status, so a cached copy is not revalidated as current', async () => {
    const author = await createWithFlow();
    const draft = await author.get('/api/studio/products/test-loan');
    const review = await author.post('/api/studio/products/test-loan/submit').send({ comment: 'go' }).expect(201);
    const inReview = await author.get('/api/studio/products/test-loan').set('If-None-Match', draft.headers.etag);
    expect(inReview.status).toBe(200);
    expect(inReview.body.status).toBe('in-review');
    await (await server.as('approver')).post(`/api/studio/reviews/${review.body.id}/approve`).send({}).expect(200);
    const published = await author.get('/api/studio/products/test-loan').set('If-None-Match', inReview.headers.etag);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', latestVersion: 1 });
    expect((await author.get('/api/studio/products/test-loan').set('If-None-Match', published.headers.etag)).status).toBe(304);
    // The full ETag works as If-Match too: it starts with the revision.
    await author.put('/api/studio/products/test-loan/draft').set('If-Match', published.headers.etag).send({ document: published.body.document }).expect(200);
  });

  it('refuses a second product, or a rename, with a name another product has (409 PRODUCT_NAME_TAKEN at the field)', async () => {
    const author = await createWithFlow();
    const twin = await author.post('/api/studio/products').send({ from: 'empty', id: 'twin-loan', name: { 'zh-CN': ' 测试贷 ', en: 'Another' } });
    expect(twin.status).toBe(409);
    expect(twin.body).toMatchObject({ code: 'PRODUCT_NAME_TAKEN', productId: 'test-loan', errors: [{ pointer: '/name/zh-CN' }] });
    await author
      .post('/api/studio/products')
      .send({ from: 'empty', id: 'other-loan', name: { 'zh-CN': '另一个贷', en: 'Other loan' } })
      .expect(201);
    const rename = await author.patch('/api/studio/products/other-loan').send({ name: { 'zh-CN': '另一个贷', en: 'test LOAN' } });
    expect(rename.status).toBe(409);
    expect(rename.body.errors).toEqual([expect.objectContaining({ pointer: '/name/en' })]);
    // Renaming a product to its own name (say, fixing only the English half) is fine.
    await author
      .patch('/api/studio/products/test-loan')
      .send({ name: { 'zh-CN': '测试贷', en: 'Test loan (salaried)' } })
      .expect(200);
  });

  it('answers 404 NOT_FOUND for an unknown product', async () => {
    const author = await server.as('author');
    const response = await author.get('/api/studio/products/nope');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});

describe('saving drafts', () => {
  it('requires If-Match: 428 PRECONDITION_REQUIRED without it', async () => {
    const author = await createWithFlow();
    const response = await author.put('/api/studio/products/test-loan/draft').send({ document: sampleFlow() });
    expect(response.status).toBe(428);
    expect(response.body.code).toBe('PRECONDITION_REQUIRED');
  });

  it('keeps the first of two saves with the same revision and answers the second 409 with the current revision', async () => {
    const author = await createWithFlow();
    const first = sampleFlow();
    first.blocks[1].label = 'first';
    const second = sampleFlow();
    second.blocks[1].label = 'second';
    const [a, b] = await Promise.all([
      author.put('/api/studio/products/test-loan/draft').set('If-Match', '"2"').send({ document: first }),
      author.put('/api/studio/products/test-loan/draft').set('If-Match', '"2"').send({ document: second }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(winner.body.revision).toBe(3);
    expect(loser.body).toMatchObject({ code: 'REVISION_CONFLICT', currentRevision: 3 });
    const stored = (await server.store.getProduct('test-loan'))!;
    expect(stored.document.blocks[1].label).toBe(winner === a ? 'first' : 'second');
    expect(stored.revision).toBe(3);
  });

  it('refuses a document that breaks the flow schema with 422 DOCUMENT_INVALID and pointers under /document', async () => {
    const author = await createWithFlow();
    const broken = sampleFlow() as unknown as { blocks: { position: unknown }[] };
    broken.blocks[2].position = 'left';
    const response = await author.put('/api/studio/products/test-loan/draft').set('If-Match', '"2"').send({ document: broken });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DOCUMENT_INVALID');
    expect(response.body.errors[0].pointer).toBe('/document/blocks/2/position');
    expect((await server.store.getProduct('test-loan'))!.revision).toBe(2);
  });

  it('saves a draft with compile errors and returns those errors', async () => {
    const author = await createWithFlow();
    const unlinked = sampleFlow();
    unlinked.links = unlinked.links.slice(0, 2);
    const response = await author.put('/api/studio/products/test-loan/draft').set('If-Match', 'W/"2"').send({ document: unlinked });
    expect(response.status).toBe(200);
    expect(response.body.revision).toBe(3);
    expect(response.body.diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
  });
});

describe('rename and archive', () => {
  it('renames a product in the list and in the draft start block', async () => {
    const author = await createWithFlow();
    const newName = { 'zh-CN': '新名字', en: 'New name' };
    const response = await author.patch('/api/studio/products/test-loan').send({ name: newName });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: newName, revision: 3 });
    const stored = (await server.store.getProduct('test-loan'))!;
    expect(stored.document.blocks[0].config.name).toEqual(newName);
  });

  it('archives a product, after which edits are refused with 409 PRODUCT_ARCHIVED', async () => {
    const author = await createWithFlow();
    const archived = await author.post('/api/studio/products/test-loan/archive').send({}); // never published: archived at once
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('archived');
    const save = await author.put('/api/studio/products/test-loan/draft').set('If-Match', '"2"').send({ document: sampleFlow() });
    expect(save.status).toBe(409);
    expect(save.body.code).toBe('PRODUCT_ARCHIVED');
  });
});

describe('simulating the draft', () => {
  it('decides an application against the current draft', async () => {
    const author = await createWithFlow();
    const response = await author.post('/api/studio/products/test-loan/simulate').send({ application: {}, requestedAmount: '50000', termMonths: 12, asOf: '2025-06-01' });
    expect(response.status).toBe(200);
    expect(response.body.decision.outcome).toBe('approve');
    expect(response.body.decision.offer.amount).toBe('50000.00');
  });

  it('answers 422 DRAFT_HAS_ERRORS with the diagnostics when the draft does not compile', async () => {
    const author = await server.as('author');
    await author.post('/api/studio/products').send({ from: 'empty', id: 'bare', name }).expect(201);
    const response = await author.post('/api/studio/products/bare/simulate').send({ application: {} });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DRAFT_HAS_ERRORS');
    expect(response.body.diagnostics.length).toBeGreaterThan(0);
  });

  it('words each field error in Chinese too, for the simulator of a Chinese product manager', async () => {
    const author = await server.as('author');
    await author.post('/api/studio/products').send({ from: 'empty', id: 'zh-errors', name }).expect(201);
    const document = JSON.parse(await fs.readFile(path.join(import.meta.dirname, '../../examples/flash-loan/flow.json'), 'utf8'));
    document.blocks.find((block: { type: string }) => block.type === 'application').config.productId = 'zh-errors';
    await author.put('/api/studio/products/zh-errors/draft').set('If-Match', '"1"').send({ document }).expect(200);
    const bad = await author.post('/api/studio/products/zh-errors/simulate').send({ application: { applicant: { age: 'thirty' } }, termMonths: 0, asOf: '2026-12-03' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([{ pointer: '/termMonths', message: 'must be a whole number of months between 1 and 600, got 0', messageZh: '应为 1 至 600 之间的整月数，收到 0' }]),
    );
    const missing = await author.post('/api/studio/products/zh-errors/simulate').send({ application: { applicant: { age: 30 } }, asOf: '2026-12-03' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toContainEqual({ pointer: '/application/applicant/monthlyIncome', message: "must have required property 'monthlyIncome'", messageZh: '必填' });
  });

  it('answers 422 with pointers for a bad request amount', async () => {
    const author = await createWithFlow();
    const response = await author.post('/api/studio/products/test-loan/simulate').send({ application: {}, requestedAmount: 'lots', termMonths: 12 });
    expect(response.status).toBe(422);
    expect(response.body.errors.some((error: { pointer: string }) => error.pointer === '/requestedAmount')).toBe(true);
  });
});
