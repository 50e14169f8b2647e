import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { sampleFlow } from './fixtures.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-store-'));
});
afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

const record = (id: string) => ({ id, name: { 'zh-CN': id, en: id }, kind: 'consumption', document: sampleFlow(id), status: 'draft' as const, archived: false, samples: [], updatedBy: 'author' });

describe('lowdb store', () => {
  it('reports a new data directory once and keeps every acknowledged write across a reopen', async () => {
    const store = await LowdbStore.open(dataDir);
    expect(store.isNew).toBe(true);
    await Promise.all(Array.from({ length: 50 }, (_, index) => store.createProduct(record(`p-${index}`), 'author')));
    const reopened = await LowdbStore.open(dataDir);
    expect(reopened.isNew).toBe(false);
    expect((await reopened.listProducts()).length).toBe(50);
  });

  it('writes nothing on a stale revision and returns the current one', async () => {
    const store = await LowdbStore.open(dataDir);
    await store.createProduct(record('p'), 'author');
    const first = await store.saveDraft('p', sampleFlow('p'), 1, 'author', null);
    const second = await store.saveDraft('p', { ...sampleFlow('p'), links: [] }, 1, 'author', null);
    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, currentRevision: 2 });
    expect((await store.getProduct('p'))!.document.links).toHaveLength(4);
  });

  it('numbers published versions per product and writes the number into the definition', async () => {
    const store = await LowdbStore.open(dataDir);
    const definition = { hash: 'sha256:x', version: null, product: { channels: ['app'] } } as never;
    const version = { productId: 'p', hash: 'sha256:x', definition, document: sampleFlow('p'), channels: ['app'], submittedBy: 'a', approvedBy: 'b', reviewId: 'r-1' };
    expect((await store.publish(version, 'b')).version).toBe(1);
    const second = await store.publish(version, 'b');
    expect(second.version).toBe(2);
    expect(second.definition.version).toBe(2);
    expect((await store.getVersion('p', 1))!.definition.version).toBe(1);
    expect((await store.latestVersions()).map((v) => v.version)).toEqual([2]);
  });

  it('returns copies, so a caller cannot change stored data by mutating a result', async () => {
    const store = await LowdbStore.open(dataDir);
    await store.createProduct(record('p'), 'author');
    const read = (await store.getProduct('p'))!;
    read.name.en = 'changed';
    expect((await store.getProduct('p'))!.name.en).toBe('p');
  });

  it('leaves no temp file behind and the store file always parses', async () => {
    const store = await LowdbStore.open(dataDir);
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.appendAudit({ actor: 'a', action: `x.${index}` })));
    await store.flush();
    expect(await fs.readdir(dataDir)).toEqual(['store.json']);
    const data = JSON.parse(await fs.readFile(path.join(dataDir, 'store.json'), 'utf8'));
    expect(data.audit.map((event: { seq: number }) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });
});
