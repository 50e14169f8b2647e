import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { hashApiKey } from '../channel/api-keys.ts';
import { HttpProblem } from '../http/problem.ts';
import type { ApiKeyRecord } from '../store/store.ts';
import type { StudioContext } from '../studio/context.ts';
import { param } from '../studio/lookup.ts';
import { readBody } from '../studio/requests.ts';

/** A key record without its hash (what the admin screen lists). */
const keyView = ({ keyHash: _hash, ...key }: ApiKeyRecord) => key;

/**
 * `/api/studio/api-keys` (admin only): list channel keys, create one for a channel (optionally with
 * `scopes`, e.g. `definition:read`) — the key is returned once and only its sha256 is stored — and
 * delete one.
 */
export function apiKeysRouter(ctx: StudioContext): Router {
  const router = Router();
  router.use('/api-keys', requireRole('admin'));

  router.get('/api-keys', async (_req, res) => {
    res.json({ apiKeys: (await ctx.store.listApiKeys()).map(keyView) });
  });

  router.post('/api-keys', async (req, res) => {
    const user = signedIn(res);
    const { channel, scopes } = readBody<{ channel: string; scopes?: string[] }>(ctx.validators, 'apiKey', req.body);
    const key = `${channel}-${randomBytes(24).toString('base64url')}`;
    const record: ApiKeyRecord = { id: `k-${randomBytes(6).toString('hex')}`, channel, keyHash: hashApiKey(key), createdAt: ctx.clock().toISOString(), createdBy: user.username, ...(scopes?.length ? { scopes } : {}) };
    await ctx.store.putApiKey(record);
    await ctx.store.appendAudit({ actor: user.username, action: 'api-key.create', detail: { id: record.id, channel, scopes: scopes ?? [] } });
    res.status(201).json({ ...keyView(record), key });
  });

  router.delete('/api-keys/:keyId', async (req, res) => {
    const user = signedIn(res);
    const id = param(req, 'keyId');
    if (!(await ctx.store.deleteApiKey(id))) throw new HttpProblem(404, 'NOT_FOUND', 'API key not found');
    await ctx.store.appendAudit({ actor: user.username, action: 'api-key.delete', detail: { id } });
    res.status(204).end();
  });

  return router;
}
