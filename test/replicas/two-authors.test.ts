import { afterAll, describe, expect, it } from 'vitest';
import { consumerFlow } from '../channel/real-product.ts';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';
import { signIn, type SpawnedServer } from '../server/spawn-server.ts';
import { APP_KEY, startProcess } from './deployment.ts';

const hasPostgres = postgresBin() !== null;
let cluster: PgCluster | undefined;
const processes: SpawnedServer[] = [];
afterAll(async () => {
  for (const server of processes) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await cluster?.remove();
});

describe.skipIf(!hasPostgres)('two authoring processes on one PostgreSQL', () => {
  it('saving the same draft revision from both: one 200, one 409; approving one review from both: one version', async () => {
    cluster = await startCluster();
    const url = await cluster.createDatabase('authors');
    // both start at once on the empty database: one seeds it, the other waits and finds it seeded
    const [a, b] = await Promise.all([startProcess(url, 'all'), startProcess(url, 'all')]);
    processes.push(a, b);
    const call = (server: SpawnedServer, cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.base}${path}`, { method, headers: { 'content-type': 'application/json', cookie, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const authorA = await signIn(a.base, 'author', 'author-demo-pass');
    const authorB = await signIn(b.base, 'author', 'author-demo-pass');

    expect((await call(a, authorA, 'POST', '/api/studio/products', { from: 'empty', id: 'shared-loan', name: { 'zh-CN': '共享贷', en: 'Shared loan' } })).status).toBe(201);
    const list = (await (await call(b, authorB, 'GET', '/api/studio/products')).json()) as { products: { id: string }[] };
    expect(list.products.map((product) => product.id)).toContain('shared-loan');
    const seededVersions = (await (await call(b, authorB, 'GET', '/api/studio/products/salaried/versions')).json()) as { versions: { version: number }[] };
    expect(seededVersions.versions.map((version) => version.version)).toEqual([1]);

    const document = consumerFlow({ rate: '4.80', channels: ['app'], productId: 'shared-loan' });
    const saves = await Promise.all([a, b].map((server, index) => call(server, [authorA, authorB][index], 'PUT', '/api/studio/products/shared-loan/draft', { document }, { 'if-match': '"1"' })));
    expect(saves.map((response) => response.status).sort()).toEqual([200, 409]);
    const conflict = saves.find((response) => response.status === 409)!;
    expect(await conflict.json()).toMatchObject({ code: 'REVISION_CONFLICT', currentRevision: 2 });

    const submits = await Promise.all([call(a, authorA, 'POST', '/api/studio/products/shared-loan/submit', {}), call(b, authorB, 'POST', '/api/studio/products/shared-loan/submit', {})]);
    expect(submits.map((response) => response.status).sort()).toEqual([201, 409]);
    const review = (await submits.find((response) => response.status === 201)!.json()) as { id: string };

    const approvers = [await signIn(a.base, 'approver', 'approver-demo-pass'), await signIn(b.base, 'approver2', 'approver2-demo-pass')];
    const approvals = await Promise.all([a, b].map((server, index) => call(server, approvers[index], 'POST', `/api/studio/reviews/${review.id}/approve`, {})));
    expect(approvals.map((response) => response.status).sort()).toEqual([200, 409]);
    const versions = (await (await call(b, authorB, 'GET', '/api/studio/products/shared-loan/versions')).json()) as { versions: { version: number }[] };
    expect(versions.versions.map((version) => version.version)).toEqual([1]);

    // sessions live in the database: a cookie from one process works on the other, and signing out ends it on both
    const whoAmI = async (server: SpawnedServer, cookie: string) => (await fetch(`${server.base}/api/studio/session`, { headers: { cookie } })).status;
    const roaming = await signIn(a.base, 'author', 'author-demo-pass');
    expect(await whoAmI(b, roaming)).toBe(200);
    expect((await fetch(`${b.base}/api/studio/session`, { method: 'DELETE', headers: { cookie: roaming, origin: b.base } })).status).toBe(204);
    expect(await whoAmI(a, roaming)).toBe(401);

    // sign-in throttling counts failures from every process: 5 on each, then the account is locked on both
    const attempt = (server: SpawnedServer, password: string) =>
      fetch(`${server.base}/api/studio/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'approver2', password }) });
    for (let index = 0; index < 5; index += 1) {
      expect((await attempt(a, 'wrong password a')).status).toBe(401);
      expect((await attempt(b, 'wrong password b')).status).toBe(401);
    }
    expect((await attempt(a, 'approver2-demo-pass')).status).toBe(429);
    expect((await attempt(b, 'approver2-demo-pass')).status).toBe(429);

    // whichever process approved, both serve the version to channels
    for (const server of [a, b]) {
      let status = 0;
      for (let tries = 0; tries < 100 && status !== 200; tries += 1) {
        status = (await fetch(`${server.base}/api/v1/products/shared-loan`, { headers: { 'x-api-key': APP_KEY } })).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(200);
    }
  }, 180_000);
});
