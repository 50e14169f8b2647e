import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { catalog, sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('health and errors', () => {
  it('answers /healthz and /readyz once the runtime is loaded', async () => {
    expect((await request(server.app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(server.app).get('/readyz')).status).toBe(200);
    const cold = createApp({ store: server.store, catalog: catalog(), runtime: new RuntimeRegistry(catalog()), logger: pino({ level: 'silent' }) });
    const response = await request(cold).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('NOT_READY');
  });

  it('answers malformed JSON with 400 JSON_MALFORMED and no stack', async () => {
    const response = await request(server.app).post('/api/studio/session').set('Content-Type', 'application/json').send('{"username": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('JSON_MALFORMED');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|SyntaxError/);
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const author = await server.as('author');
    const response = await author.post('/api/studio/compile').set('Content-Type', 'application/json').send(JSON.stringify({ document: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('mounts the channel API and its OpenAPI document', async () => {
    const openapi = await request(server.app).get('/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\.1/);
    expect((await request(server.app).get('/api/v1/products')).body.code).toBe('API_KEY_MISSING');
  });

  it('answers an unknown /api route with a JSON 404 NOT_FOUND', async () => {
    for (const url of ['/api/nothing', '/api/studio/nothing', '/api']) {
      const response = await request(server.app).get(url);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
  });

  it('sends security headers with a CSP that allows blob: workers and inline styles only', async () => {
    const csp = (await request(server.app).get('/healthz')).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it('sends the channel API the JSON-only security headers, on errors too', async () => {
    for (const response of [await request(server.app).get('/api/v1/products'), await request(server.app).post('/api/v1/products/x/decisions').send({})]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('block-type catalog', () => {
  it('serves every registered block type with its config schema standalone (no $ref left) and no functions', async () => {
    const response = await request(server.app).get('/api/block-types');
    expect(response.status).toBe(200);
    expect(response.body.blockTypes.map((info: { type: string }) => info.type)).toEqual([...catalog().blockTypes.keys()]);
    expect(response.body.portKinds).toEqual(['application', 'rejection']);
    expect(response.body.categories).toContain('limit');
    expect(JSON.stringify(response.body)).not.toContain('"$ref"');
    const start = response.body.blockTypes.find((info: { type: string }) => info.type === 'application');
    expect(start.configSchema.properties.name).toMatchObject({ type: 'object', required: ['zh-CN', 'en'] });
    // The form hints are derived from the schema's own annotations: label, units, enum labels, order.
    expect(start.ui.order).toEqual(Object.keys(start.configSchema.properties));
    expect(start.ui.fields['/name'].label).toEqual({ 'zh-CN': '产品名称', en: 'Product name' });
    const repayment = response.body.blockTypes.find((info: { type: string }) => info.type === 'repayment');
    expect(repayment.ui.fields['/rounding/mode'].enumLabels.HALF_UP).toEqual({ 'zh-CN': '四舍五入', en: 'Round half up' });
    expect(repayment.ui.fields['/termsMonths'].unit).toBe('months');
    expect(start.migrations).toEqual([]);
    expect(start.evaluate).toBeUndefined();
    expect(response.body.applicationSchema.type).toBe('object');
  });
});

describe('compile', () => {
  it('compiles a good document into a definition and any value into diagnostics, always 200', async () => {
    const author = await server.as('author');
    const good = await author.post('/api/studio/compile').send({ document: sampleFlow() });
    expect(good.status).toBe(200);
    expect(good.body.product.hash).toMatch(/^sha256:/);
    // Each block's summary, with its key figures, in both languages for the node subtitle.
    const limit = sampleFlow().blocks.find((block) => block.type === 'limit-range')!;
    const max = new Intl.NumberFormat('en-US').format(Number(limit.config.max));
    expect(good.body.summaries[limit.id].en).toContain(`CNY ${max}`);
    expect(good.body.summaries[limit.id]['zh-CN']).toMatch(/\d+(万| 元)/);
    const bad = await author.post('/api/studio/compile').send({ document: { blocks: 3 } });
    expect(bad.status).toBe(200);
    expect(bad.body.product).toBeUndefined();
    expect(bad.body.diagnostics[0].code).toBe('DOCUMENT_INVALID');
    expect((await author.post('/api/studio/compile').send({})).status).toBe(422);
  });

  it("sends each block's subtitle in both languages with its key figures (an LTV block's ratios), none for a broken block", async () => {
    const author = await server.as('author');
    const document = JSON.parse(await fs.readFile(new URL('../../examples/mortgage-fast/flow.json', import.meta.url), 'utf8'));
    const response = await author.post('/api/studio/compile').send({ document });
    expect(response.body.summaries.ltv).toEqual({ 'zh-CN': '住宅 70%，别墅 60%，商铺 50%，写字楼 50%，房龄 ≤ 20 年', en: 'Residential 70%, Villa 60%, Shop 50%, Office 50%, building ≤ 20 yrs' });
    expect(response.body.summaries.age['zh-CN']).toBe('18–65 岁，到期 ≤ 70 岁');
    const ltv = document.blocks.find((block: { id: string }) => block.id === 'ltv');
    ltv.config = { ltvPercentByType: 'seventy' };
    const broken = await author.post('/api/studio/compile').send({ document });
    expect(broken.status).toBe(200);
    expect(broken.body.summaries.ltv).toBeUndefined();
    expect(broken.body.summaries.age).toBeDefined();
  });

  it("sends a derived product's subtitles for the blocks it inherits from its base", async () => {
    const withExamples = await startTestServer({ examplesDir: path.resolve('examples') });
    try {
      const author = await withExamples.as('author');
      const base = await author.post('/api/studio/products').send({ from: 'template', id: 'base-house', template: 'mortgage-fast', name: { 'zh-CN': '房抵底版', en: 'House base' } });
      expect(base.status).toBe(201);
      const response = await author.post('/api/studio/compile').send({ document: { schemaVersion: 1, blocks: [], links: [], base: { productId: 'base-house' } } });
      expect(response.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
      expect(response.body.summaries.age?.['zh-CN']).toBe('18–65 岁，到期 ≤ 70 岁');
    } finally {
      await withExamples.close();
    }
  });
});

describe('API keys', () => {
  it('creates a key shown once, stores only its hash, lets the channel use it, and deletes it', async () => {
    const admin = await server.as('admin');
    const created = await admin.post('/api/studio/api-keys').send({ channel: 'partner' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^partner-/);
    const listed = await admin.get('/api/studio/api-keys');
    expect(listed.body.apiKeys).toEqual([{ id: created.body.id, channel: 'partner', createdAt: expect.any(String), createdBy: 'admin' }]);
    expect(JSON.stringify(await server.store.listApiKeys())).not.toContain(created.body.key);
    expect((await request(server.app).get('/api/v1/products').set('X-API-Key', created.body.key)).status).toBe(200);
    expect((await admin.delete(`/api/studio/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await admin.post('/api/studio/api-keys').send({ channel: 'tv' })).status).toBe(422);
  });
});

/** The bytes on the wire (gzip accepted), not inflated as supertest and fetch would. */
function rawLength(app: ReturnType<typeof createApp>, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => {
      const { port } = listening.address() as import('node:net').AddressInfo;
      http.get({ host: '127.0.0.1', port, path: url, headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => listening.close(() => resolve(bytes)));
      }).on('error', reject);
    });
  });
}

describe('serving the studio', () => {
  it('serves studio/dist files and falls back to index.html for client routes, but not for /api', async () => {
    const dist = await fs.mkdtemp(path.join(os.tmpdir(), 'studio-dist-'));
    await fs.mkdir(path.join(dist, 'assets'));
    await fs.writeFile(path.join(dist, 'index.html'), '<!doctype html><title>studio</title>');
    const script = `console.log(${JSON.stringify('一段会被压缩的脚本 '.repeat(400))});`;
    await fs.writeFile(path.join(dist, 'assets', 'index-DagU-0kW.js'), script);
    await fs.writeFile(path.join(dist, 'assets', 'logo.svg'), '<svg/>');
    const app = createApp({ store: server.store, catalog: catalog(), runtime: server.runtime, logger: pino({ level: 'silent' }), studioDist: dist });
    expect((await request(app).get('/products/test-loan')).text).toContain('<title>studio</title>');
    const asset = await request(app).get('/assets/index-DagU-0kW.js').set('Accept-Encoding', 'gzip');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(await rawLength(app, '/assets/index-DagU-0kW.js')).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(asset.text).toBe(script); // supertest inflates it: the same bytes arrive
    // A file without a content hash in its name may change with the next build: revalidated.
    expect((await request(app).get('/assets/logo.svg')).headers['cache-control']).toBe('no-cache');
    // A client that does not accept gzip gets the plain file.
    expect((await request(app).get('/assets/index-DagU-0kW.js').set('Accept-Encoding', 'identity')).headers['content-encoding']).toBeUndefined();
    expect((await request(app).get('/api/unknown')).status).toBe(404);
    await fs.rm(dist, { recursive: true, force: true });
  });
});
