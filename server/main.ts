import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, EXAMPLES_DIR, type ServerRole } from './app.ts';
import { defaultCatalog } from './catalog.ts';
import { DecisionPool, decisionThreadCount } from './channel/decision-pool.ts';
import { ReleaseFollower } from './channel/release-follower.ts';
import { RuntimeRegistry } from './channel/runtime-registry.ts';
import { describeLocation, openStore, storeLocation } from './store/open-store.ts';
import { PgStore } from './store/postgres/pg-store.ts';
import { parseChannelKeys, putChannelKeys, seedEmptyStore } from './store/seed.ts';

/** SERVER_ROLE: `all` (default) or `runtime`; anything else stops the start with a clear message. */
function serverRole(value: string | undefined): ServerRole {
  const role = value?.trim() || 'all';
  if (role !== 'all' && role !== 'runtime') throw new Error(`SERVER_ROLE must be "all" or "runtime", not "${role}"`);
  return role;
}

/**
 * Starts the server. Reads PORT (3000), HOST (127.0.0.1), SERVER_ROLE (all | runtime),
 * DATABASE_URL (PostgreSQL; without it the embedded store in DATA_DIR, default ./data),
 * RELEASE_POLL_MS (2000: how often a PostgreSQL-backed process compares the latest release),
 * ADMIN_PASSWORD, CHANNEL_API_KEYS ("app:<key>,branch:<key>"), DECISION_THREADS (default: one
 * per core beyond the first). Opens the store (PostgreSQL: applies migrations), seeds an empty one
 * (demo users and keys, the published examples; an `all` process only), builds the evaluators,
 * follows releases from PostgreSQL (LISTEN + polling), listens, and logs one JSON line with the
 * bound `port`. SIGTERM/SIGINT: stop accepting, finish in-flight requests, flush and close the
 * store, exit 0.
 */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const role = serverRole(process.env.SERVER_ROLE);
  const location = storeLocation();
  if (role === 'runtime' && location.kind !== 'postgres') throw new Error('SERVER_ROLE=runtime needs DATABASE_URL: a runtime replica follows the releases published in PostgreSQL');
  const channelKeys = parseChannelKeys(process.env.CHANNEL_API_KEYS);
  const threads = decisionThreadCount();

  const catalog = defaultCatalog();
  const store = await openStore(location, { onError: (error) => logger.warn({ err: error.message }, 'database connection lost') });
  const runtime = new RuntimeRegistry(catalog);
  if (store.isNew && role === 'all') {
    const seeded = await seedEmptyStore(store, { catalog, examplesDir: EXAMPLES_DIR, adminPassword: process.env.ADMIN_PASSWORD, channelKeys, logger });
    logger.info({ store: describeLocation(location), ...seeded }, 'seeded an empty store');
  }
  if (channelKeys.length && role === 'all') await putChannelKeys(store, channelKeys, 'env', new Date().toISOString());
  const follower = store instanceof PgStore && location.kind === 'postgres' ? new ReleaseFollower(store, runtime, { url: location.url, pollMs: Number(process.env.RELEASE_POLL_MS ?? 2000), logger }) : undefined;
  const report = follower ? await follower.start() : await runtime.load(store);
  if (report.failed.length) logger.error({ failed: report.failed }, 'some published versions could not be loaded');

  const pool = new DecisionPool(threads, { logger });
  const app = createApp({ store, catalog, runtime, logger, pool, role, ...(follower ? { readiness: () => follower.status } : {}) });
  const server = app.listen(port, host, () => {
    const address = server.address() as AddressInfo;
    logger.info({ port: address.port, host: address.address, role, store: describeLocation(location), loaded: report.loaded, decisionThreads: pool.size }, 'listening');
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
      await follower?.stop();
      await pool.close();
      await store.close();
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
