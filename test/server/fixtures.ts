import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp, type AppDeps } from '../../server/app.ts';
import { createCatalog, loadSchemaFiles } from '../../server/catalog.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { applicationBlock } from '../../server/blocks/application/application.block.ts';
import { blockTypes } from '../../server/blocks/index.ts';
import { defineBlockType, type BlockType } from '../../server/engine/block-type.ts';
import type { Catalog } from '../../server/engine/catalog.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { text } from '../../server/engine/text.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { seedUsers } from '../../server/seed.ts';
import type { UserRecord } from '../../server/store/store.ts';

/**
 * Until the start and offer block types are registered in server/blocks/index.ts, tests add the
 * real application block and a minimal `offer` outcome so a complete flow compiles. Once the real
 * ones are registered these stand-ins are not used.
 */
const standInOffer = defineBlockType<Record<string, unknown>>({
  type: 'offer', version: 1, title: text('通过', 'Offer'), description: text('批准', 'Approve'), category: 'outcome', icon: '✅', keywords: [],
  defaults: {}, role: 'outcome',
  evaluate: () => ({ kind: 'outcome', outcome: 'approve' }),
});

export function testCatalog(): Catalog {
  const types: BlockType<unknown, unknown>[] = [...blockTypes];
  if (!types.some((type) => type.type === 'application')) types.unshift(applicationBlock);
  if (!types.some((type) => type.type === 'offer')) types.push(standInOffer);
  return createCatalog(loadSchemaFiles(), types);
}

let sharedCatalog: Catalog | undefined;
export const catalog = (): Catalog => (sharedCatalog ??= testCatalog());

/** A complete, compilable product: start → limit → base rate → repayment → offer, from each type's defaults. */
export function sampleFlow(id = 'test-loan', name = text('测试贷', 'Test loan')): FlowDocument {
  const defaults = (type: string) => structuredClone(catalog().blockTypes.get(type)!.defaults) as Record<string, unknown>;
  const chain = ['application', 'limit-range', 'base-rate', 'repayment', 'offer'];
  const ids = ['start', 'limit', 'price', 'repay', 'offer'];
  return {
    schemaVersion: 1,
    blocks: chain.map((type, index) => ({
      id: ids[index],
      type,
      typeVersion: catalog().blockTypes.get(type)!.version,
      config: type === 'application' ? { ...defaults(type), productId: id, name, channels: ['app', 'branch'], termMonths: { min: 6, max: 60 } } : defaults(type),
      position: { x: index * 250, y: 0 },
    })),
    links: ids.slice(1).map((to, index) => ({ id: `l${index + 1}`, from: { block: ids[index], port: 'out' }, to: { block: to, port: 'in' } })),
  };
}

export const PASSWORDS: Record<string, string> = { author: 'author-demo-pass', approver: 'approver-demo-pass', approver2: 'approver2-demo-pass', admin: 'admin-demo-pass' };

export interface TestServer {
  app: Express;
  store: LowdbStore;
  runtime: RuntimeRegistry;
  dataDir: string;
  /** A supertest agent signed in as `username` (cookie kept), or anonymous for undefined. */
  as(username?: string): Promise<request.Agent>;
  close(): Promise<void>;
}

let hashedUsers: Promise<UserRecord[]> | undefined;

/** The demo users, hashed once per test file (scrypt is deliberately slow). */
async function seedCachedUsers(store: LowdbStore): Promise<void> {
  hashedUsers ??= (async () => {
    const scratch = await LowdbStore.open(await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-users-')));
    await seedUsers(scratch);
    return Promise.all(['author', 'approver', 'approver2', 'admin'].map(async (name) => (await scratch.getUser(name))!));
  })();
  for (const user of await hashedUsers) await store.putUser(user);
}

/** A fresh app over a temp data directory with the demo users; the clock is pinned. */
export async function startTestServer(options: { examplesDir?: string; logger?: pino.Logger; app?: Partial<AppDeps>; files?: boolean } = {}): Promise<TestServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-test-'));
  const clock = () => new Date('2025-06-01T08:00:00Z');
  const store = await LowdbStore.open(dataDir, clock);
  await seedCachedUsers(store);
  const runtime = new RuntimeRegistry(catalog());
  await runtime.load(store);
  const app = createApp({ store, catalog: catalog(), runtime, logger: options.logger ?? pino({ level: 'silent' }), clock, examplesDir: options.examplesDir ?? path.join(dataDir, 'no-examples'), ...(options.files ? { dataDir, simulationThreads: 0 } : {}), ...options.app });
  return {
    app,
    store,
    runtime,
    dataDir,
    async as(username) {
      const agent = request.agent(app);
      if (username) {
        const response = await agent.post('/api/studio/session').send({ username, password: PASSWORDS[username] });
        if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status}`);
      }
      return agent;
    },
    async close() {
      await store.flush();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
