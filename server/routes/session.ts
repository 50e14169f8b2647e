import { Router } from 'express';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { clearedSessionCookie, sessionCookie } from '../auth/cookies.ts';
import { signedIn } from '../auth/middleware.ts';
import { SESSION_TTL_MS, type SessionUser } from '../auth/sessions.ts';
import { HttpProblem } from '../http/problem.ts';
import type { StudioContext } from '../studio/context.ts';
import { readBody } from '../studio/requests.ts';

/**
 * `/api/studio/session`: sign in (POST, sets the httpOnly `sid` cookie), who am I (GET), sign out
 * (DELETE). A wrong user name and a wrong password look the same, and take the same time.
 */
export function sessionRouter(ctx: StudioContext): Router {
  const router = Router();
  const decoy = hashPassword('decoy password never used');

  router.post('/', async (req, res) => {
    const { username, password } = readBody<{ username: string; password: string }>(ctx.validators, 'session', req.body);
    const record = await ctx.store.getUser(username);
    const valid = await verifyPassword(password, record?.passwordHash ?? (await decoy));
    if (!record || !valid) throw new HttpProblem(401, 'CREDENTIALS_INVALID', 'User name or password is wrong');
    const user: SessionUser = { username: record.username, displayName: record.displayName, roles: record.roles };
    const sid = ctx.sessions.create(user);
    res.setHeader('Set-Cookie', sessionCookie(sid, SESSION_TTL_MS / 1000, req.secure));
    res.json({ user });
  });

  router.get('/', (_req, res) => {
    res.json({ user: signedIn(res) });
  });

  router.delete('/', (_req, res) => {
    ctx.sessions.delete(res.locals.sid as string | undefined);
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.status(204).end();
  });

  return router;
}
