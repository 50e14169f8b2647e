import { Decimal } from '../money.ts';
import type { PeriodYears } from './apr-exact.ts';
import { accrualBetween, monthsAccrual, wholeMonthsBetween, yearBasis, type Accrual } from './day-count.ts';
import { addDays, addMonths, compareDates, dayInMonthAfter, parseIsoDate, type CivilDate } from './dates.ts';
import { effectiveDayCount, periodMonths, type ScheduleRequest } from './schedule-request.ts';

/** One interest period of a schedule: its dates when the start date is known, and its accrual. */
export interface Period {
  from?: CivilDate; // the previous due date (or the disbursement date)
  to?: CivilDate; // the due date
  accrual: Accrual; // share of a year over which interest accrues
}

/** A due date, with its length in whole months when it is known to be a regular period. */
interface DueDate {
  date: CivilDate;
  months?: number;
}

/**
 * The periods of a schedule. Without a start date only 30/360 is possible and periods are whole
 * months (or the bullet's days). With one, due dates are real dates, see `dueDatesOf`.
 */
export function buildPeriods(request: ScheduleRequest): Period[] {
  const dayCount = effectiveDayCount(request);
  const step = periodMonths(request);
  if (request.startDate === undefined) {
    if (request.termDays !== undefined) return [{ accrual: { numerator: request.termDays, denominator: yearBasis(dayCount) } }];
    const term = request.termMonths ?? step;
    if (request.method === 'bullet') return [{ accrual: monthsAccrual(term) }];
    return Array.from({ length: term / step }, () => ({ accrual: monthsAccrual(step) }));
  }
  const start = mustParse(request.startDate);
  const dueDates = dueDatesOf(request, start, step);
  const periods = new Array<Period>(dueDates.length);
  let from = start;
  for (let i = 0; i < dueDates.length; i++) {
    const { date, months } = dueDates[i];
    const accrual = dayCount === '30/360' && months !== undefined ? monthsAccrual(months) : accrualBetween(from, date, dayCount);
    periods[i] = { from, to: date, accrual };
    from = date;
  }
  return periods;
}

/**
 * Due dates from the start date:
 * - explicit `dueDates` win;
 * - bullet: start + term (months with the month-end rule, or days);
 * - revolving: interest is settled on every `paymentDay` after the draw (quarterly: in Mar, Jun,
 *   Sep and Dec), or monthly on the draw's day, and at the draw's maturity with the principal;
 * - otherwise period k is due start + k periods, or, with `paymentDay`, on that day of the month
 *   k periods after the start month (so the first period runs to the payment day of the next month).
 */
function dueDatesOf(request: ScheduleRequest, start: CivilDate, step: number): DueDate[] {
  if (request.dueDates !== undefined) return request.dueDates.map((text) => ({ date: mustParse(text) }));
  if (request.method === 'bullet') {
    if (request.termDays !== undefined) return [{ date: addDays(start, request.termDays) }];
    return [{ date: addMonths(start, request.termMonths ?? 1), months: request.termMonths ?? 1 }];
  }
  if (request.method === 'revolving') return revolvingDueDates(request, start, step);
  const count = (request.termMonths ?? step) / step;
  const paymentDay = request.paymentDay;
  const length = count > 0 ? Math.floor(count) : 0; // as an array length reads it
  const dates: DueDate[] = [];
  for (let i = 0; i < length; i++) {
    dates[i] = paymentDay === undefined
      ? { date: addMonths(start, (i + 1) * step), months: step }
      : { date: dayInMonthAfter(start, (i + 1) * step, paymentDay), months: i === 0 ? undefined : step };
  }
  return dates;
}

function revolvingDueDates(request: ScheduleRequest, start: CivilDate, step: number): DueDate[] {
  const maturity = request.termDays !== undefined ? addDays(start, request.termDays) : addMonths(start, request.termMonths ?? step);
  const dates: DueDate[] = [];
  const paymentDay = request.paymentDay;
  for (let offset = paymentDay === undefined ? step : 0; ; offset += paymentDay === undefined ? step : 1) {
    const date = paymentDay === undefined ? addMonths(start, offset) : dayInMonthAfter(start, offset, paymentDay);
    if (compareDates(date, maturity) >= 0) break;
    if (compareDates(date, start) <= 0 || (paymentDay !== undefined && step === 3 && date.month % 3 !== 0)) continue;
    const regular = paymentDay === undefined || dates.length > 0;
    dates.push({ date, months: regular ? step : undefined });
  }
  const regularMaturity = paymentDay === undefined && request.termDays === undefined;
  dates.push({ date: maturity, months: regularMaturity ? (request.termMonths ?? step) - dates.length * step : undefined });
  return dates;
}

function mustParse(text: string): CivilDate {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`invalid date "${text}" reached the engine: validate requests with parseScheduleRequest`);
  return date;
}

/**
 * Periods a year as the number of periods over the term measured in the day count's years:
 * exactly 12 (monthly) or 4 (quarterly) for regular 30/360 schedules, the inverse of the term for
 * a single period (6 months: 2; 90 days ACT/365: 365 ÷ 90), the average period length otherwise.
 * Converts an annual fee percent into the term's share, and is the compound APR's P when a
 * schedule has no frequency (see `aprTiming`).
 */
export function periodsPerYear(periods: readonly Period[]): Decimal {
  const scaled = periods.reduce((sum, { accrual }) => sum + scaledAccrual(accrual), 0);
  return new Decimal(periods.length).mul(COMMON).div(scaled);
}

// A common denominator of 12, 360 and 365 keeps sums of accruals exact (1/12 has no finite decimal form).
const COMMON = 26280;
const scaledAccrual = ({ numerator, denominator }: Accrual): number => numerator * (COMMON / denominator);

/**
 * How the APR (an IRR) discounts the borrower's flows (docs/design-changes.md, "The APR of
 * irregular schedules: simple interest within each period"): the payment at the end of period k
 * by Π_{j ≤ k} 1 ÷ (1 + y·a_j), a_j = the accrual of period j in the day count's years and y the
 * annual simple APR — the way the loan's own balance accrues, so a loan without fees whose
 * interest accrues at its contract rate has exactly that APR, whatever its dates.
 *
 * P (`perYear`) is the compounding of the compound figure, (1 + y ÷ P)^P − 1: the schedule's
 * declared frequency (12 monthly, 4 quarterly), also for explicit `dueDates` when the request
 * names its frequency (else the whole-month length their periods share, e.g. 3 for Mar 20 → Jun 20
 * → Sep 20). Without one (a bullet, a single period, due dates with no common month length)
 * P = `periodsPerYear` (the term is one period: compound = (1 + y·T)^(1/T) − 1). When every period
 * is exactly 1 ÷ P years (`regular`: every regular 30/360 schedule) the discount is (1 + r)^−k with
 * r = y ÷ P, the IRR per period index: every reference figure (schedules.json, PBOC 12.80 / 13.58,
 * Fineract) is that one.
 */
export interface AprTiming {
  perYear: Decimal; // P, compounding periods a year of the compound APR
  years: PeriodYears; // a_k = numerators[k − 1] ÷ denominator, period k's accrual in years
  regular: boolean; // every a_k = 1 ÷ P
}

export function aprTiming(request: ScheduleRequest, periods: readonly Period[]): AprTiming {
  const numerators = periods.map(({ accrual }) => scaledAccrual(accrual));
  const total = numerators.reduce((sum, numerator) => sum + numerator, 0);
  const months = unitMonths(request, periods);
  const perYear = months !== undefined ? twelveOver(months) : new Decimal(periods.length).mul(COMMON).div(total);
  // a_k = 1 ÷ P exactly: numerator_k × 12 = COMMON × months, or (no frequency) all numerators equal
  const regular = months !== undefined ? numerators.every((numerator) => numerator * 12 === COMMON * months) : numerators.every((numerator) => numerator === numerators[0]);
  return { perYear, years: { numerators, denominator: COMMON }, regular };
}

const perYearOfMonths = new Map<number, Decimal>();

/** 12 ÷ months, divided once per period length (a schedule has one; a product a few). */
function twelveOver(months: number): Decimal {
  let perYear = perYearOfMonths.get(months);
  if (perYear === undefined) {
    perYear = new Decimal(12).div(months);
    if (perYearOfMonths.size >= 64) perYearOfMonths.clear();
    perYearOfMonths.set(months, perYear);
  }
  return perYear;
}

/** The period lengths in years as doubles for the verified float path: each the correctly rounded quotient of two exact integers. */
export function aprYearsInDoubles({ years }: AprTiming): number[] {
  return years.numerators.map((numerator) => numerator / years.denominator);
}

/** Months of the schedule's compounding period, or undefined when it has none (see `aprTiming`). */
function unitMonths(request: ScheduleRequest, periods: readonly Period[]): number | undefined {
  if (periods.length < 2 || request.method === 'bullet') return undefined;
  if (request.dueDates === undefined || request.frequency !== undefined) return periodMonths(request);
  let shared: number | undefined;
  for (const { from, to } of periods) {
    const months = from && to ? wholeMonthsBetween(from, to) : undefined;
    if (months === undefined) continue;
    if (shared !== undefined && shared !== months) return undefined;
    shared = months;
  }
  return shared;
}

/**
 * Whether an `annualPercentOfPrincipal` fee follows each period's accrual (principal × percent ×
 * accrual, rounded per period, like interest): for every schedule whose periods are not all the
 * same whole number of 30/360 months — ACT day counts, explicit due dates, broken periods. Regular
 * 30/360 schedules keep the term's fee rounded once and spread evenly (a single period: the same).
 */
export const feeFollowsAccrual = (periods: readonly Period[]): boolean =>
  !periods.every(({ accrual }) => accrual.denominator === 12 && accrual.numerator === periods[0].accrual.numerator);
