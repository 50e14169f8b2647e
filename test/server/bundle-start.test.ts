import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spawnServer, type SpawnedServer } from './spawn-server.ts';

/**
 * `npm start` runs the esbuild bundle (dist/server.mjs and the thread bundles beside it), whose npm
 * packages Node's own ESM loader resolves — not tsx, which every other server test runs through. A
 * specifier only tsx accepts (a directory import such as `ajv-i18n/localize/zh`) passed every other
 * test and stopped the bundle at its first line.
 */
let server: SpawnedServer | undefined;
afterAll(async () => {
  server?.child.kill('SIGKILL');
  if (server) await fs.rm(server.dataDir, { recursive: true, force: true });
});

describe('the bundle npm start runs', () => {
  it('starts, seeds the example products and decides an application on its decision threads', async () => {
    execFileSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: 'pipe' });
    server = await spawnServer({ DECISION_THREADS: '1' }, undefined, ['--enable-source-maps', 'dist/server.mjs']);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    const sample = JSON.parse(await fs.readFile(path.join(ROOT, 'examples/flash-loan/samples', (await fs.readdir(path.join(ROOT, 'examples/flash-loan/samples')))[0]), 'utf8'));
    const response = await fetch(`${server.base}/api/v1/products/flash-loan/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'demo-app-key' },
      body: JSON.stringify({ application: sample.application, ...sample.request, channel: undefined }), // the channel is the key's
    });
    const body = (await response.json()) as { outcome?: string };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.outcome).toBe(sample.expected.outcome);
    // a refused application: the field errors are worded in both languages by the bundled ajv-i18n
    const refused = await fetch(`${server.base}/api/v1/products/flash-loan/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'demo-app-key' },
      body: JSON.stringify({ application: { applicant: { age: 'thirty' } } }),
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { messageZh?: string }[] }).errors.some((error) => error.messageZh === '应为整数')).toBe(true);
  }, 120_000);
});
