import type { DecisionRequest } from '../block-type.ts';
import { Decimal, isDecimalLike } from '../money.ts';
import { parseIsoDate } from '../loan-math/dates.ts';

/** What a channel or the studio sends with an application. */
export interface DecideInput {
  application: unknown;
  requestedAmount?: unknown; // money: decimal string (or number) > 0 with at most 2 decimals
  termMonths?: unknown; // integer months
  repaymentMethod?: unknown;
  asOf: string; // YYYY-MM-DD
  channel?: string;
  trace?: boolean; // false: the decision carries no trace (the channel API unless asked); default true
  scheduleRows?: boolean; // false: the offer's schedule has its totals and APR but no rows (a portfolio simulation); default true
}

export interface FieldError {
  pointer: string; // "/requestedAmount", "/application/applicant/age"
  message: string; // English
  messageZh?: string; // the same in Chinese (the studio shows it to a Chinese reader; a channel may too)
}

/** A real calendar date in YYYY-MM-DD form (the loan math's own date parser decides). */
export const isIsoDate = (value: unknown): value is string => typeof value === 'string' && parseIsoDate(value) !== undefined;

/** Checks the request fields around the application; the application itself is checked by its schema. */
export function parseRequest(input: DecideInput): { request?: DecisionRequest; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isIsoDate(input.asOf))
    errors.push({ pointer: '/asOf', message: `must be a date YYYY-MM-DD, got ${JSON.stringify(input.asOf)}`, messageZh: `应为 YYYY-MM-DD 格式的日期，收到 ${JSON.stringify(input.asOf)}` });
  let requestedAmount: Decimal | undefined;
  if (input.requestedAmount !== undefined && input.requestedAmount !== null) {
    const amount = isDecimalLike(input.requestedAmount) ? new Decimal(input.requestedAmount) : undefined; // parsed once: this runs for every decision
    if (!amount || amount.lte(0) || amount.decimalPlaces() > 2) {
      errors.push({
        pointer: '/requestedAmount',
        message: `must be a positive amount with at most 2 decimals, got ${JSON.stringify(input.requestedAmount)}`,
        messageZh: `应为大于 0、最多两位小数的金额，收到 ${JSON.stringify(input.requestedAmount)}`,
      });
    } else {
      requestedAmount = amount;
    }
  }
  const term = input.termMonths;
  if (term !== undefined && term !== null && (typeof term !== 'number' || !Number.isInteger(term) || term < 1 || term > 600)) {
    errors.push({
      pointer: '/termMonths',
      message: `must be a whole number of months between 1 and 600, got ${JSON.stringify(term)}`,
      messageZh: `应为 1 至 600 之间的整月数，收到 ${JSON.stringify(term)}`,
    });
  }
  const method = input.repaymentMethod;
  if (method !== undefined && method !== null && typeof method !== 'string') {
    errors.push({ pointer: '/repaymentMethod', message: 'must be a string', messageZh: '应为文本' });
  }
  if (input.application === null || typeof input.application !== 'object' || Array.isArray(input.application)) {
    errors.push({ pointer: '/application', message: 'must be an object', messageZh: '应为一组字段' });
  }
  if (errors.length) return { errors };
  return {
    errors,
    request: {
      asOf: input.asOf,
      requestedAmount,
      termMonths: (term ?? undefined) as number | undefined,
      repaymentMethod: (method ?? undefined) as string | undefined,
      channel: input.channel,
    },
  };
}
