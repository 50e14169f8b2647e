import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpProblem } from '../http/problem.ts';
import { parseCookies } from './cookies.ts';
import type { Store } from '../store/store.ts';
import type { Sessions, SessionUser } from './sessions.ts';

export type Role = SessionUser['roles'][number];

/**
 * Reads the `sid` cookie and puts the signed-in user (if any) on `res.locals.user`. With a store,
 * the session's user is checked against the stored record (at most every `recheckMs`, default 5 s,
 * per user name): a user disabled or deleted elsewhere — by another server process or by the users
 * CLI — is signed out, and changed roles or display names apply, without waiting for the session to expire.
 */
export function authenticate(sessions: Sessions, store?: Pick<Store, 'getUser'>, recheckMs = 5000): RequestHandler {
  const fresh = new Map<string, { until: number; user: SessionUser | undefined }>();
  async function current(username: string): Promise<SessionUser | undefined> {
    const now = Date.now();
    const cached = fresh.get(username);
    if (cached && cached.until > now) return cached.user;
    const record = await store!.getUser(username);
    const user = record && !record.disabled ? { username: record.username, displayName: record.displayName, roles: record.roles } : undefined;
    if (fresh.size > 10_000) fresh.clear();
    fresh.set(username, { until: now + recheckMs, user });
    return user;
  }
  async function signedIn(sid: string, res: Response): Promise<void> {
    const session = await sessions.get(sid);
    if (!session) return;
    const user = store ? await current(session.username) : session;
    if (!user) {
      await sessions.endUser(session.username);
      return;
    }
    res.locals.user = user;
    res.locals.sid = sid;
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const sid = parseCookies(req.headers.cookie).sid;
    if (!sid) return next();
    signedIn(sid, res).then(() => next(), next);
  };
}

/** The signed-in user of this request, or undefined. */
export const userOf = (res: Response): SessionUser | undefined => res.locals.user as SessionUser | undefined;

/** The signed-in user; throws 401 UNAUTHENTICATED when there is none. */
export function signedIn(res: Response): SessionUser {
  const user = userOf(res);
  if (!user) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in first');
  return user;
}

/** Whether the user holds one of the roles (admin holds them all). */
export const hasRole = (user: SessionUser, roles: readonly Role[]): boolean => user.roles.includes('admin') || roles.some((role) => user.roles.includes(role));

/**
 * Lets a request through only for a signed-in user with one of `roles` (admin always passes):
 * 401 UNAUTHENTICATED without a session, 403 ROLE_REQUIRED without the role. No roles = any signed-in user.
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const user = signedIn(res);
    if (roles.length && !hasRole(user, roles)) {
      throw new HttpProblem(403, 'ROLE_REQUIRED', `This needs the role ${roles.join(' or ')}`, { requiredRoles: roles });
    }
    next();
  };
}
