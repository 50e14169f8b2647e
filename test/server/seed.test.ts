import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { exampleIds, parseChannelKeys, seedEmptyStore } from '../../server/seed.ts';
import { catalog, sampleFlow } from './fixtures.ts';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-seed-'));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

/** Writes an examples folder: `a-base` (a complete flow with one sample), `b-broken` (does not compile), `a-aa-child` derived from a-base. */
async function writeExamples(): Promise<string> {
  const dir = path.join(root, 'examples');
  const put = async (id: string, flow: unknown) => {
    await fs.mkdir(path.join(dir, id, 'samples'), { recursive: true });
    await fs.writeFile(path.join(dir, id, 'flow.json'), JSON.stringify(flow));
  };
  await put('a-base', sampleFlow('a-base', { 'zh-CN': '基础', en: 'Base' }));
  await fs.writeFile(path.join(dir, 'a-base', 'samples', 'ok.json'), JSON.stringify({ id: 'ok', title: { 'zh-CN': '通过', en: 'Pass' }, application: {}, request: { requestedAmount: '10000', termMonths: 12, asOf: '2025-06-01' } }));
  await put('b-broken', { schemaVersion: 1, blocks: [], links: [] });
  await put('a-aa-child', { schemaVersion: 1, blocks: [], links: [], base: { productId: 'a-base' }, overrides: { product: { productId: 'a-aa-child', name: { 'zh-CN': '派生', en: 'Child' } } } });
  await fs.mkdir(path.join(dir, 'no-flow'));
  return dir;
}

describe('seeding an empty data directory', () => {
  it('orders examples so bases come before derived products', async () => {
    expect(exampleIds(await writeExamples())).toEqual(['a-base', 'b-broken', 'a-aa-child']);
  });

  it('publishes every compiling example as version 1 by system, derived ones on their base, and leaves the rest as drafts', async () => {
    const store = await LowdbStore.open(path.join(root, 'data'));
    const runtime = new RuntimeRegistry(catalog());
    await runtime.load(store);
    const result = await seedEmptyStore(store, { catalog: catalog(), examplesDir: await writeExamples(), channelKeys: [], runtime, adminPassword: 'from-env-password' });
    expect(result).toEqual({ published: ['a-base', 'a-aa-child'], drafts: ['b-broken'] });
    const base = (await store.getVersion('a-base', 1))!;
    expect(base).toMatchObject({ submittedBy: 'system', approvedBy: 'system', channels: ['app', 'branch'] });
    const child = (await store.getVersion('a-aa-child', 1))!;
    expect(child.definition.base).toMatchObject({ productId: 'a-base', version: 1 });
    expect(child.definition.product.name.en).toBe('Child');
    expect(runtime.latest('a-aa-child')?.version).toBe(1);
    expect((await store.getProduct('a-base'))!.samples.map((sample) => sample.id)).toEqual(['ok']);
    expect((await store.getProduct('b-broken'))!.status).toBe('draft');
    expect(await verifyPassword('from-env-password', (await store.getUser('admin'))!.passwordHash)).toBe(true);
    expect(await verifyPassword('approver2-demo-pass', (await store.getUser('approver2'))!.passwordHash)).toBe(true);
    expect(await store.findApiKeyByHash(hashApiKey('demo-mini-program-key'))).toMatchObject({ channel: 'mini-program' });
  });

  it('seeds no demo keys when CHANNEL_API_KEYS gives the keys', async () => {
    const store = await LowdbStore.open(path.join(root, 'data'));
    await seedEmptyStore(store, { catalog: catalog(), examplesDir: path.join(root, 'none'), channelKeys: parseChannelKeys('app:app-secret-123') });
    expect(await store.listApiKeys()).toEqual([]);
  });
});

describe('CHANNEL_API_KEYS', () => {
  it('parses channel:key pairs separated by commas', () => {
    expect(parseChannelKeys(' app:app-key-12345 , branch:branch-key-123')).toEqual([
      { channel: 'app', key: 'app-key-12345' },
      { channel: 'branch', key: 'branch-key-123' },
    ]);
    expect(parseChannelKeys(undefined)).toEqual([]);
  });

  it('refuses an unknown channel or a short key with a readable error', () => {
    expect(() => parseChannelKeys('tv:abcdefghijk')).toThrow(/not a channel/);
    expect(() => parseChannelKeys('app:short')).toThrow(/8–256/);
    expect(() => parseChannelKeys('app')).toThrow(/not a channel/);
  });
});
