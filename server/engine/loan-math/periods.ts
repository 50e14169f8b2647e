import { Decimal } from '../money.ts';
import { accrualBetween, monthsAccrual, yearBasis, type Accrual } from './day-count.ts';
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
  let from = start;
  return dueDatesOf(request, start, step).map(({ date, months }) => {
    const accrual = dayCount === '30/360' && months !== undefined ? monthsAccrual(months) : accrualBetween(from, date, dayCount);
    const period = { from, to: date, accrual };
    from = date;
    return period;
  });
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
  return Array.from({ length: count }, (_, i) =>
    paymentDay === undefined
      ? { date: addMonths(start, (i + 1) * step), months: step }
      : { date: dayInMonthAfter(start, (i + 1) * step, paymentDay), months: i === 0 ? undefined : step },
  );
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
 * Periods a year for the APR, which is an IRR per period index: the number of periods over the
 * term measured in the day count's years. Regular 30/360 schedules give exactly 12 (monthly) or 4
 * (quarterly); a bullet gives the inverse of its term (6 months: 2; 90 days ACT/365: 365 ÷ 90);
 * ACT schedules and explicit due dates use their average period length, so a revolving draw with
 * a short first and last period is not under-stated.
 */
export function periodsPerYear(periods: readonly Period[]): Decimal {
  // A common denominator of 12, 360 and 365 keeps the sum exact (1/12 has no finite decimal form).
  const common = 26280;
  const scaled = periods.reduce((sum, { accrual }) => sum + accrual.numerator * (common / accrual.denominator), 0);
  return new Decimal(periods.length).mul(common).div(scaled);
}
