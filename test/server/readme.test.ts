import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnServer, type SpawnedServer } from './spawn-server.ts';

const run = promisify(execFile);

/** The ```sh blocks under the README's "## Authoring API" heading (up to the next "## "). */
async function authoringExamples(): Promise<string[]> {
  const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Authoring API');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

let server: SpawnedServer;
let cwd: string;
beforeAll(async () => {
  server = await spawnServer();
  cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-curl-'));
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  await fs.rm(server.dataDir, { recursive: true, force: true });
  await fs.rm(cwd, { recursive: true, force: true });
});

describe('README authoring API examples', () => {
  it('run as written against a started server: sign in, list, create, read, compile, sign out', async () => {
    const blocks = await authoringExamples();
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const script = block.replaceAll('127.0.0.1:3000', `127.0.0.1:${server.port}`);
      const { stdout } = await run('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd });
      expect(stdout).toContain('"user":{"username":"author"');
      expect(stdout).toContain('"products":[');
      expect(stdout).toContain('"id":"my-loan"');
      expect(stdout).toMatch(/ETag: "1"/i);
      expect(stdout).toContain('"diagnostics":[');
    }
  });
});
