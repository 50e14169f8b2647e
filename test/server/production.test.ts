import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCredentialSettings } from '../../server/auth/credential-settings.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { readSecuritySettings } from '../../server/settings.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { seedEmptyStore } from '../../server/seed.ts';
import { catalog } from './fixtures.ts';
import { spawnServer, type SpawnedServer } from './spawn-server.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});
const silent = pino({ level: 'silent' });

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-prod-'));
  dirs.push(dir);
  return dir;
}

const post = (base: string, username: string, password: string) =>
  fetch(`${base}/api/studio/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }).then((response) => response.status);
const products = (base: string, key: string) => fetch(`${base}/api/v1/products`, { headers: { 'x-api-key': key } }).then((response) => response.status);

async function stop(server: SpawnedServer): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('a production start (NODE_ENV=production)', () => {
  it('has no demo user or demo key, and applies ADMIN_PASSWORD and CHANNEL_API_KEYS on every start', async () => {
    const dataDir = await tempDir();
    const first = await spawnServer({ NODE_ENV: 'production', ADMIN_PASSWORD: 'first root passphrase', CHANNEL_API_KEYS: 'app:app-production-key-1' }, dataDir);
    try {
      for (const [user, password] of [['author', 'author-demo-pass'], ['approver', 'approver-demo-pass'], ['approver2', 'approver2-demo-pass'], ['admin', 'admin-demo-pass']]) {
        expect(await post(first.base, user, password), user).toBe(401);
      }
      expect(await post(first.base, 'admin', 'first root passphrase')).toBe(200);
      expect(await products(first.base, 'demo-app-key')).toBe(401);
      expect(await products(first.base, 'app-production-key-1')).toBe(200);
    } finally {
      await stop(first);
    }
    const second = await spawnServer({ NODE_ENV: 'production', ADMIN_PASSWORD: 'rotated root passphrase', CHANNEL_API_KEYS: 'app:app-production-key-2' }, dataDir);
    try {
      expect(await post(second.base, 'admin', 'first root passphrase')).toBe(401);
      expect(await post(second.base, 'admin', 'rotated root passphrase')).toBe(200);
      expect(await products(second.base, 'app-production-key-1')).toBe(401);
      expect(await products(second.base, 'app-production-key-2')).toBe(200);
    } finally {
      await stop(second);
    }
  }, 120_000); // spawns real processes: slow on a busy machine

  it('refuses to start, saying why, without an admin, with a weak ADMIN_PASSWORD or a demo channel key', async () => {
    await expect(spawnServer({ NODE_ENV: 'production', ADMIN_PASSWORD: '', CHANNEL_API_KEYS: '' }, await tempDir())).rejects.toThrow(/No administrator can sign in\. Set ADMIN_PASSWORD/);
    await expect(spawnServer({ NODE_ENV: 'production', ADMIN_PASSWORD: 'admin-demo-pass' }, await tempDir())).rejects.toThrow(/ADMIN_PASSWORD must not be a demo password in production/);
    await expect(spawnServer({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a fine root passphrase', CHANNEL_API_KEYS: 'app:demo-app-key' }, await tempDir())).rejects.toThrow(/CHANNEL_API_KEYS holds a demo key/);
  }, 120_000); // spawns real processes: slow on a busy machine
});

describe('credential settings applied to an existing data directory', () => {
  async function demoStore(): Promise<LowdbStore> {
    const store = await LowdbStore.open(await tempDir());
    await seedEmptyStore(store, { catalog: catalog(), examplesDir: path.join(os.tmpdir(), 'no-examples-here'), channelKeys: [] });
    return store;
  }

  it('stops every demo key once CHANNEL_API_KEYS is set, outside production too', async () => {
    const store = await demoStore();
    expect(await store.findApiKeyByHash(hashApiKey('demo-app-key'))).toBeDefined();
    await applyCredentialSettings(store, readSecuritySettings({ CHANNEL_API_KEYS: 'branch:branch-key-0001' }), silent);
    expect((await store.listApiKeys()).map((key) => key.id)).toEqual(['env-branch-1']);
  });

  it('in production disables the demo users that still have their demo password, removes demo keys, and starts with ADMIN_PASSWORD', async () => {
    const store = await demoStore();
    const author = (await store.getUser('author'))!;
    await store.putUser({ ...author, passwordHash: (await store.getUser('approver'))!.passwordHash }); // the author changed their password
    await applyCredentialSettings(store, readSecuritySettings({ NODE_ENV: 'production', ADMIN_PASSWORD: 'the new root passphrase' }), silent);
    expect((await store.getUser('approver'))!.disabled).toBe(true);
    expect((await store.getUser('approver2'))!.disabled).toBe(true);
    expect((await store.getUser('author'))!.disabled).toBeUndefined(); // no longer the published password
    const admin = (await store.getUser('admin'))!;
    expect(admin.disabled).toBeUndefined();
    expect(await verifyPassword('the new root passphrase', admin.passwordHash)).toBe(true);
    expect(await store.listApiKeys()).toEqual([]);
  });

  it('keeps the demo accounts in production only when DEMO_ACCOUNTS=1 asks for them', async () => {
    const settings = readSecuritySettings({ NODE_ENV: 'production', DEMO_ACCOUNTS: '1', ADMIN_PASSWORD: 'the new root passphrase' });
    expect(settings.demo).toBe(true);
    const store = await demoStore();
    await applyCredentialSettings(store, settings, silent);
    expect((await store.getUser('author'))!.disabled).toBeUndefined();
    expect(await store.findApiKeyByHash(hashApiKey('demo-app-key'))).toBeDefined();
    expect(readSecuritySettings({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(readSecuritySettings({}).demo).toBe(true);
    expect(() => readSecuritySettings({ DEMO_ACCOUNTS: 'maybe' })).toThrow(/DEMO_ACCOUNTS="maybe"/);
    expect(() => readSecuritySettings({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/ALLOWED_ORIGINS/);
  });
});
