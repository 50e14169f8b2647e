import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './fixtures.ts';
import { EXAMPLES, portfolioLines, publishFirstVersion, upload } from './impact-fixtures.ts';

/**
 * Each simulation runs on simulation threads of its own: a signed-in user (or a script) starting
 * them in a loop used to start every one. Past `maxRunningSimulations` running in the process, a
 * new one is refused with 429 SIMULATIONS_BUSY and a Retry-After, and taken again once one ended.
 */
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('simulations running at once', () => {
  it('refuses one more than the limit with 429 SIMULATIONS_BUSY, and takes it once one has ended', async () => {
    server = await startTestServer({ examplesDir: EXAMPLES, files: true, app: { maxRunningSimulations: 1 } });
    await publishFirstVersion(server);
    const author = await server.as('author');
    const uploaded = await upload(server, portfolioLines(2000));
    expect(uploaded.status).toBe(201);
    const { hash } = uploaded.body.portfolio; // 22,000 rows: long enough to still run
    const first = await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, before: 1, after: 'draft' }).expect(202);
    const refused = await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, before: 1, after: 'draft' });
    expect([refused.status, refused.body.code, refused.body.limit, refused.headers['retry-after']]).toEqual([429, 'SIMULATIONS_BUSY', { running: 1 }, '5']);
    expect((await author.delete(`/api/studio/simulations/${first.body.id}`)).body.status).toBe('cancelled');
    const third = await author.post('/api/studio/products/flash-copy/simulations').send({ portfolio: hash, before: 1, after: 'draft' }).expect(202);
    await author.delete(`/api/studio/simulations/${third.body.id}`).expect(200); // stopped before the data directory is removed
  });
});
