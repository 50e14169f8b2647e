import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { capErrors, ERROR_CAP } from '../engine/error-cap.ts';
import { StoreConflict } from '../store/store-conflict.ts'; // the error class alone: the HTTP layer does not depend on the store's contract

/** One offending field of a request, by JSON pointer. */
export interface ProblemError {
  pointer: string;
  message: string;
  messageZh?: string; // the same in Chinese where the engine words it (decision and schema field errors), for a Chinese reader
}

/** An RFC 9457 problem body: `type`, `title`, `status`, a stable `code`, and optional field errors. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: ProblemError[];
  [extension: string]: unknown;
}

/** Throw (or pass to `next`) from any handler; the one error handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly extra: { detail?: string; errors?: ProblemError[]; [extension: string]: unknown } = {},
  ) {
    super(title);
  }
}

const typeUri = (code: string): string => `https://loan-blocks.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;

/** Builds the body of a problem. */
export function problemBody(status: number, code: string, title: string, extra: HttpProblem['extra'] = {}): ProblemBody {
  return { type: typeUri(code), title, status, code, ...extra };
}

/**
 * Sends a problem+json response. Field errors are capped (the first few per field, then
 * `errorsOmitted` counts the rest; server/engine/error-cap.ts), so no bad body gets a large answer.
 */
export function sendProblem(res: Response, status: number, code: string, title: string, extra: HttpProblem['extra'] = {}): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(status, code, title, capped(extra))));
}

function capped(extra: HttpProblem['extra']): HttpProblem['extra'] {
  const { errors } = extra;
  if (!errors || errors.length <= ERROR_CAP.perField) return extra;
  const { kept, omitted } = capErrors(errors);
  if (!omitted) return extra;
  return { ...extra, errors: kept, errorsOmitted: omitted + (typeof extra.errorsOmitted === 'number' ? extra.errorsOmitted : 0) };
}

/** Shorthands for the problems every route uses. */
export const problems = {
  notFound: (what = 'Resource') => new HttpProblem(404, 'NOT_FOUND', `${what} not found`),
  invalid: (code: string, title: string, errors: ProblemError[]) => new HttpProblem(422, code, title, { errors }),
};

/** JSON 404 for any /api path no router answered. */
export function apiNotFound(req: Request, res: Response): void {
  sendProblem(res, 404, 'NOT_FOUND', 'No such API route', { detail: `${req.method} ${req.path}` });
}

/** Errors thrown by express.json (body-parser) carry a `type` and a 4xx `status`. */
interface ParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * The one error handler. Known problems pass through; body-parser failures become 400/413/415;
 * anything else is logged and answered with a generic 500 that carries no stack or message.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpProblem) return sendProblem(res, error.status, error.code, error.title, error.extra);
    if (error instanceof StoreConflict) return sendProblem(res, 409, error.code, error.message);
    const parser = (error ?? {}) as ParserError;
    if (parser.type === 'entity.parse.failed') return sendProblem(res, 400, 'JSON_MALFORMED', 'The request body is not valid JSON');
    if (parser.type === 'entity.too.large') return sendProblem(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 1 MB');
    if (parser.type === 'encoding.unsupported' || parser.type === 'charset.unsupported') return sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding');
    if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500 && parser.expose) {
      return sendProblem(res, parser.status, 'BAD_REQUEST', 'The request could not be read');
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error');
    sendProblem(res, 500, 'INTERNAL', 'Something went wrong on the server');
  };
}
