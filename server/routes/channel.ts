import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { APPLICATION_SCHEMA_ID, type Catalog } from '../engine/catalog.ts';
import { computeSchedule, parseScheduleRequest } from '../engine/loan-math/index.ts';
import { jsonBody } from '../http/json-body.ts';
import { errorHandler, sendProblem } from '../http/problem.ts';
import type { Store } from '../store/store.ts';
import { apiKeyAuth, type ApiKeyAuthOptions } from '../channel/api-keys.ts';
import { logDecision } from '../channel/decision-log.ts';
import { isSafeRequestId } from '../channel/personal-data.ts';
import type { DecisionPool } from '../channel/decision-pool.ts';
import { answerDecision, shanghaiToday, type DecisionCall } from '../channel/decision-request.ts';
import { productViews } from '../channel/product-views.ts';
import type { RuntimeEntry, RuntimeRegistry } from '../channel/runtime-registry.ts';

/** What the channel router needs. */
export interface ChannelRouterDeps {
  store: Store; // API keys (and older versions, through the runtime)
  catalog: Catalog;
  runtime: RuntimeRegistry; // the published evaluators
  logger: Logger; // one decision line per decision
  clock?: () => Date; // the default asOf is today in Asia/Shanghai by this clock
  apiKeys?: ApiKeyAuthOptions; // cache TTL of verified keys
  pool?: DecisionPool; // decision threads; without one, decisions run in the main thread
}

/**
 * The channel API, mounted at `/api/v1` (docs/http-api.md, OpenAPI in server/openapi.ts): product
 * list and configs for the caller's channel, decisions and the schedule calculator. Every route
 * needs an `X-API-Key`; a product not published to the key's channel does not exist for it.
 */
export function createChannelRouter(deps: ChannelRouterDeps): Router {
  const { runtime, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const router = express.Router();
  const json = jsonBody({ strict: false }); // a bare null or number is JSON: 422, not 400
  const text = jsonBody({ strict: false, keepText: true }); // decisions: the checked body text goes to a decision thread, which parses it
  const listCache = new Map<string, { generation: number; body: Buffer }>();
  const standardSchema = deps.catalog.schemas.schema(APPLICATION_SCHEMA_ID); // its x-personal marks mask logs

  router.use(apiKeyAuth(deps.store, deps.apiKeys));

  /** `GET /products`: the latest version of every product published to the caller's channel. */
  router.get('/products', (_req, res) => {
    const channel = res.locals.channel as string;
    let cached = listCache.get(channel);
    if (!cached || cached.generation !== runtime.generation) {
      const products = runtime
        .latestEntries()
        .filter((entry) => entry.channels.has(channel))
        .map((entry) => productViews(entry).summary);
      products.sort((a, b) => a.id.localeCompare(b.id));
      cached = { generation: runtime.generation, body: Buffer.from(JSON.stringify({ products })) };
      listCache.set(channel, cached);
    }
    res.type('application/json').send(cached.body);
  });

  /** `GET /products/:id`: the latest version's product card (the definition only with scope definition:read), with `ETag` and 304 on `If-None-Match`. */
  router.get('/products/:id', (req, res) => {
    const entry = visible(runtime.latest(req.params.id), res);
    if (!entry) return productNotFound(res, req.params.id);
    sendProduct(req, res, entry, 'public, max-age=60');
  });

  /** `GET /products/:id/versions/:v`: one pinned, immutable version. */
  router.get('/products/:id/versions/:v', async (req, res) => {
    const version = /^[1-9][0-9]{0,8}$/.test(req.params.v) ? Number(req.params.v) : undefined;
    const entry = version === undefined ? undefined : visible(await runtime.get(req.params.id, version), res);
    if (!entry) return sendProblem(res, 404, 'VERSION_NOT_FOUND', 'Version not found', { detail: `Product "${req.params.id}" has no version "${req.params.v}" published to this channel.` });
    sendProduct(req, res, entry, 'public, max-age=31536000, immutable');
  });

  /**
   * `POST /products/:id/decisions`: decides one application with the product's latest version. The
   * trace (block by block, with the product's internal rules and strategy rows) only with `?include=trace`,
   * and only for a key granted `definition:read` (403 SCOPE_REQUIRED otherwise): it shows the rules as much as the definition does.
   */
  router.post('/products/:id/decisions', text, async (req, res) => {
    const started = performance.now();
    const entry = visible(runtime.latest(req.params.id), res); // the one version this request uses
    if (!entry) return productNotFound(res, req.params.id);
    if (asksForTrace(req.query.include) && !hasScope(res, 'definition:read')) {
      return sendProblem(res, 403, 'SCOPE_REQUIRED', 'This key may not see the trace', {
        detail: "The trace shows the product's internal rules and strategy rows; it needs a key with the scope definition:read.",
      });
    }
    const requestId = requestIdOf(req);
    const channel = res.locals.channel as string;
    const call: DecisionCall = { body: typeof req.body === 'string' ? req.body : undefined, include: req.query.include, channel, today: shanghaiToday(clock()) };
    const reply = deps.pool ? await deps.pool.answer(entry, call) : answerDecision(entry.evaluator, call);
    if (reply.kind === 'malformed') return sendProblem(res, 400, 'JSON_MALFORMED', 'The request body is not valid JSON');
    res.setHeader('X-Request-Id', requestId);
    const application = logger.isLevelEnabled('debug') ? applicationOf(call.body) : undefined; // logged masked, at debug level only
    if (reply.kind === 'invalid') {
      logDecision(logger, { requestId, channel, entry, latencyMs: performance.now() - started, errors: reply.errors, application, standardSchema });
      return sendProblem(res, 422, reply.code, reply.code === 'APPLICATION_INVALID' ? 'Application invalid' : 'Request invalid', {
        detail: 'Fix the fields named in errors.',
        errors: reply.errors,
        ...(reply.omitted ? { errorsOmitted: reply.omitted } : {}),
      });
    }
    logDecision(logger, { requestId, channel, entry, latencyMs: performance.now() - started, decision: reply.summary, application, standardSchema });
    sendJson(res, reply.json);
  });

  /** `POST /schedules`: the repayment schedule calculator (same request and result as `npm run schedule`). */
  router.post('/schedules', json, (req, res) => {
    const { request, errors } = parseScheduleRequest(req.body);
    if (!request) return sendProblem(res, 422, 'SCHEDULE_REQUEST_INVALID', 'Schedule request invalid', { detail: 'Fix the fields named in errors.', errors });
    try {
      sendJson(res, JSON.stringify(computeSchedule(request)));
    } catch (error) {
      sendProblem(res, 422, 'SCHEDULE_REQUEST_INVALID', 'Schedule request invalid', {
        detail: 'No schedule can be computed for this request.',
        errors: [{ pointer: '', message: error instanceof Error ? error.message : 'cannot be computed' }],
      });
    }
  });

  router.use(errorHandler(logger)); // this router's own JSON parser errors: 400, 413 (the app's handler for everything else)
  return router;
}

/** The entry when its version is published to the caller's channel. */
function visible(entry: RuntimeEntry | undefined, res: Response): RuntimeEntry | undefined {
  return entry && entry.channels.has(res.locals.channel as string) ? entry : undefined;
}

function productNotFound(res: Response, id: string): void {
  sendProblem(res, 404, 'PRODUCT_NOT_FOUND', 'Product not found', { detail: `No product "${id}" is published to this channel.` });
}

/**
 * The product card, or — for a key granted `definition:read` — the card with the compiled
 * definition. The two have different ETags; `Vary: X-API-Key` keeps shared caches from mixing them.
 */
function sendProduct(req: Request, res: Response, entry: RuntimeEntry, cacheControl: string): void {
  const views = productViews(entry);
  const { body, etag } = hasScope(res, 'definition:read') ? views.full() : views.card;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'X-API-Key');
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(body);
}

/** Whether the caller's key was granted a scope (API_KEY_SCOPES). */
const hasScope = (res: Response, scope: string): boolean => ((res.locals.scopes ?? []) as readonly string[]).includes(scope);

/** Whether `?include=` names the trace (the value is checked in full by the decision request). */
const asksForTrace = (include: unknown): boolean => typeof include === 'string' && include.split(',').some((part) => part.trim() === 'trace');

/** `If-None-Match` semantics (RFC 9110): `*` or any listed tag, weak comparison. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value === etag || value === `W/${etag}`;
  });
}

/** A per-request JSON answer, written directly: no ETag hashing of a body no one will revalidate. */
function sendJson(res: Response, body: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** The application of a body, for the debug log (undefined when the body is not a JSON object with one). */
function applicationOf(body: string | undefined): unknown {
  try {
    const parsed = body === undefined ? undefined : (JSON.parse(body) as { application?: unknown } | null);
    return parsed !== null && typeof parsed === 'object' ? parsed.application : undefined;
  } catch {
    return undefined;
  }
}

function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && isSafeRequestId(given) ? given : randomUUID();
}
