import type { ErrorSchema } from '@rjsf/utils';
import type { JsonSchema, Locale } from '../api/types.ts';

/** The request fields the simulator asks for beside the application form. */
export type RequestField = 'requestedAmount' | 'termMonths' | 'repaymentMethod' | 'asOf';
const REQUEST_FIELDS: readonly RequestField[] = ['requestedAmount', 'termMonths', 'repaymentMethod', 'asOf'];

/** A refused simulation, placed: messages under the request inputs, an error schema for the application form (rjsf `extraErrors`), and one line per problem for the summary. */
export interface SimulateProblems {
  request: Partial<Record<RequestField, string>>;
  application: ErrorSchema;
  lines: { label: string; message: string }[];
}

const MESSAGES: [RegExp, Record<Locale, (m: RegExpExecArray) => string>][] = [
  [/required property/, { 'zh-CN': () => '必填', en: () => 'Required' }],
  [/positive amount/, { 'zh-CN': () => '请填写金额（正数，至多两位小数），如 50000 或 50000.00', en: () => 'Enter an amount (positive, at most 2 decimals), such as 50000 or 50000.00' }],
  [/must be (integer|number)/, { 'zh-CN': () => '请填写数字', en: () => 'Enter a number' }],
  [/must be >= (-?[\d.]+)/, { 'zh-CN': (m) => `不能小于 ${m[1]}`, en: (m) => `Must be at least ${m[1]}` }],
  [/must be <= (-?[\d.]+)/, { 'zh-CN': (m) => `不能大于 ${m[1]}`, en: (m) => `Must be at most ${m[1]}` }],
  [/YYYY-MM-DD|must match format "date"/, { 'zh-CN': () => '请填写日期，如 2026-12-03', en: () => 'Enter a date such as 2026-12-03' }],
  [/must be boolean/, { 'zh-CN': () => '请选择是或否', en: () => 'Choose yes or no' }],
];

/** A field error as the server sends it: where, what (English), and the same in Chinese where the server words it. */
export interface ServerFieldError {
  pointer: string;
  message: string;
  messageZh?: string;
}

/**
 * The server's message in the reader's language: the common ones worded for a person filling a form,
 * else the server's Chinese wording (`messageZh`) for a Chinese reader, else as the server wrote it.
 */
export function problemMessage(message: string, locale: Locale, messageZh?: string): string {
  for (const [pattern, words] of MESSAGES) {
    const match = pattern.exec(message);
    if (match) return words[locale](match);
  }
  return locale === 'zh-CN' && messageZh ? messageZh : message;
}

/** The labels along an application path (`applicant/bureau/inquiries3m` → 申请人 › 人行征信 › 近3个月…), from the schema's x-labels. */
export function applicationFieldLabel(schema: JsonSchema | undefined, path: string[], locale: Locale): string {
  const labels: string[] = [];
  let node: JsonSchema | undefined = schema;
  for (const segment of path) {
    const next: JsonSchema | undefined = /^\d+$/.test(segment) ? node?.items : node?.properties?.[segment];
    const label = next?.['x-label']?.[locale];
    labels.push(/^\d+$/.test(segment) ? `#${Number(segment) + 1}` : (label ?? segment));
    node = next;
  }
  return labels.join(' › ');
}

/**
 * Places each problem of a refused simulation (`{ pointer, message }` from the server's 422) on the
 * field it names. A pointer under `/application` lands in the form's error schema; a request field
 * under its input; anything else only in the summary.
 */
export function placeProblems(errors: ServerFieldError[], schema: JsonSchema | undefined, locale: Locale, requestLabels: Record<RequestField, string>): SimulateProblems {
  const placed: SimulateProblems = { request: {}, application: {}, lines: [] };
  for (const { pointer, message, messageZh } of errors) {
    const text = problemMessage(message, locale, messageZh);
    const path = pointer.split('/').slice(1);
    if (path[0] === 'application' && path.length > 1) {
      const fieldPath = path.slice(1);
      let node = placed.application as Record<string, unknown>;
      for (const segment of fieldPath) node = (node[segment] ??= {}) as Record<string, unknown>;
      node.__errors = [...((node.__errors as string[] | undefined) ?? []), text];
      placed.lines.push({ label: applicationFieldLabel(schema, fieldPath, locale), message: text });
    } else if ((REQUEST_FIELDS as string[]).includes(path[0]) && path.length === 1) {
      const field = path[0] as RequestField;
      placed.request[field] = text;
      placed.lines.push({ label: requestLabels[field], message: text });
    } else placed.lines.push({ label: pointer, message: text });
  }
  return placed;
}

/** A requested amount as a person may type it ("50,000", "¥50000") in the decimal form the API takes, or undefined when it is not an amount. */
export function plainAmount(text: string): string | undefined {
  const plain = text.replace(/[¥￥,，\s]/g, '');
  return /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/.test(plain) && Number(plain) > 0 ? plain : undefined;
}
