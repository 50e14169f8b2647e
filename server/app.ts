import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { csrfGuard } from './auth/csrf.ts';
import { authenticate } from './auth/middleware.ts';
import { signInThrottle, type SignInThrottleOptions } from './auth/sign-in-throttle.ts';
import { SessionStore, type Sessions } from './auth/sessions.ts';
import type { DecisionPool } from './channel/decision-pool.ts';
import type { RuntimeRegistry } from './channel/runtime-registry.ts';
import type { Catalog } from './engine/catalog.ts';
import { jsonBody } from './http/json-body.ts';
import { DEFAULT_UPLOAD_CONCURRENT, DEFAULT_UPLOAD_IDLE_MS, DEFAULT_UPLOAD_MAX_BYTES, DEFAULT_UPLOAD_MAX_MS, type UploadLimits } from './http/upload-guard.ts';
import { apiNotFound, errorHandler, sendProblem } from './http/problem.ts';
import { apiKeysRouter } from './routes/api-keys.ts';
import { auditRouter } from './routes/audit.ts';
import { blockTypesRouter } from './routes/block-types.ts';
import { createChannelRouter } from './routes/channel.ts';
import { compileRouter } from './routes/compile.ts';
import { productsRouter } from './routes/products.ts';
import { reviewImpactRouter } from './routes/review-impact.ts';
import { reviewsRouter } from './routes/reviews.ts';
import { simulationsRouter } from './routes/simulations.ts';
import { testCasesRouter } from './routes/test-cases.ts';
import { type ImpactServices, impactServices } from './simulation/impact.ts';
import { sessionRouter } from './routes/session.ts';
import { usersRouter } from './routes/users.ts';
import { versionsRouter } from './routes/versions.ts';
import { openApiRouter } from './openapi.ts';
import { fromRoot } from './root.ts';
import { STUDIO_DIST, studioStatic } from './static.ts';
import { PgStore } from './store/postgres/pg-store.ts';
import type { Store } from './store/store.ts';
import { CompileService } from './studio/compile-service.ts';
import type { StudioContext } from './studio/context.ts';
import { compileRequestValidators } from './studio/requests.ts';

/** Simulations one process runs at once before it refuses ad-hoc ones: each takes a thread per core, and the machine has few. */
export const DEFAULT_MAX_RUNNING_SIMULATIONS = 4;

/** The example products folder at the repository root. */
export const EXAMPLES_DIR = fromRoot('examples');

/** Everything the app is built from; nothing here listens or reads the environment. */
export interface AppDeps {
  store: Store; // loaded
  catalog: Catalog;
  runtime: RuntimeRegistry; // the channel runtime; approvals publish into it
  logger: Logger;
  clock?: () => Date; // tests pin it; default the system clock
  examplesDir?: string; // templates and samples; default examples/
  sessions?: Sessions; // default a fresh in-memory session store; PostgreSQL-backed ones on PostgreSQL
  studioDist?: string; // built studio to serve; default studio/dist
  pool?: DecisionPool; // decision threads for the channel API; default: decide in the main thread
  trustProxy?: boolean | number | string; // Express "trust proxy" (TRUST_PROXY): req.ip and req.secure from X-Forwarded-*; default false
  allowedOrigins?: string[]; // origins besides the server's own that may change state in the studio API (ALLOWED_ORIGINS)
  signInThrottle?: SignInThrottleOptions; // limits and the counter store of sign-in throttling
  sessionRecheckMs?: number; // how often a session's user is re-read from the store (disabled elsewhere → signed out); default 5000
  /** `all` (default): studio, authoring API and channel API; `runtime`: only `/api/v1`, `/healthz` and `/readyz`. */
  role?: ServerRole;
  /** What `/readyz` adds once the runtime is loaded (a PostgreSQL follower's state); `degraded` still answers 200: the process serves what it holds. */
  readiness?: () => { status: 'ready' | 'degraded' };
  dataDir?: string; // with the embedded store, portfolios, reports and simulation jobs are files under it; without it (and not on PostgreSQL) those routes answer 503
  simulationThreads?: number; // portfolio simulation threads; default one per core, 0 decides in the main thread
  simulationStaleMs?: number; // on PostgreSQL: a running simulation without a heartbeat for this long is shown as failed, interrupted (SIMULATION_STALE_MS, default 15000)
  impact?: ImpactServices; // built by the caller ({@link impactOf}); default built from `store` and `dataDir`
  /** What bounds a portfolio upload: bytes (PORTFOLIO_MAX_BYTES, default 1 GiB) and the longest pause without a byte (PORTFOLIO_UPLOAD_IDLE_MS, default 30 s). */
  uploadLimits?: Partial<UploadLimits>;
  /** Simulations this process runs at most before `POST /products/:id/simulations` answers 429 (SIMULATION_MAX_RUNNING, default 4): each runs on threads of its own. */
  maxRunningSimulations?: number;
}

/**
 * Portfolios, reports and simulation jobs: in the database on PostgreSQL (every replica shares them), else files under the
 * data directory, else none. main.ts builds them itself (and passes them as `impact`) to stop the running simulations when it stops.
 */
export function impactOf(deps: Pick<AppDeps, 'store' | 'dataDir' | 'simulationThreads' | 'simulationStaleMs' | 'logger'>, clock: () => Date = () => new Date()): ImpactServices | undefined {
  const options = { threads: deps.simulationThreads, clock, logger: deps.logger };
  if (deps.store instanceof PgStore) return impactServices({ pool: deps.store.pool, staleAfterMs: deps.simulationStaleMs }, options);
  return deps.dataDir ? impactServices({ dataDir: deps.dataDir }, options) : undefined;
}

/** Which routes a process serves (SERVER_ROLE). */
export type ServerRole = 'all' | 'runtime';

/** Helmet with a CSP that lets the studio run: own scripts and workers, Monaco's blob: workers, React Flow's inline styles. */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      workerSrc: ["'self'", 'blob:'],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

/** Headers of every channel API answer (JSON only; OWASP REST Security): no sniffing, no framing, nothing loaded from a response, no referrer. */
const API_HEADERS: [string, string][] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];
const apiSecurityHeaders: express.RequestHandler = (_req, res, next) => {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
  next();
};

/**
 * Builds the Express app without listening. Mount points:
 * `/healthz`, `/readyz`, `/api/block-types` (public catalog), `/api/studio/*` (session cookie),
 * `/api/v1/*` (channel API, X-API-Key), `/api/openapi.json`, any other `/api/*` → 404 problem, everything else → the
 * built studio. One problem+json error handler answers every failure.
 */
export function createApp(deps: AppDeps): express.Express {
  const clock = deps.clock ?? (() => new Date());
  const ctx: StudioContext = {
    store: deps.store,
    catalog: deps.catalog,
    runtime: deps.runtime,
    logger: deps.logger,
    clock,
    sessions: deps.sessions ?? new SessionStore(clock),
    compiler: new CompileService(deps.store, deps.catalog),
    validators: compileRequestValidators(deps.catalog.schemas),
    examplesDir: deps.examplesDir ?? EXAMPLES_DIR,
    impact: deps.impact ?? impactOf(deps, clock),
    maxRunningSimulations: deps.maxRunningSimulations ?? DEFAULT_MAX_RUNNING_SIMULATIONS,
    uploadLimits: {
      maxBytes: deps.uploadLimits?.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
      idleMs: deps.uploadLimits?.idleMs ?? DEFAULT_UPLOAD_IDLE_MS,
      maxMs: deps.uploadLimits?.maxMs ?? DEFAULT_UPLOAD_MAX_MS,
      concurrent: deps.uploadLimits?.concurrent ?? DEFAULT_UPLOAD_CONCURRENT,
    },
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use('/api/v1', apiSecurityHeaders); // the channel API answers JSON only: the OWASP REST set, not the studio's page policy
  app.use('/api/v1', createChannelRouter({ store: deps.store, catalog: deps.catalog, runtime: deps.runtime, logger: deps.logger, clock, pool: deps.pool }));
  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => {
    if (deps.runtime.ready) return void res.json({ role: deps.role ?? 'all', ...(deps.readiness?.() ?? { status: 'ready' }) });
    sendProblem(res, 503, 'NOT_READY', 'The store or the evaluators are still loading');
  });

  if (deps.role === 'runtime') {
    // a channel runtime replica: no studio, no authoring routes, nothing else to find
    app.use((req, res) => sendProblem(res, 404, 'NOT_FOUND', 'Not found', { detail: `${req.method} ${req.path} (this is a channel runtime replica: /api/v1, /healthz and /readyz only)` }));
    app.use(errorHandler(deps.logger));
    return app;
  }

  app.use('/api/openapi.json', openApiRouter());
  app.use('/api', jsonBody()); // 1 MB, depth and width limits checked before parsing (server/http/json-limits.ts)
  app.use('/api/block-types', blockTypesRouter(deps.catalog));

  const studio = express.Router();
  studio.use(csrfGuard(deps.allowedOrigins));
  studio.use(authenticate(ctx.sessions, deps.store, deps.sessionRecheckMs));
  studio.post('/session', signInThrottle(deps.logger, deps.signInThrottle));
  studio.use('/session', sessionRouter(ctx));
  for (const router of [productsRouter, reviewsRouter, versionsRouter, compileRouter, auditRouter, apiKeysRouter, usersRouter, simulationsRouter, reviewImpactRouter, testCasesRouter])
    studio.use(router(ctx));
  app.use('/api/studio', studio);

  app.use('/api', apiNotFound);
  app.use(studioStatic(deps.studioDist ?? STUDIO_DIST));
  app.use((req, res) => sendProblem(res, 404, 'NOT_FOUND', 'Not found', { detail: `${req.method} ${req.path}` }));
  app.use(errorHandler(deps.logger));
  return app;
}
