import { addMonths, compareDates, monthsBetween, type CivilDate } from '../../engine/loan-math/dates.ts';

/**
 * Completed months from `from` to `to`: the largest n with from + n months ≤ to, months added with
 * the month-end rule (31 January + 1 month = 28/29 February). Ages in completed years (周岁) and
 * business or licence ages are counted this way; negative when `to` is before `from`.
 */
export function completedMonths(from: CivilDate, to: CivilDate): number {
  const months = monthsBetween(from, to);
  return compareDates(addMonths(from, months), to) > 0 ? months - 1 : months;
}
