import { scheduleInCents } from './schedule-cents.ts';
import { computeScheduleDecimal } from './schedule-decimal.ts';
import type { ScheduleRequest } from './schedule-request.ts';
import type { ScheduleOptions, ScheduleResult } from './schedule-result.ts';

export type { ScheduleOptions, ScheduleResult, ScheduleRow } from './schedule-result.ts';

/**
 * Computes a repayment schedule, its fees and APR. Pure and exact: scaled integers (whole cents,
 * rates as integers over a power of ten) in the row loop, decimal.js for the values computed once,
 * never binary floating point for money. Requests beyond the exact integer range take the
 * decimal.js reference path, which gives the same results. Assumes a valid request (see
 * `parseScheduleRequest`); throws only on programmer error. `rows: false` leaves the rows out
 * where the integer path runs (the decimal path, for amounts beyond its range, still lists them).
 */
export function computeSchedule(request: ScheduleRequest, options: ScheduleOptions = {}): ScheduleResult {
  return scheduleInCents(request, options) ?? computeScheduleDecimal(request);
}
