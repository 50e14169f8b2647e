import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { createUser, setPassword, updateUser, userView, type UserRole } from '../auth/users.ts';
import type { StudioContext } from '../studio/context.ts';
import { param } from '../studio/lookup.ts';
import { readBody } from '../studio/requests.ts';

/**
 * `/api/studio/users` (admin only): list users, create one, change roles / display name / disabled,
 * and reset a password. Disabling a user, resetting their password or changing their roles ends
 * their sessions at once. Every change is audited (never the password).
 */
export function usersRouter(ctx: StudioContext): Router {
  const router = Router();
  const { store } = ctx;
  router.use('/users', requireRole('admin'));

  router.get('/users', async (_req, res) => {
    const users = (await store.listUsers()).map(userView).sort((a, b) => a.username.localeCompare(b.username));
    res.json({ users });
  });

  router.post('/users', async (req, res) => {
    const admin = signedIn(res);
    const body = readBody<{ username: string; displayName?: string; roles: UserRole[]; password: string }>(ctx.validators, 'createUser', req.body);
    const user = await createUser(store, body);
    await store.appendAudit({ actor: admin.username, action: 'user.create', detail: { username: user.username, roles: user.roles } });
    res.status(201).json(user);
  });

  router.patch('/users/:username', async (req, res) => {
    const admin = signedIn(res);
    const patch = readBody<{ displayName?: string; roles?: UserRole[]; disabled?: boolean }>(ctx.validators, 'updateUser', req.body);
    const user = await updateUser(store, param(req, 'username'), patch);
    if (patch.disabled || patch.roles) await ctx.sessions.endUser(user.username);
    await store.appendAudit({ actor: admin.username, action: 'user.update', detail: { username: user.username, ...patch } });
    res.json(user);
  });

  router.put('/users/:username/password', async (req, res) => {
    const admin = signedIn(res);
    const { password } = readBody<{ password: string }>(ctx.validators, 'resetPassword', req.body);
    const username = param(req, 'username');
    await setPassword(store, username, password);
    await ctx.sessions.endUser(username);
    await store.appendAudit({ actor: admin.username, action: 'user.password-reset', detail: { username } });
    res.status(204).end();
  });

  return router;
}
