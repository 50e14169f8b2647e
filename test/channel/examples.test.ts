import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, EXAMPLES_DIR } from '../../server/app.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { publishExamples } from '../../server/seed.ts';
import type { SampleApplication } from '../../server/store/store.ts';
import { MemoryStore } from '../server/fakes/memory-store.ts';
import { captureLogger } from './fixtures.ts';
import { expectDocumented } from './openapi-check.ts';

const catalog = defaultCatalog();
const CHANNELS = ['app', 'mini-program', 'branch', 'pad', 'partner'];
const keyOf = (channel: string) => `examples-${channel}-key`;

/** Every sample of every example folder, with the product it belongs to. */
function samples(): { productId: string; sample: SampleApplication }[] {
  if (!fs.existsSync(EXAMPLES_DIR)) return [];
  return fs.readdirSync(EXAMPLES_DIR).filter((id) => fs.existsSync(path.join(EXAMPLES_DIR, id, 'samples'))).flatMap((productId) =>
    fs.readdirSync(path.join(EXAMPLES_DIR, productId, 'samples')).filter((file) => file.endsWith('.json')).sort()
      .map((file) => ({ productId, sample: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, productId, 'samples', file), 'utf8')) as SampleApplication })),
  );
}

describe('the published examples through the channel API', () => {
  let app: ReturnType<typeof createApp>;
  let published: string[];
  let runtime: RuntimeRegistry;

  beforeAll(async () => {
    const store = new MemoryStore();
    for (const channel of CHANNELS) await store.putApiKey({ id: channel, channel, keyHash: hashApiKey(keyOf(channel)), createdAt: '2025-01-01T00:00:00Z', createdBy: 'admin' });
    runtime = new RuntimeRegistry(catalog);
    await runtime.load(store);
    ({ published } = await publishExamples(store, catalog, EXAMPLES_DIR, runtime));
    app = createApp({ store, catalog, runtime, logger: captureLogger().logger });
  });

  it('lists to each channel exactly the examples published to it, as documented', async () => {
    for (const channel of CHANNELS) {
      const res = await request(app).get('/api/v1/products').set('X-API-Key', keyOf(channel));
      expect(res.status).toBe(200);
      expectDocumented(catalog, res, 'get', '/products');
      const expected = published.filter((id) => runtime.latest(id)!.channels.has(channel)).sort();
      expect(res.body.products.map((p: { id: string }) => p.id)).toEqual(expected);
      for (const product of res.body.products) {
        const one = await request(app).get(`/api/v1/products/${product.id}`).set('X-API-Key', keyOf(channel));
        expectDocumented(catalog, one, 'get', '/products/{id}');
        expect(one.body.version).toBe(product.version);
      }
    }
  });

  it('decides every sample application of a published example as its README states, with the channel taken from the key', async () => {
    const runnable = samples().filter(({ productId }) => published.includes(productId));
    expect(runnable.length).toBeGreaterThan(0);
    for (const { productId, sample } of runnable) {
      const { channel = runtime.latest(productId)!.record.channels[0], ...fields } = sample.request;
      const res = await request(app).post(`/api/v1/products/${productId}/decisions`).set('X-API-Key', keyOf(channel)).send({ application: sample.application, ...fields });
      expect(res.status, `${productId}/${sample.id}: ${res.text.slice(0, 300)}`).toBe(200);
      expectDocumented(catalog, res, 'post', '/products/{id}/decisions');
      const expected = sample.expected as { outcome?: string; offer?: { limit?: string } } | undefined;
      if (expected?.outcome) expect(res.body.outcome, `${productId}/${sample.id}`).toBe(expected.outcome);
      if (expected?.offer?.limit) expect(res.body.offer?.limit, `${productId}/${sample.id}`).toBe(expected.offer.limit);
    }
  });

  it('serves the OpenAPI document through the app', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
  });
});
