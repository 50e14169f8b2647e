import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, EXAMPLES_DIR } from './app.ts';
import { defaultCatalog } from './catalog.ts';
import { DecisionPool, decisionThreadCount } from './channel/decision-pool.ts';
import { RuntimeRegistry } from './channel/runtime-registry.ts';
import { applyCredentialSettings } from './auth/credential-settings.ts';
import { readSecuritySettings, SettingsError } from './settings.ts';
import { lockDataDir } from './store/data-dir-lock.ts';
import { openDataDir } from './store/first-start.ts';
import type { LowdbStore } from './store/lowdb-store.ts';
import { seedEmptyStore } from './seed.ts';

/**
 * Starts the server: reads PORT (3000), HOST (127.0.0.1), DATA_DIR (./data), DECISION_THREADS
 * (default: one per core beyond the first) and the security settings (server/settings.ts: NODE_ENV,
 * DEMO_ACCOUNTS, ADMIN_PASSWORD, CHANNEL_API_KEYS, TRUST_PROXY, ALLOWED_ORIGINS); opens the store,
 * seeding an empty data directory atomically (demo users and keys, the published examples — none in
 * production unless DEMO_ACCOUNTS=1), applies the credential settings (every start), builds the
 * evaluators, listens, and logs one JSON line with the bound `port`. A setting it must not run with
 * ends the process with exit 1 and a "refusing to start" line naming the variable. SIGTERM/SIGINT: stop accepting, finish in-flight requests, flush the
 * store, exit 0.
 */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  const settings = readSecuritySettings(process.env);
  const threads = decisionThreadCount();

  const releaseDataDir = lockDataDir(dataDir);
  process.on('exit', releaseDataDir);
  const catalog = defaultCatalog();
  const seed = (scratch: LowdbStore) => seedEmptyStore(scratch, { catalog, examplesDir: EXAMPLES_DIR, adminPassword: settings.adminPassword, channelKeys: settings.channelKeys, demo: settings.demo, logger });
  const { store, seeded, removed } = await openDataDir(dataDir, seed);
  if (removed.length) logger.warn({ dataDir, removed }, 'removed files a crashed process left behind');
  if (seeded) logger.info({ dataDir, demo: settings.demo, ...seeded }, 'seeded an empty data directory');
  await applyCredentialSettings(store, settings, logger);
  const runtime = new RuntimeRegistry(catalog);
  const report = await runtime.load(store);
  if (report.failed.length) logger.error({ failed: report.failed }, 'some published versions could not be loaded');

  const pool = new DecisionPool(threads, { logger });
  const app = createApp({ store, catalog, runtime, logger, pool, trustProxy: settings.trustProxy, allowedOrigins: settings.allowedOrigins });
  const server = app.listen(port, host, () => {
    const address = server.address() as AddressInfo;
    logger.info({ port: address.port, host: address.address, dataDir, loaded: report.loaded, decisionThreads: pool.size }, 'listening');
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(async () => {
      await pool.close();
      await store.flush();
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: 60, msg: error instanceof SettingsError ? 'refusing to start' : 'failed to start', error: message }));
  process.exit(1);
});
