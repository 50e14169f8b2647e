import { Decimal } from '../money.ts';
import { parseIsoDate, compareDates } from './dates.ts';
import { parseFees } from './parse-fees.ts';
import { FieldReader } from './request-fields.ts';
import {
  DAY_COUNTS,
  MAX_TERM_DAYS,
  MAX_TERM_MONTHS,
  REPAYMENT_METHODS,
  effectiveDayCount,
  periodMonths,
  type LprPrice,
  type RequestError,
  type ScheduleRequest,
  type ScheduleRounding,
} from './schedule-request.ts';

const FIELDS = ['principal', 'annualRate', 'lpr', 'termMonths', 'termDays', 'method', 'frequency', 'dayCount', 'rounding', 'startDate', 'dueDates', 'paymentDay', 'graceMonths', 'fees'] as const;
const PRINCIPAL = { what: 'must be a positive amount', positive: true, places: 2, max: '1000000000000' };
const RATE = { what: 'must be a rate in annual percent ≥ 0 (a decimal string such as "6")', max: 100 };
const AMORTISING = ['equal-installment', 'equal-principal', 'flat'];

/**
 * Validates untrusted JSON into a {@link ScheduleRequest}. Never throws: every problem is reported
 * with the JSON pointer of the offending field; `request` is present only when there is none.
 */
export function parseScheduleRequest(input: unknown): { request?: ScheduleRequest; errors: RequestError[] } {
  const reader = new FieldReader();
  const fields = reader.object(input, '', FIELDS);
  if (!fields) return { errors: reader.errors };
  const draft: Partial<Record<keyof ScheduleRequest, unknown>> = {};
  const read = <K extends keyof ScheduleRequest>(key: K, parse: (value: unknown, pointer: string) => ScheduleRequest[K] | undefined) => {
    if (fields[key] !== undefined) draft[key] = parse(fields[key], `/${key}`);
  };
  if (fields.principal === undefined) reader.fail('/principal', 'required: the amount lent, e.g. "100000.00"');
  read('principal', (v, p) => reader.decimal(v, p, PRINCIPAL));
  read('method', (v, p) => reader.oneOf(v, p, REPAYMENT_METHODS));
  if (fields.method === undefined) reader.fail('/method', `required: one of ${REPAYMENT_METHODS.join(', ')}`);
  read('annualRate', (v, p) => reader.decimal(v, p, RATE));
  read('lpr', (v, p) => parseLpr(v, p, reader));
  read('termMonths', (v, p) => reader.integer(v, p, 1, MAX_TERM_MONTHS));
  read('termDays', (v, p) => reader.integer(v, p, 1, MAX_TERM_DAYS));
  read('frequency', (v, p) => reader.oneOf(v, p, ['monthly', 'quarterly'] as const));
  read('dayCount', (v, p) => reader.oneOf(v, p, DAY_COUNTS));
  read('rounding', (v, p) => parseRounding(v, p, reader));
  read('startDate', (v, p) => reader.date(v, p));
  read('dueDates', (v, p) => parseDueDates(v, p, reader));
  read('paymentDay', (v, p) => reader.integer(v, p, 1, 31));
  read('graceMonths', (v, p) => reader.integer(v, p, 0, MAX_TERM_MONTHS));
  read('fees', (v) => parseFees(v, reader, draft.principal as string | undefined));
  if (reader.errors.length > 0) return { errors: reader.errors };
  const request = draft as ScheduleRequest;
  checkCombination(request, reader);
  return reader.errors.length > 0 ? { errors: reader.errors } : { request, errors: [] };
}

function parseLpr(value: unknown, pointer: string, reader: FieldReader): LprPrice | undefined {
  const fields = reader.object(value, pointer, ['rate', 'effectiveDate', 'spreadBp']);
  if (!fields) return undefined;
  const rate = reader.decimal(fields.rate, `${pointer}/rate`, RATE);
  const effectiveDate = reader.date(fields.effectiveDate, `${pointer}/effectiveDate`);
  const spreadBp = reader.integer(fields.spreadBp, `${pointer}/spreadBp`, -10000, 10000);
  if (rate === undefined || effectiveDate === undefined || spreadBp === undefined) return undefined;
  if (new Decimal(rate).plus(new Decimal(spreadBp).div(100)).lt(0)) return reader.fail(`${pointer}/spreadBp`, 'makes the rate (LPR + spread) negative');
  return { rate, effectiveDate, spreadBp };
}

function parseRounding(value: unknown, pointer: string, reader: FieldReader): ScheduleRounding | undefined {
  const fields = reader.object(value, pointer, ['mode', 'unit']);
  if (!fields) return undefined;
  const mode = reader.oneOf(fields.mode ?? 'HALF_UP', `${pointer}/mode`, ['HALF_UP', 'HALF_EVEN'] as const);
  const unit = reader.oneOf(fields.unit ?? '0.01', `${pointer}/unit`, ['0.01', '1'] as const);
  return mode && unit ? { mode, unit } : undefined;
}

function parseDueDates(value: unknown, pointer: string, reader: FieldReader): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TERM_MONTHS) {
    return reader.fail(pointer, `must be a non-empty array of at most ${MAX_TERM_MONTHS} dates YYYY-MM-DD`);
  }
  const dates = value.map((item, i) => reader.date(item, `${pointer}/${i}`));
  if (dates.some((date) => date === undefined)) return undefined;
  for (let i = 1; i < dates.length; i += 1) {
    if (compareDates(parseIsoDate(dates[i]!)!, parseIsoDate(dates[i - 1]!)!) <= 0) return reader.fail(`${pointer}/${i}`, 'due dates must be strictly increasing');
  }
  return dates as string[];
}

/** Rules that involve several fields; run only once every field is valid on its own. */
function checkCombination(request: ScheduleRequest, reader: FieldReader): void {
  const { method } = request;
  if (request.annualRate === undefined && request.lpr === undefined) reader.fail('/annualRate', 'required: give annualRate or lpr');
  if (request.annualRate !== undefined && request.lpr !== undefined) reader.fail('/lpr', 'give either annualRate or lpr, not both');
  const step = periodMonths(request);
  const dayBased = method === 'bullet' || method === 'revolving';
  if (request.dueDates !== undefined) {
    if (request.termDays !== undefined) reader.fail('/termDays', 'not used with dueDates (the last due date is the maturity)');
    if (request.paymentDay !== undefined) reader.fail('/paymentDay', 'not used with dueDates');
    if (method === 'bullet' && request.dueDates.length !== 1) reader.fail('/dueDates', 'a bullet loan has exactly one due date');
  } else if (request.termDays !== undefined) {
    if (!dayBased) reader.fail('/termDays', 'only for bullet and revolving; use termMonths');
    if (request.termMonths !== undefined) reader.fail('/termDays', 'give either termMonths or termDays, not both');
  } else if (request.termMonths === undefined) {
    reader.fail('/termMonths', dayBased ? 'required: give termMonths or termDays' : 'required: the term in months');
  } else if (method !== 'bullet' && request.termMonths % step !== 0) {
    reader.fail('/termMonths', `must be a multiple of ${step} for ${request.frequency} payments, got ${request.termMonths}`);
  }
  checkDates(request, reader);
  checkGrace(request, step, reader);
}

function checkDates(request: ScheduleRequest, reader: FieldReader): void {
  if (request.startDate === undefined) {
    const dayCount = effectiveDayCount(request);
    const needs: [boolean, string][] = [
      [dayCount !== '30/360', `the ${dayCount} day count counts actual days`],
      [request.method === 'revolving', 'a revolving draw accrues daily interest'],
      [request.dueDates !== undefined, 'dueDates are given'],
      [request.paymentDay !== undefined, 'paymentDay is given'],
    ];
    const reason = needs.find(([applies]) => applies)?.[1];
    if (reason) reader.fail('/startDate', `required because ${reason}`);
    return;
  }
  if (request.dueDates && compareDates(parseIsoDate(request.dueDates[0])!, parseIsoDate(request.startDate)!) <= 0) {
    reader.fail('/dueDates/0', 'must be after startDate');
  }
}

function checkGrace(request: ScheduleRequest, step: number, reader: FieldReader): void {
  const grace = request.graceMonths ?? 0;
  if (grace === 0) return;
  if (!AMORTISING.includes(request.method)) return void reader.fail('/graceMonths', `only for ${AMORTISING.join(', ')}: ${request.method} repays principal at maturity anyway`);
  if (grace % step !== 0) return void reader.fail('/graceMonths', `must be a multiple of ${step} for ${request.frequency} payments`);
  const periods = request.dueDates?.length ?? (request.termMonths ?? 0) / step;
  if (grace / step >= periods) reader.fail('/graceMonths', `must leave at least one period to repay principal (${periods} periods in all)`);
}
