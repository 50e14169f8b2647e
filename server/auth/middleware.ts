import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpProblem } from '../http/problem.ts';
import { parseCookies } from './cookies.ts';
import type { Sessions, SessionUser } from './sessions.ts';

export type Role = SessionUser['roles'][number];

/** Reads the `sid` cookie and puts the signed-in user (if any) on `res.locals.user`. */
export function authenticate(sessions: Sessions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const sid = parseCookies(req.headers.cookie).sid;
    if (!sid) return next();
    sessions.get(sid).then((user) => {
      if (user) {
        res.locals.user = user;
        res.locals.sid = sid;
      }
      next();
    }, next);
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
