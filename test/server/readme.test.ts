import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnServer, type SpawnedServer } from './spawn-server.ts';

const run = promisify(execFile);

/** The ```sh blocks under a README "## " heading (up to the next "## "). */
async function examplesUnder(heading: string): Promise<string[]> {
  const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}`);
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
    const blocks = await examplesUnder('Authoring API');
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const script = block.replaceAll('127.0.0.1:3000', `127.0.0.1:${server.port}`);
      const { stdout } = await run('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd });
      expect(stdout).toContain('"user":{"username":"author"');
      expect(stdout).toContain('"products":[');
      expect(stdout).toContain('"id":"my-loan"');
      expect(stdout).toMatch(/ETag: "1-draft-0"/i);
      expect(stdout).toContain('"diagnostics":[');
    }
  });
});

describe('README channel API examples', () => {
  it('run as written against a fresh start: list, fetch with ETag, decide, schedule', async () => {
    const blocks = await examplesUnder('Channel API');
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const script = block.replaceAll('127.0.0.1:3000', `127.0.0.1:${server.port}`);
      const { stdout } = await run('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd });
      expect(stdout).toContain('"id":"salaried"');
      expect(stdout).toMatch(/ETag: "sha256:[0-9a-f]{64}"/i);
      // 100,000 asked for by a whitelisted civil servant (15 × 18,000 = 270,000 and the 200,000 app cap both exceed it), at 3.40 %.
      expect(stdout).toContain('"outcome":"approve"');
      expect(stdout).toContain('"limit":"100000.00"');
      // First month's interest 100,000 × 3.40 % / 12 = 283.33; the reference annuity row of the schedule example is 8606.64.
      expect(stdout).toContain('"interest":"283.33"');
      expect(stdout).toContain('"payment":"8606.64"');
    }
    const product = JSON.parse(await fs.readFile(path.join(cwd, 'salaried.json'), 'utf8'));
    expect(product.applicationSchema.type).toBe('object');
  });
});
