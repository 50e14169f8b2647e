import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, EXAMPLES_DIR, impactOf, type ServerRole } from './app.ts';
import { DEFAULT_UPLOAD_MAX_MS } from './http/upload-guard.ts';
import { applyCredentialSettings } from './auth/credential-settings.ts';
import { defaultCatalog } from './catalog.ts';
import { DecisionPool, decisionThreadCount } from './channel/decision-pool.ts';
import { ReleaseFollower } from './channel/release-follower.ts';
import { RuntimeRegistry } from './channel/runtime-registry.ts';
import { seedEmptyStore, type SeedOptions } from './seed.ts';
import { readSecuritySettings, SettingsError } from './settings.ts';
import { lockDataDir } from './store/data-dir-lock.ts';
import { openDataDir } from './store/first-start.ts';
import { describeLocation, openStore, storeLocation, type OpenedStore } from './store/open-store.ts';
import { PgStore } from './store/postgres/pg-store.ts';
import { PgRateLimitStore, PgSessions } from './auth/postgres-sessions.ts';

/** SIMULATION_STALE_MS: a whole number of milliseconds, at least 2000 (four progress beats). */
function staleMs(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 2000) throw new SettingsError(`SIMULATION_STALE_MS must be a whole number of milliseconds ≥ 2000, not "${value}"`);
  return ms;
}

/** PORTFOLIO_MAX_BYTES / PORTFOLIO_UPLOAD_IDLE_MS: a whole number ≥ `min`; anything else stops the start naming the variable. */
function wholeAtLeast(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new SettingsError(`${name} must be a whole number ≥ ${min}, not "${value}"`);
  return n;
}

/** SERVER_ROLE: `all` (default) or `runtime`; anything else stops the start with a clear message. */
function serverRole(value: string | undefined): ServerRole {
  const role = value?.trim() || 'all';
  if (role !== 'all' && role !== 'runtime') throw new SettingsError(`SERVER_ROLE must be "all" or "runtime", not "${role}"`);
  return role;
}

/**
 * Starts the server. Reads PORT (3000), HOST (127.0.0.1), SERVER_ROLE (all | runtime),
 * DATABASE_URL (PostgreSQL; without it the embedded store in DATA_DIR, default ./data),
 * RELEASE_POLL_MS (2000: how often a PostgreSQL-backed process compares the latest release),
 * SIMULATION_STALE_MS (15000: on PostgreSQL, how long a running simulation may go without its
 * process's heartbeat before any process shows it as failed, interrupted), PORTFOLIO_MAX_BYTES
 * (1 GiB: a portfolio upload's bytes) and PORTFOLIO_UPLOAD_IDLE_MS (30000: how long an upload may
 * send nothing before it is refused), PORTFOLIO_UPLOADS_AT_ONCE (2: uploads read at once, more
 * answer 429), PORTFOLIO_UPLOAD_MAX_MS (240000: the longest an upload may take), SIMULATION_MAX_RUNNING (4: simulations running in this
 * process before an ad-hoc one is refused, 429),
 * DECISION_THREADS (default: one per core beyond the first) and the security settings
 * (server/settings.ts: NODE_ENV, DEMO_ACCOUNTS, ADMIN_PASSWORD, CHANNEL_API_KEYS, TRUST_PROXY,
 * ALLOWED_ORIGINS). Opens the store — the embedded one seeded atomically when empty, PostgreSQL with
 * its migrations applied and seeded by an `all` process when empty (demo users and keys and the
 * published examples; none in production unless DEMO_ACCOUNTS=1) — applies the credential settings
 * on every start, builds the evaluators, follows releases from PostgreSQL (LISTEN + polling),
 * listens, and logs one JSON line with the bound `port`. A setting it must not run with ends the
 * process with exit 1 and a "refusing to start" line naming the variable. SIGTERM/SIGINT: stop
 * accepting, stop the running portfolio simulations and store them as failed, "interrupted" (within
 * 5 s), finish in-flight requests, flush and close the store, exit 0.
 */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const role = serverRole(process.env.SERVER_ROLE);
  const location = storeLocation();
  if (role === 'runtime' && location.kind !== 'postgres') throw new SettingsError('SERVER_ROLE=runtime needs DATABASE_URL: a runtime replica follows the releases published in PostgreSQL');
  const settings = readSecuritySettings(process.env);
  const maxRunningSimulations = process.env.SIMULATION_MAX_RUNNING ? wholeAtLeast('SIMULATION_MAX_RUNNING', process.env.SIMULATION_MAX_RUNNING, 1) : undefined;
  const uploadLimits = {
    ...(process.env.PORTFOLIO_MAX_BYTES ? { maxBytes: wholeAtLeast('PORTFOLIO_MAX_BYTES', process.env.PORTFOLIO_MAX_BYTES, 1024) } : {}),
    ...(process.env.PORTFOLIO_UPLOAD_IDLE_MS ? { idleMs: wholeAtLeast('PORTFOLIO_UPLOAD_IDLE_MS', process.env.PORTFOLIO_UPLOAD_IDLE_MS, 1000) } : {}),
    ...(process.env.PORTFOLIO_UPLOAD_MAX_MS ? { maxMs: wholeAtLeast('PORTFOLIO_UPLOAD_MAX_MS', process.env.PORTFOLIO_UPLOAD_MAX_MS, 1000) } : {}),
    ...(process.env.PORTFOLIO_UPLOADS_AT_ONCE ? { concurrent: wholeAtLeast('PORTFOLIO_UPLOADS_AT_ONCE', process.env.PORTFOLIO_UPLOADS_AT_ONCE, 1) } : {}),
  };
  // With the embedded store, portfolios, simulation reports and jobs are files under DATA_DIR; on PostgreSQL they are rows in it (app.ts chooses).
  const dataDir = location.kind === 'lowdb' ? location.dataDir : undefined;
  const threads = decisionThreadCount();

  const catalog = defaultCatalog();
  const seedOptions: SeedOptions = { catalog, examplesDir: EXAMPLES_DIR, adminPassword: settings.adminPassword, channelKeys: settings.channelKeys, demo: settings.demo, logger };
  let store: OpenedStore;
  if (location.kind === 'lowdb') {
    const releaseDataDir = lockDataDir(location.dataDir);
    process.on('exit', releaseDataDir);
    const opened = await openDataDir(location.dataDir, (scratch) => seedEmptyStore(scratch, seedOptions));
    if (opened.removed.length) logger.warn({ dataDir: location.dataDir, removed: opened.removed }, 'removed files a crashed process left behind');
    if (opened.seeded) logger.info({ store: location.dataDir, demo: settings.demo, ...opened.seeded }, 'seeded an empty data directory');
    store = opened.store;
  } else {
    store = await openStore(location, { onError: (error) => logger.warn({ err: error.message }, 'database connection lost') });
    if (store.isNew && role === 'all' && store instanceof PgStore) {
      const pgStore = store;
      const seeded = await pgStore.seedOnce(() => seedEmptyStore(pgStore, seedOptions)); // authoring processes starting together seed once
      if (seeded) logger.info({ store: describeLocation(location), demo: settings.demo, ...seeded }, 'seeded an empty store');
    }
  }
  if (role === 'all') await applyCredentialSettings(store, settings, logger);
  const runtime = new RuntimeRegistry(catalog);
  const follower =
    store instanceof PgStore && location.kind === 'postgres' ? new ReleaseFollower(store, runtime, { url: location.url, pollMs: Number(process.env.RELEASE_POLL_MS ?? 2000), logger }) : undefined;
  const report = follower ? await follower.start() : await runtime.load(store);
  if (report.failed.length) logger.error({ failed: report.failed }, 'some published versions could not be loaded');

  const pool = new DecisionPool(threads, { logger });
  const simulationStaleMs = process.env.SIMULATION_STALE_MS ? staleMs(process.env.SIMULATION_STALE_MS) : undefined;
  const impact = role === 'all' ? impactOf({ store, dataDir, simulationStaleMs, logger }) : undefined;
  const app = createApp({
    store,
    catalog,
    runtime,
    logger,
    pool,
    role,
    dataDir,
    impact,
    trustProxy: settings.trustProxy,
    allowedOrigins: settings.allowedOrigins,
    uploadLimits,
    ...(maxRunningSimulations ? { maxRunningSimulations } : {}),
    ...(follower ? { readiness: () => follower.status } : {}),
    // on PostgreSQL, sessions and sign-in failure counters are shared by every authoring process
    ...(store instanceof PgStore ? { sessions: new PgSessions(store.pool), signInThrottle: { store: (scope) => new PgRateLimitStore(store.pool, scope) } } : {}),
  });
  const server = app.listen(port, host, () => {
    const address = server.address() as AddressInfo;
    logger.info({ port: address.port, host: address.address, role, store: describeLocation(location), loaded: report.loaded, decisionThreads: pool.size }, 'listening');
  });
  // Node's own bounds, set here so they are visible: the headers within 60 s, the whole request (a
  // portfolio upload included) within 5 min (Node's defaults) — a trickling upload ends then at the latest, nothing stored
  server.headersTimeout = 60_000;
  server.requestTimeout = Math.max(300_000, (uploadLimits.maxMs ?? DEFAULT_UPLOAD_MAX_MS) + 30_000); // an upload's own limit answers first, with its code
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // the simulations running here stop now and are stored as interrupted, so every process shows their final state at once
    const simulations = impact?.jobs.interruptAll(`the server was stopped (${signal}) while this simulation ran; start it again`, 5_000).then(
      ({ stopped, unsettled }) => stopped && logger.info({ stopped, unsettled }, 'stopped the running simulations'),
      (error: unknown) => logger.error({ err: (error as Error).message }, 'could not stop the running simulations'),
    );
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(async () => {
      await simulations; // their final states are written through the store's connections: before it closes
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
  const message = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: 60, msg: error instanceof SettingsError ? 'refusing to start' : 'failed to start', error: message }));
  process.exit(1);
});
