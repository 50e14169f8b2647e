import { Decimal, roundTo, type DecimalValue, type Rounding } from '../money.ts';
import type { ScheduleRounding } from './schedule-request.ts';

/** The rounding a schedule applies, resolved once: cents for interest and fees, `unit` for installments. */
export interface ScheduleRounder {
  cents(value: DecimalValue): Decimal; // interest and fees: always to 0.01 with the request's mode
  installment(value: DecimalValue): Decimal; // installments (equal principal: principal parts) to the unit
}

export const DEFAULT_SCHEDULE_ROUNDING: ScheduleRounding = { mode: 'HALF_UP', unit: '0.01' };

export function scheduleRounder(rounding: ScheduleRounding = DEFAULT_SCHEDULE_ROUNDING): ScheduleRounder {
  const unit: Rounding = { mode: rounding.mode, unit: rounding.unit };
  // Cents are the hot path (one per row): round by decimal places instead of dividing by a unit.
  const centsMode = rounding.mode === 'HALF_EVEN' ? Decimal.ROUND_HALF_EVEN : Decimal.ROUND_HALF_UP;
  return {
    cents: (value) => new Decimal(value).toDecimalPlaces(2, centsMode),
    installment: (value) => roundTo(value, unit),
  };
}

/**
 * Splits `total` into `count` equal cent amounts with the residue in the last one. When rounding
 * the share up would leave the last one negative (tiny totals over many periods), shares are
 * truncated instead, so every share is ≥ 0 and they always sum to `total`.
 */
export function spreadEvenly(total: Decimal, count: number, rounder: ScheduleRounder): Decimal[] {
  let share = rounder.cents(total.div(count));
  if (share.mul(count - 1).gt(total)) share = total.div(count).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const last = total.minus(share.mul(count - 1));
  return Array.from({ length: count }, (_, i) => (i < count - 1 ? share : last));
}
