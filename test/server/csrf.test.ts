import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleFlow, startTestServer, type TestServer } from './fixtures.ts';

let server: TestServer | undefined;
afterEach(() => server?.close());
const name = { 'zh-CN': '测试贷', en: 'Test loan' };

/** An open review of test-loan submitted by the author; returns its id. */
async function openReview(): Promise<string> {
  const author = await server!.as('author');
  await author.post('/api/studio/products').send({ from: 'empty', id: 'test-loan', name }).expect(201);
  await author.put('/api/studio/products/test-loan/draft').set('If-Match', '"1"').send({ document: sampleFlow() }).expect(200);
  return (await author.post('/api/studio/products/test-loan/submit').send({}).expect(201)).body.id;
}

describe('CSRF defence of the studio API', () => {
  it('refuses a form-encoded approval carrying the approver cookie with 415, and publishes nothing', async () => {
    server = await startTestServer();
    const id = await openReview();
    const approver = await server.as('approver');
    const form = await approver.post(`/api/studio/reviews/${id}/approve`).type('form').send('comment=ok');
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('JSON_REQUIRED');
    const plain = await approver.post(`/api/studio/reviews/${id}/approve`).set('Content-Type', 'text/plain').send('{}');
    expect(plain.status).toBe(415);
    const bare = await approver.post(`/api/studio/reviews/${id}/approve`);
    expect(bare.status).toBe(415);
    const multipart = await approver.post(`/api/studio/reviews/${id}/approve`).field('comment', 'ok');
    expect(multipart.status).toBe(415);
    expect(await server.store.listVersions('test-loan')).toEqual([]);
  });

  it('refuses a JSON request from another origin with 403 ORIGIN_FORBIDDEN and accepts the own origin', async () => {
    server = await startTestServer();
    const id = await openReview();
    const approver = await server.as('approver');
    const evil = await approver.post(`/api/studio/reviews/${id}/approve`).set('Origin', 'http://evil.example').send({});
    expect(evil.status).toBe(403);
    expect(evil.body.code).toBe('ORIGIN_FORBIDDEN');
    const crossSite = await approver.post(`/api/studio/reviews/${id}/approve`).set('Sec-Fetch-Site', 'cross-site').send({});
    expect(crossSite.status).toBe(403);
    expect(await server.store.listVersions('test-loan')).toEqual([]);
    const own = await approver.post(`/api/studio/reviews/${id}/approve`).set('Host', 'studio.bank.example').set('Origin', 'http://studio.bank.example').send({});
    expect(own.status).toBe(200);
  });

  it('accepts the origins configured in ALLOWED_ORIGINS', async () => {
    server = await startTestServer({ app: { allowedOrigins: ['https://studio.bank.example'] } });
    const author = await server.as('author');
    const allowed = await author.post('/api/studio/products').set('Origin', 'https://studio.bank.example').send({ from: 'empty', id: 'allowed', name });
    expect(allowed.status).toBe(201);
    expect((await author.post('/api/studio/products').set('Origin', 'https://other.bank.example').send({ from: 'empty', id: 'other', name })).status).toBe(403);
  });

  it('leaves reads alone: a GET from anywhere is answered as before', async () => {
    server = await startTestServer();
    expect((await (await server.as('author')).get('/api/studio/products').set('Origin', 'http://evil.example')).status).toBe(200);
  });
});

describe('the session cookie over HTTPS', () => {
  const signIn = () => request(server!.app).post('/api/studio/session').set('X-Forwarded-Proto', 'https').send({ username: 'author', password: 'author-demo-pass' });

  it('is Secure behind a trusted proxy that says X-Forwarded-Proto: https', async () => {
    server = await startTestServer({ app: { trustProxy: 1 } });
    const response = await signIn();
    expect(response.status).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('ignores X-Forwarded-Proto when no proxy is trusted', async () => {
    server = await startTestServer();
    expect(String((await signIn()).headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
