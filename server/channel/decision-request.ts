import type { RepaymentMethod } from '../engine/offer-parts.ts';
import { REPAYMENT_METHODS } from '../engine/loan-math/schedule-request.ts';
import type { ProblemError as FieldError } from '../http/problem.ts';
import type { Decision } from '../engine/decision.ts';
import { capErrors } from '../engine/error-cap.ts';
import type { Evaluator } from '../engine/runtime/evaluator.ts';

/** A decision request whose shape is valid (the application itself is checked by the evaluator). */
export interface DecisionRequest {
  application: unknown;
  requestedAmount?: string; // money decimal string > 0, at most 2 decimals
  termMonths?: number;
  repaymentMethod?: RepaymentMethod;
  asOf: string; // YYYY-MM-DD
}

const FIELDS = new Set(['application', 'requestedAmount', 'termMonths', 'repaymentMethod', 'asOf']);
const MONEY = /^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const CHINA_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai has no daylight saving time

/** Today's date in Asia/Shanghai (the default `asOf`). */
export const shanghaiToday = (now: Date): string => new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Checks the body of `POST /products/:id/decisions` field by field (one error per bad field, with
 * its pointer). `application` must be an object; its content is the evaluator's job.
 */
export function parseDecisionRequest(body: unknown, today: string): { request: DecisionRequest; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const request: DecisionRequest = { application: undefined, asOf: today };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    errors.push({ pointer: '', message: 'must be a JSON object with an application', messageZh: '应为包含 application 的 JSON 对象' });
    return { request, errors };
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!FIELDS.has(name)) errors.push({ pointer: `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'is not a field of a decision request', messageZh: '不是决策请求的字段' });
  }
  const { application, requestedAmount, termMonths, repaymentMethod, asOf } = fields;
  if (application === null || typeof application !== 'object' || Array.isArray(application)) {
    errors.push(
      application === undefined ? { pointer: '/application', message: 'is required', messageZh: '必填' } : { pointer: '/application', message: 'must be an object', messageZh: '应为一组字段' },
    );
  } else request.application = application;
  if (requestedAmount !== undefined) {
    const amount = typeof requestedAmount === 'number' && Number.isFinite(requestedAmount) ? String(requestedAmount) : requestedAmount;
    if (typeof amount !== 'string' || !MONEY.test(amount) || Number(amount) <= 0) {
      errors.push({ pointer: '/requestedAmount', message: 'must be an amount > 0 with at most 2 decimals, e.g. "50000.00"', messageZh: '应为大于 0、最多两位小数的金额，如 "50000.00"' });
    } else request.requestedAmount = amount;
  }
  if (termMonths !== undefined) {
    if (!Number.isInteger(termMonths) || (termMonths as number) < 1 || (termMonths as number) > 600) {
      errors.push({ pointer: '/termMonths', message: 'must be a whole number of months from 1 to 600', messageZh: '应为 1 至 600 的整月数' });
    } else request.termMonths = termMonths as number;
  }
  if (repaymentMethod !== undefined) {
    if (typeof repaymentMethod !== 'string' || !(REPAYMENT_METHODS as readonly string[]).includes(repaymentMethod)) {
      errors.push({ pointer: '/repaymentMethod', message: `must be one of ${REPAYMENT_METHODS.join(', ')}`, messageZh: `应为以下之一：${REPAYMENT_METHODS.join('、')}` });
    } else request.repaymentMethod = repaymentMethod as RepaymentMethod;
  }
  if (asOf !== undefined) {
    if (typeof asOf !== 'string' || !isCalendarDate(asOf)) errors.push({ pointer: '/asOf', message: 'must be a date YYYY-MM-DD', messageZh: '应为 YYYY-MM-DD 格式的日期' });
    else request.asOf = asOf;
  }
  return { request, errors };
}

let lastCalendarDate = ''; // a portfolio's rows (and a channel's requests on one day) repeat the same date: checked once
function isCalendarDate(text: string): boolean {
  if (text === lastCalendarDate) return true;
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== text) return false;
  lastCalendarDate = text;
  return true;
}

/** What the decision log needs of a decision (the decision itself stays in the thread that made it). */
export interface DecisionSummary {
  outcome: Decision['outcome'];
  reasonCodes: string[];
  limit?: string;
}

/** One decision request as the channel route received it: the body text, undecoded, and what the route knows. */
export interface DecisionCall {
  body: string | undefined; // the JSON text (undefined: no JSON body was sent)
  include: unknown; // the `include` query value as parsed
  channel: string; // from the API key
  today: string; // the default asOf, YYYY-MM-DD in Asia/Shanghai
}

/** The answer to send: the decision's JSON text and summary, field errors (422), or a body that is not JSON (400). */
export type DecisionReply =
  | { kind: 'decision'; json: string; summary: DecisionSummary }
  | { kind: 'invalid'; code: 'APPLICATION_INVALID' | 'REQUEST_INVALID'; errors: FieldError[]; omitted?: number }
  | { kind: 'malformed' };

const INCLUDABLE = ['trace'];

/** `?include=trace`: the parts of a decision a channel asks for beyond the default; an unknown one is a field error. */
function parseInclude(value: unknown, errors: FieldError[]): Set<string> {
  if (value === undefined) return new Set();
  const parts =
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : undefined;
  const unknown = parts ? parts.filter((part) => !INCLUDABLE.includes(part)) : ['?'];
  if (unknown.length) errors.push({ pointer: '/query/include', message: `must be a comma-separated list of ${INCLUDABLE.join(', ')}` });
  return new Set(parts);
}

const summarise = (decision: Decision): DecisionSummary => ({
  outcome: decision.outcome,
  reasonCodes: decision.reasons.map((reason) => reason.code),
  ...(decision.offer ? { limit: decision.offer.limit } : {}),
});

/**
 * Answers one decision request from its body text: parses the JSON, checks the request fields,
 * decides with the evaluator and returns the JSON to send. Every bad field is named at once, the
 * application's too. Pure apart from the evaluator; runs in a decision thread or in the main thread.
 */
export function answerDecision(evaluator: Evaluator, call: DecisionCall): DecisionReply {
  let body: unknown = {};
  if (call.body !== undefined && call.body.trim() !== '') {
    try {
      body = JSON.parse(call.body);
    } catch {
      return { kind: 'malformed' };
    }
  }
  const { request, errors } = parseDecisionRequest(body, call.today);
  const include = parseInclude(call.include, errors);
  const result = evaluator.decide({ ...request, application: request.application ?? {}, channel: call.channel, trace: include.has('trace') }); // the runtime sets application.channel from the key
  const all = 'errors' in result ? [...errors, ...result.errors.filter((e) => request.application !== undefined || !e.pointer.startsWith('/application'))] : errors;
  if (all.length > 0 || !('decision' in result)) {
    const { kept, omitted } = capErrors(all); // the thread sends back a short list, whatever the body held
    return { kind: 'invalid', code: all.every((e) => e.pointer.startsWith('/application')) ? 'APPLICATION_INVALID' : 'REQUEST_INVALID', errors: kept, ...(omitted ? { omitted } : {}) };
  }
  return { kind: 'decision', json: JSON.stringify(result.decision), summary: summarise(result.decision) };
}
