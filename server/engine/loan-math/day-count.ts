import type { DayCount } from '../offer-parts.ts';
import { addMonths, daysBetween, isLastDayOfMonth, monthsBetween, type CivilDate } from './dates.ts';

/**
 * The share of a year over which a period accrues interest, kept as a fraction so that interest
 * is computed as balance × rate × numerator ÷ denominator with a single division last: an exact
 * half-cent tie then stays a tie and rounds the way the rounding mode says.
 */
export interface Accrual {
  numerator: number; // months (denominator 12), 30/360 days (360) or actual days (360 or 365)
  denominator: 12 | 360 | 365;
}

/** A period of whole months under 30/360: each month is exactly rate ÷ 12. */
export const monthsAccrual = (months: number): Accrual => ({ numerator: months, denominator: 12 });

/** The year basis of a day count, used for day-based terms and APR periods a year. */
export const yearBasis = (dayCount: DayCount): 360 | 365 => (dayCount === 'ACT/365' ? 365 : 360);

/**
 * Whole months from `from` to `to` when `to` is `from` plus whole months under the month-end rule
 * (same day of month, or clamped to a shorter month's end, or month end to month end); else undefined.
 */
export function wholeMonthsBetween(from: CivilDate, to: CivilDate): number | undefined {
  const months = monthsBetween(from, to);
  if (months < 1) return undefined;
  const sameDay = addMonths(from, months);
  if (sameDay.day === to.day && sameDay.month === to.month && sameDay.year === to.year) return months;
  if (isLastDayOfMonth(from) && isLastDayOfMonth(to)) return months;
  return undefined;
}

/**
 * 30/360 days between two dates, "30E/360 ISDA" flavour: a month's last day counts as day 30, so a
 * period from Feb 28 to Mar 31 is one 30-day month and no month is worth more than 30 days.
 */
export function days30360(from: CivilDate, to: CivilDate): number {
  const day1 = isLastDayOfMonth(from) ? 30 : Math.min(from.day, 30);
  const day2 = isLastDayOfMonth(to) ? 30 : Math.min(to.day, 30);
  return 360 * (to.year - from.year) + 30 * (to.month - from.month) + (day2 - day1);
}

/**
 * The accrual of a period between real dates. 30/360: whole months are rate ÷ 12 each, a broken
 * period is pro rata by 30/360 days. ACT/360 and ACT/365: actual days over the year basis.
 */
export function accrualBetween(from: CivilDate, to: CivilDate, dayCount: DayCount): Accrual {
  if (dayCount !== '30/360') return { numerator: daysBetween(from, to), denominator: yearBasis(dayCount) };
  const months = wholeMonthsBetween(from, to);
  return months === undefined ? { numerator: days30360(from, to), denominator: 360 } : monthsAccrual(months);
}
