import type { Request, RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo, type Store as RateLimitStore } from 'express-rate-limit';
import type { Logger } from 'pino';
import { sendProblem } from '../http/problem.ts';

/** Which counter a throttle store backs: failed sign-ins per account, or per client address. */
export type SignInThrottleScope = 'sign-in-account' | 'sign-in-address';

/**
 * Options of {@link signInThrottle}. `store` plugs in where the counters live: by default
 * express-rate-limit's MemoryStore (one process). Several authoring processes share counters by
 * passing a factory of express-rate-limit `Store`s (increment / decrement / resetKey / get) backed by
 * the database — e.g. a PostgreSQL table keyed by (scope, key) — one store per scope.
 */
export interface SignInThrottleOptions {
  windowMs?: number; // how long failures are remembered (default 15 minutes)
  perAccount?: number; // failed sign-ins to one user name per window before it is locked (default 10)
  perAddress?: number; // failed sign-ins from one client address per window (default 50)
  store?: (scope: SignInThrottleScope) => RateLimitStore;
}

const usernameOf = (req: Request): string | undefined => {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : undefined;
};

/**
 * Throttles `POST /api/studio/session` with express-rate-limit: only failed sign-ins (401) count;
 * past the limit every attempt — the right password too — answers 429 SIGN_IN_THROTTLED with
 * `Retry-After` until the window passes. The first refused attempt of a lock-out is logged at warn
 * with the user name and address (never the password).
 */
export function signInThrottle(logger: Logger, options: SignInThrottleOptions = {}): RequestHandler[] {
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const limiter = (scope: SignInThrottleScope, limit: number, keyGenerator?: (req: Request) => string) => {
    const logged = new Map<string, number>(); // key → the reset time of the lock-out already logged
    return rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
      skipSuccessfulRequests: true,
      ...(keyGenerator ? { keyGenerator, skip: (req: Request) => usernameOf(req) === undefined } : {}),
      ...(options.store ? { store: options.store(scope) } : {}),
      handler: (req, res, _next, used) => {
        // refused attempts do not count (only 401s do), so the hit count stays at limit + 1: log once per lock-out
        const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
        const resetAt = info?.resetTime?.getTime() ?? 0;
        if (info && logged.get(info.key) !== resetAt) {
          const now = Date.now();
          for (const [key, until] of logged) if (until <= now) logged.delete(key);
          logged.set(info.key, resetAt);
          logger.warn({ event: 'sign-in.locked', scope, username: usernameOf(req), address: req.ip, until: info.resetTime?.toISOString() }, 'sign-in locked after repeated failures');
        }
        sendProblem(res, used.statusCode, 'SIGN_IN_THROTTLED', 'Too many failed sign-ins; try again later', {
          detail: scope === 'sign-in-account' ? 'This user name had too many failed sign-ins.' : 'Too many failed sign-ins came from your address.',
        });
      },
    });
  };
  return [limiter('sign-in-address', options.perAddress ?? 50), limiter('sign-in-account', options.perAccount ?? 10, (req) => `user:${usernameOf(req)}`)];
}
