import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Store } from '../store/store.ts';
import { sendProblem } from '../http/problem.ts';

/**
 * Rights a key can be granted beyond the default (product list, product card, decisions, schedules):
 * `definition:read` — the full compiled definition (every block's config: rules, thresholds, tables).
 */
export const API_KEY_SCOPES = ['definition:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What the API-key middleware leaves on `res.locals` for the channel routes. */
export interface ChannelLocals {
  channel: string; // app, mini-program, branch, pad, partner
  apiKeyId: string; // id of the key record (never the key itself)
  scopes: readonly string[]; // the key's granted scopes (API_KEY_SCOPES)
}

/** Options of {@link apiKeyAuth}. */
export interface ApiKeyAuthOptions {
  ttlMs?: number; // how long a verified key hash is trusted without asking the store (default 30 s)
  now?: () => number; // milliseconds clock, for tests
}

const MAX_KEY_LENGTH = 256;

/** sha256 hex of a key, the form in which the store keeps keys. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Express middleware for `/api/v1`: reads `X-API-Key`, looks its sha256 up in the store and puts the
 * key's channel on `res.locals.channel`. Answers 401 `API_KEY_MISSING` or `API_KEY_INVALID`.
 * Verified hashes are cached for `ttlMs`, so a deleted key stops working within that time; unknown
 * keys are never cached (a later-created key works at once). When the store cannot be reached (a
 * runtime replica whose database is down), a key verified before keeps working from the cache —
 * the replica goes on serving what it holds — and the failure is not passed on as a 500.
 */
export function apiKeyAuth(store: Store, options: ApiKeyAuthOptions = {}): RequestHandler {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { locals: ChannelLocals; expires: number }>();

  return (req, res, next) => {
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key.length === 0) {
      sendProblem(res, 401, 'API_KEY_MISSING', 'API key missing', { detail: 'Send the channel key in the X-API-Key header.' });
      return;
    }
    const invalid = () => sendProblem(res, 401, 'API_KEY_INVALID', 'API key invalid', { detail: 'The X-API-Key header does not name an active channel key.' });
    if (key.length > MAX_KEY_LENGTH) return invalid();
    const keyHash = hashApiKey(key);
    const cached = verified.get(keyHash);
    if (cached && cached.expires > now()) {
      Object.assign(res.locals, cached.locals);
      return next();
    }
    store.findApiKeyByHash(keyHash).then((record) => {
      if (!record) {
        verified.delete(keyHash);
        return invalid();
      }
      const locals: ChannelLocals = { channel: record.channel, apiKeyId: record.id, scopes: record.scopes ?? [] };
      verified.set(keyHash, { locals, expires: now() + ttlMs });
      Object.assign(res.locals, locals);
      next();
    }, (error: unknown) => {
      if (!cached) return next(error);
      Object.assign(res.locals, cached.locals); // stale-if-error: the store is unreachable, the key was valid
      next();
    });
  };
}
