import type { Request, RequestHandler } from 'express';
import { HttpProblem } from '../http/problem.ts';
import { PORTFOLIO_MEDIA_TYPES } from '../simulation/portfolio-records.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Whether the request declares a JSON body (`application/json` or `application/<x>+json`) or a
 * portfolio upload type. Like JSON, no upload type is CORS-safelisted, so an HTML form cannot send
 * one and a cross-site script cannot without a preflight this server never grants.
 */
function isJson(req: Request): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type) || Object.hasOwn(PORTFOLIO_MEDIA_TYPES, type);
}

/**
 * CSRF defence for the cookie-authenticated studio API, on top of the SameSite=Strict cookie
 * (OWASP CSRF cheat sheet: "verifying origin with standard headers" and "custom request content
 * type"). A state-changing request (anything but GET/HEAD/OPTIONS):
 * - with an `Origin` header must come from the server's own origin (scheme and host as the server
 *   sees them, `TRUST_PROXY` honoured) or one of `allowedOrigins` — else 403 ORIGIN_FORBIDDEN;
 * - with `Sec-Fetch-Site: cross-site` is refused the same way (unless its origin is allowed);
 * - POST, PUT and PATCH must send `Content-Type: application/json`, which an HTML form cannot and a
 *   cross-site script can only with a CORS preflight this server never grants — else 415 JSON_REQUIRED.
 */
export function csrfGuard(allowedOrigins: readonly string[] = []): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    const ownOrigin = `${req.protocol}://${req.host}`;
    const originAllowed = origin !== undefined && (origin === ownOrigin || allowed.has(origin));
    if ((origin !== undefined && !originAllowed) || (req.headers['sec-fetch-site'] === 'cross-site' && !originAllowed)) {
      throw new HttpProblem(403, 'ORIGIN_FORBIDDEN', 'This request comes from another site', {
        detail: `Origin ${origin ?? '(cross-site)'} may not change anything here; allowed: ${[ownOrigin, ...allowed].join(', ')}.`,
      });
    }
    if (WITH_BODY.has(req.method) && !isJson(req)) {
      throw new HttpProblem(415, 'JSON_REQUIRED', 'Send the request body as JSON', { detail: 'State-changing studio requests need Content-Type: application/json.' });
    }
    next();
  };
}
