import express, { type Request, type RequestHandler } from 'express';
import { HttpProblem } from './problem.ts';
import { describeLimit, findJsonLimitViolation, JSON_LIMITS } from './json-limits.ts';

/** Content types read as JSON. */
export const JSON_TYPES = ['application/json', 'application/*+json'];

/** How a route wants its JSON body. */
export interface JsonBodyOptions {
  strict?: boolean; // only an object or array at the top (true, as express.json); false reads `null` or `3` too
  keepText?: boolean; // leave `req.body` as the checked text (a decision thread parses it)
}

/**
 * The one JSON body reader of every route (it replaces `express.json`): reads at most 1 MB (413
 * `PAYLOAD_TOO_LARGE`), checks the text against the structural limits in one linear pass before
 * anything parses it (413 `JSON_LIMIT_EXCEEDED`, naming the limit and where it broke), then parses.
 * A request without a JSON content type leaves `req.body` undefined, as before.
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler<Record<string, string>> {
  const strict = options.strict ?? true;
  const read = express.text({ limit: JSON_LIMITS.bytes, type: JSON_TYPES, defaultCharset: 'utf-8' });
  /** Checks the body text against the limits and parses it; throws the problem to answer. */
  const check = (req: Request): void => {
    if (typeof req.body !== 'string') return;
    const text = req.body;
    const broken = findJsonLimitViolation(text);
    if (broken) {
      const { title, message } = describeLimit(broken.limit, broken.max);
      throw new HttpProblem(413, 'JSON_LIMIT_EXCEEDED', title, {
        detail: `Limits of every JSON body: depth ${JSON_LIMITS.depth}, ${JSON_LIMITS.arrayItems} items per array, ${JSON_LIMITS.objectKeys} keys per object, ${JSON_LIMITS.stringLength} characters per string, 1 MB in all.`,
        limit: broken.limit,
        max: broken.max,
        errors: [{ pointer: broken.pointer, message }],
      });
    }
    if (options.keepText) return;
    const trimmed = text.trimStart();
    if (trimmed === '') {
      req.body = {}; // an empty JSON body reads as {} (as express.json does)
      return;
    }
    if (strict && trimmed[0] !== '{' && trimmed[0] !== '[') throw new HttpProblem(400, 'JSON_MALFORMED', 'The request body is not valid JSON', { detail: 'The body must be a JSON object.' });
    try {
      req.body = JSON.parse(text);
    } catch {
      throw new HttpProblem(400, 'JSON_MALFORMED', 'The request body is not valid JSON');
    }
  };
  return (req, res, next) => {
    read(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        check(req);
      } catch (problem) {
        return next(problem);
      }
      next();
    });
  };
}
