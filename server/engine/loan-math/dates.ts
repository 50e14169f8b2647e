/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), pure integer maths: no `Date`, no time zone,
 * no clock. A date is carried as its day number since 1970-01-01 when we need to count days.
 */

/** A calendar date split into its parts; month is 1..12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; returns undefined for anything that is not a real calendar date. */
export function parseIsoDate(text: string): CivilDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

// "00".."31": months and days written without padding each time (a schedule formats every due date).
const TWO_DIGITS = Array.from({ length: 32 }, (_, value) => String(value).padStart(2, '0'));

export function formatIsoDate(date: CivilDate): string {
  const { year, month, day } = date;
  const yearText = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
  return `${yearText}-${TWO_DIGITS[month] ?? String(month).padStart(2, '0')}-${TWO_DIGITS[day] ?? String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLastDayOfMonth(date: CivilDate): boolean {
  return date.day === daysInMonth(date.year, date.month);
}

/** Day number since 1970-01-01 (H. Hinnant's days_from_civil, proleptic Gregorian). */
export function dayNumber(date: CivilDate): number {
  const year = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const monthIndex = (date.month + 9) % 12; // March = 0, so the leap day ends the year
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of {@link dayNumber}. */
export function fromDayNumber(days: number): CivilDate {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Actual days from `from` to `to` (ACT day counts). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The given day in the month `months` after `date`'s month, moved back to the month's last day
 * when that month is shorter (day 31 in February → 28 or 29). The month-end rule of loan
 * contracts: a loan drawn on Jan 31 falls due Feb 28/29, Mar 31, Apr 30 …
 */
export function dayInMonthAfter(date: CivilDate, months: number, day: number): CivilDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

/**
 * `date` plus whole months with the month-end rule. Always add to the original start date
 * (start + k months), never to the previous due date, so Jan 31 → Feb 28 → Mar 31 does not drift.
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  return dayInMonthAfter(date, months, date.day);
}

/** Whole calendar months from `from` to `to`, ignoring days. */
export function monthsBetween(from: CivilDate, to: CivilDate): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return dayNumber(a) - dayNumber(b);
}
