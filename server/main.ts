import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, EXAMPLES_DIR } from './app.ts';
import { defaultCatalog } from './catalog.ts';
import { DecisionPool, decisionThreadCount } from './channel/decision-pool.ts';
import { RuntimeRegistry } from './channel/runtime-registry.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { parseChannelKeys, putChannelKeys, seedEmptyStore } from './seed.ts';

/**
 * Starts the server: reads PORT (3000), HOST (127.0.0.1), DATA_DIR (./data), ADMIN_PASSWORD,
 * CHANNEL_API_KEYS ("app:<key>,branch:<key>"), DECISION_THREADS (default: one per core beyond the first); opens the store, seeds an empty data directory
 * (demo users and keys, the published examples), builds the evaluators, listens, and logs one JSON
 * line with the bound `port`. SIGTERM/SIGINT: stop accepting, finish in-flight requests, flush the
 * store, exit 0.
 */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  const channelKeys = parseChannelKeys(process.env.CHANNEL_API_KEYS);
  const threads = decisionThreadCount();

  const catalog = defaultCatalog();
  const store = await LowdbStore.open(dataDir);
  const runtime = new RuntimeRegistry(catalog);
  if (store.isNew) {
    const seeded = await seedEmptyStore(store, { catalog, examplesDir: EXAMPLES_DIR, adminPassword: process.env.ADMIN_PASSWORD, channelKeys, logger });
    logger.info({ dataDir, ...seeded }, 'seeded an empty data directory');
  }
  if (channelKeys.length) await putChannelKeys(store, channelKeys, 'env', new Date().toISOString());
  const report = await runtime.load(store);
  if (report.failed.length) logger.error({ failed: report.failed }, 'some published versions could not be loaded');

  const pool = new DecisionPool(threads, { logger });
  const app = createApp({ store, catalog, runtime, logger, pool });
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
  console.error(JSON.stringify({ level: 60, msg: 'failed to start', error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
