import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, EXAMPLES_DIR } from '../../server/app.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { publishExamples } from '../../server/seed.ts';
import { MemoryStore } from '../server/fakes/memory-store.ts';
import { captureLogger } from './fixtures.ts';
import { expectDocumented } from './openapi-check.ts';

/* Issue 12, finding 6: the listing and the product card print the representative example, fees included. */

const catalog = defaultCatalog();
const KEY = 'representative-app-key';
const SENTENCE = /^以借款 [\d,.]+ ?万?元、期限 \d+ 个月、.+为例，年化利率（单利）\d+\.\d\d%$/;

describe('the representative example through the channel API', () => {
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const store = new MemoryStore();
    await store.putApiKey({ id: 'app', channel: 'app', keyHash: hashApiKey(KEY), createdAt: '2025-01-01T00:00:00Z', createdBy: 'admin' });
    const runtime = new RuntimeRegistry(catalog);
    await runtime.load(store);
    await publishExamples(store, catalog, EXAMPLES_DIR, runtime);
    app = createApp({ store, catalog, runtime, logger: captureLogger().logger });
  });

  it('lists every product with the example as banks print it, and the card shows the same', async () => {
    const list = await request(app).get('/api/v1/products').set('X-API-Key', KEY);
    expectDocumented(catalog, list, 'get', '/products');
    expect(list.body.products.length).toBeGreaterThan(0);
    for (const product of list.body.products) {
      const example = product.representativeExample;
      expect(example.text['zh-CN'], product.id).toMatch(SENTENCE);
      expect(example.text.en).toMatch(/^Example: borrowing CNY [\d,]+ over \d+ months, .+: annualised rate \(simple\) \d+\.\d\d %$/);
      expect(product.representativeApr.simple).toBe(example.apr.simple); // the listed APR is the example's, fees included
      expect(Number(example.amount)).toBeGreaterThanOrEqual(Number(product.amount.min));
      expect(Number(example.amount)).toBeLessThanOrEqual(Number(product.amount.max));
      const card = await request(app).get(`/api/v1/products/${product.id}`).set('X-API-Key', KEY);
      expect(card.body.representativeExample).toEqual(example);
    }
  });
});
