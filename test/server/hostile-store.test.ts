import fs from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { catalog, PASSWORDS, sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

/**
 * A record already in store.json that no read can handle (written by an older server without
 * limits, or by hand): a block config nested 1,904 levels deep (issue #11: it made every
 * `GET /api/studio/products` answer 500, after a restart too), and one whose draft is not a
 * flow document. The server is restarted on the edited file, as an operator would.
 */
const deep = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
};

let first: TestServer;
let app: ReturnType<typeof createApp>;
let store: LowdbStore;
const as = async (username: string) => {
  const agent = request.agent(app);
  await agent.post('/api/studio/session').send({ username, password: PASSWORDS[username] }).expect(200);
  return agent;
};

beforeAll(async () => {
  first = await startTestServer();
  const author = await first.as('author');
  for (const id of ['sound-loan', 'deep-loan', 'broken-loan']) {
    await author
      .post('/api/studio/products')
      .send({ from: 'empty', id, name: { 'zh-CN': id, en: id } })
      .expect(201);
    await author
      .put(`/api/studio/products/${id}/draft`)
      .set('If-Match', '"1"')
      .send({ document: sampleFlow(id) })
      .expect(200);
  }
  await first.store.flush();
  const file = path.join(first.dataDir, 'store.json');
  const data = JSON.parse(await fs.readFile(file, 'utf8'));
  const deepLoan = data.products.find((product: { id: string }) => product.id === 'deep-loan');
  deepLoan.document.blocks[1].config = { nested: deep(1904) };
  const brokenLoan = data.products.find((product: { id: string }) => product.id === 'broken-loan');
  brokenLoan.document = 'not a flow document';
  await fs.writeFile(file, JSON.stringify(data));
  // restart: a new store and app over the same data directory
  store = await LowdbStore.open(first.dataDir, () => new Date('2025-06-01T08:00:00Z'));
  const runtime = new RuntimeRegistry(catalog());
  await runtime.load(store);
  app = createApp({ store, catalog: catalog(), runtime, logger: pino({ level: 'silent' }), examplesDir: path.join(first.dataDir, 'none') });
}, 120_000);
afterAll(() => first.close());

describe('a damaged record in the store', () => {
  it('is listed with what is wrong, while the other products list as before', async () => {
    const response = await (await as('author')).get('/api/studio/products');
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.products.map((product: { id: string }) => [product.id, product]));
    expect(Object.keys(byId).sort()).toEqual(['broken-loan', 'deep-loan', 'sound-loan']);
    expect(byId['deep-loan'].damage).toMatch(/deeper than/);
    expect(byId['broken-loan'].damage).toMatch(/not a flow document/);
    expect(byId['sound-loan'].damage).toBeUndefined();
    expect(byId['sound-loan'].revision).toBe(2);
  });

  it('answers its own read with 409 PRODUCT_DAMAGED saying how to repair it, and the others with 200', async () => {
    const author = await as('author');
    const damaged = await author.get('/api/studio/products/deep-loan');
    expect(damaged.status).toBe(409);
    expect(damaged.body).toMatchObject({ code: 'PRODUCT_DAMAGED', revision: 2 });
    expect(damaged.body.detail).toContain('PUT /api/studio/products/deep-loan/draft');
    expect((await author.post('/api/studio/products/deep-loan/simulate').send({ application: {} })).status).toBe(409);
    expect((await author.get('/api/studio/products/sound-loan')).status).toBe(200);
  });

  it('is repaired by saving a new draft over it', async () => {
    const author = await as('author');
    await author
      .put('/api/studio/products/deep-loan/draft')
      .set('If-Match', '"2"')
      .send({ document: sampleFlow('deep-loan') })
      .expect(200);
    const repaired = await author.get('/api/studio/products/deep-loan');
    expect(repaired.status).toBe(200);
    expect(repaired.body.damage).toBeUndefined();
    expect(repaired.body.diagnostics.filter((diagnostic: { severity: string }) => diagnostic.severity === 'error')).toEqual([]);
  });

  it('can be archived as it is', async () => {
    const author = await as('author');
    const archived = await author.post('/api/studio/products/broken-loan/archive').send({});
    expect(archived.status).toBeLessThan(300);
    const listed = (await author.get('/api/studio/products')).body.products.find((product: { id: string }) => product.id === 'broken-loan');
    expect(listed.status).toBe('archived');
    await store.flush();
    expect(JSON.parse(await fs.readFile(path.join(first.dataDir, 'store.json'), 'utf8')).products.find((product: { id: string }) => product.id === 'broken-loan').document).toBe('not a flow document'); // kept as it was, for forensics
  });
});

describe('storing a document', () => {
  it('refuses a draft nested past the body limit with 413, so it is never stored', async () => {
    const author = await as('author');
    const document = sampleFlow('sound-loan');
    document.blocks[1].config = { nested: deep(80) } as never;
    const response = await author.put('/api/studio/products/sound-loan/draft').set('If-Match', '"2"').send({ document });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'JSON_LIMIT_EXCEEDED', limit: 'depth' });
    expect((await store.getProduct('sound-loan'))!.revision).toBe(2);
  });
});
