import { Router } from 'express';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { setPassword } from '../auth/users.ts';
import { clearedSessionCookie, sessionCookie } from '../auth/cookies.ts';
import { signedIn } from '../auth/middleware.ts';
import { SESSION_TTL_MS, type SessionUser } from '../auth/sessions.ts';
import { HttpProblem } from '../http/problem.ts';
import type { StudioContext } from '../studio/context.ts';
import { readBody } from '../studio/requests.ts';

/**
 * `/api/studio/session`: sign in (POST, sets the httpOnly `sid` cookie), who am I (GET), sign out
 * (DELETE), change one's own password (PUT /password). A wrong user name and a wrong password look
 * the same, and take the same time; a disabled user learns so only with the right password.
 */
export function sessionRouter(ctx: StudioContext): Router {
  const router = Router();
  const decoy = hashPassword('decoy password never used');

  router.post('/', async (req, res) => {
    const { username, password } = readBody<{ username: string; password: string }>(ctx.validators, 'session', req.body);
    const record = await ctx.store.getUser(username);
    const valid = await verifyPassword(password, record?.passwordHash ?? (await decoy));
    if (!record || !valid) throw new HttpProblem(401, 'CREDENTIALS_INVALID', 'User name or password is wrong');
    if (record.disabled) throw new HttpProblem(403, 'USER_DISABLED', 'This user is disabled; ask an admin');
    const user: SessionUser = { username: record.username, displayName: record.displayName, roles: record.roles };
    const sid = await ctx.sessions.create(user);
    res.setHeader('Set-Cookie', sessionCookie(sid, SESSION_TTL_MS / 1000, req.secure));
    res.json({ user });
  });

  router.get('/', (_req, res) => {
    res.json({ user: signedIn(res) });
  });

  /** `PUT /password`: a signed-in user changes their own password; their other sessions end. */
  router.put('/password', async (req, res) => {
    const user = signedIn(res);
    const { currentPassword, newPassword } = readBody<{ currentPassword: string; newPassword: string }>(ctx.validators, 'changeOwnPassword', req.body);
    const record = await ctx.store.getUser(user.username);
    if (!record || !(await verifyPassword(currentPassword, record.passwordHash))) {
      throw new HttpProblem(403, 'CREDENTIALS_INVALID', 'The current password is wrong', { errors: [{ pointer: '/currentPassword', message: 'is wrong' }] });
    }
    await setPassword(ctx.store, user.username, newPassword, '/newPassword');
    await ctx.sessions.endUser(user.username, res.locals.sid as string);
    await ctx.store.appendAudit({ actor: user.username, action: 'user.password-change', detail: { username: user.username } });
    res.status(204).end();
  });

  router.delete('/', async (req, res) => {
    await ctx.sessions.delete(res.locals.sid as string | undefined);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });

  return router;
}
