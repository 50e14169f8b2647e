import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { hashPassword } from './auth/password.ts';
import { hashApiKey } from './channel/api-keys.ts';
import type { Catalog } from './engine/catalog.ts';
import { CompileService, hasErrors } from './studio/compile-service.ts';
import { isExampleId, kindOf, readExampleFlow, readExampleSamples } from './studio/products.ts';
import { approveAndPublish, type VersionSink } from './studio/publishing.ts';
import type { Store, UserRecord } from './store/store.ts';

/** Demo accounts seeded into an empty data directory (documented in README.md, "Authoring API"). */
export const DEMO_USERS: (Omit<UserRecord, 'passwordHash'> & { password: string })[] = [
  { username: 'author', displayName: '产品经理 Author', roles: ['author'], password: 'author-demo-pass' },
  { username: 'approver', displayName: '审批人 Approver', roles: ['approver'], password: 'approver-demo-pass' },
  { username: 'approver2', displayName: '审批人二 Second approver', roles: ['approver'], password: 'approver2-demo-pass' },
  { username: 'admin', displayName: '管理员 Admin', roles: ['admin'], password: 'admin-demo-pass' }, // ADMIN_PASSWORD replaces it
];

/** The channels a key can belong to. */
export const CHANNELS = ['app', 'mini-program', 'branch', 'pad', 'partner'] as const;

/** Demo channel keys, one per channel (`demo-<channel>-key`), seeded when CHANNEL_API_KEYS is not set. */
export const DEMO_CHANNEL_KEYS = CHANNELS.map((channel) => ({ channel, key: `demo-${channel}-key` }));

/** Parses CHANNEL_API_KEYS="app:<key>,branch:<key>"; throws a readable error on a bad entry. */
export function parseChannelKeys(text: string | undefined): { channel: string; key: string }[] {
  if (!text?.trim()) return [];
  return text.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const index = entry.indexOf(':');
    const channel = entry.slice(0, index);
    const key = entry.slice(index + 1);
    if (index < 1 || !(CHANNELS as readonly string[]).includes(channel)) throw new Error(`CHANNEL_API_KEYS: "${channel || entry}" is not a channel (${CHANNELS.join(', ')})`);
    if (key.length < 8 || key.length > 256 || /\s/.test(key)) throw new Error(`CHANNEL_API_KEYS: the key for ${channel} must be 8–256 characters without spaces`);
    return { channel, key };
  });
}

/** Stores channel keys (by hash) under stable ids `<prefix>-<channel>-<n>`, replacing earlier ones. */
export async function putChannelKeys(store: Store, keys: { channel: string; key: string }[], prefix: string, at: string): Promise<void> {
  for (const [index, { channel, key }] of keys.entries()) {
    await store.putApiKey({ id: `${prefix}-${channel}-${index + 1}`, channel, keyHash: hashApiKey(key), createdAt: at, createdBy: 'system' });
  }
}

/** Creates the demo users; the admin's password is ADMIN_PASSWORD when given. */
export async function seedUsers(store: Store, adminPassword?: string): Promise<void> {
  for (const { password, ...user } of DEMO_USERS) {
    const secret = user.username === 'admin' && adminPassword ? adminPassword : password;
    await store.putUser({ ...user, passwordHash: await hashPassword(secret) });
  }
}

/** The example folders that have a flow.json, bases before derived products. */
export function exampleIds(examplesDir: string): string[] {
  if (!fs.existsSync(examplesDir)) return [];
  const ids = fs.readdirSync(examplesDir).filter((id) => isExampleId(id) && fs.existsSync(path.join(examplesDir, id, 'flow.json'))).sort();
  const derived = (id: string) => (readExampleFlow(examplesDir, id)?.base ? 1 : 0);
  return ids.sort((a, b) => derived(a) - derived(b));
}

/**
 * Loads every `examples/<id>/flow.json` as a product and publishes it as version 1, submitted and
 * approved by "system". An example that does not compile stays a draft and is reported.
 */
export async function publishExamples(store: Store, catalog: Catalog, examplesDir: string, runtime: VersionSink | undefined, logger?: Logger): Promise<{ published: string[]; drafts: string[] }> {
  const compiler = new CompileService(store, catalog);
  const result = { published: [] as string[], drafts: [] as string[] };
  for (const id of exampleIds(examplesDir)) {
    const document = readExampleFlow(examplesDir, id)!;
    if (await store.getProduct(id)) continue;
    const { product, diagnostics } = await compiler.compile(document);
    const base = document.base ? await store.getProduct(document.base.productId) : undefined;
    const meta = product?.product;
    await store.createProduct(
      { id, name: meta?.name ?? { 'zh-CN': id, en: id }, kind: meta?.kind ?? kindOf(document, base?.kind), document, status: 'draft', archived: false, samples: readExampleSamples(examplesDir, id), updatedBy: 'system' },
      'system',
    );
    if (!product || hasErrors(diagnostics)) {
      logger?.warn({ productId: id, errors: diagnostics.filter((d) => d.severity === 'error').slice(0, 5) }, 'example does not compile; left as a draft');
      result.drafts.push(id);
      continue;
    }
    const review = await store.createReview({ productId: id, kind: 'publish', submittedBy: 'system', comment: 'Seeded example', document, definition: product, hash: product.hash, baseVersion: null });
    await approveAndPublish(store, runtime, review, 'system');
    result.published.push(id);
  }
  return result;
}

/** Options for seeding an empty data directory. */
export interface SeedOptions {
  catalog: Catalog;
  examplesDir: string;
  adminPassword?: string;
  channelKeys: { channel: string; key: string }[]; // from CHANNEL_API_KEYS; empty = demo keys
  demo?: boolean; // demo users, demo keys and the published examples (default true); false seeds nothing (production)
  runtime?: VersionSink;
  logger?: Logger;
  clock?: () => Date;
}

/**
 * Seeds the demo users, demo channel keys and the published examples into an empty store; with
 * `demo: false` (production without DEMO_ACCOUNTS=1) it seeds nothing: the admin comes from
 * ADMIN_PASSWORD or the users CLI, keys from CHANNEL_API_KEYS or the admin API.
 */
export async function seedEmptyStore(store: Store, options: SeedOptions): Promise<{ published: string[]; drafts: string[] }> {
  if (options.demo === false) return { published: [], drafts: [] };
  const at = (options.clock ?? (() => new Date()))().toISOString();
  await seedUsers(store, options.adminPassword);
  if (!options.channelKeys.length) await putChannelKeys(store, DEMO_CHANNEL_KEYS, 'demo', at);
  return publishExamples(store, options.catalog, options.examplesDir, options.runtime, options.logger);
}
