import type { Offer } from '../decision.ts';
import { computeSchedule, type ScheduleRequest, type ScheduleResult } from '../loan-math/index.ts';
import { Decimal } from '../money.ts';
import type { SubsidySpec } from '../offer-parts.ts';

/**
 * Interest subsidy (贴息, regulation.md A9). The contract rate and schedule stay as contracted (the
 * APR shown is before subsidy); the offer adds the subsidy amount and the rate the borrower bears.
 * - rate points: borrower rate = contract − min(points, maxShareOfRate % × contract); the amount is
 *   the interest difference between the two schedules;
 * - interest share: a percent of the scheduled interest.
 * Both are capped at capAmount.
 */
export function applySubsidy(
  spec: SubsidySpec | undefined,
  contractRate: Decimal,
  schedule: ScheduleResult,
  request: ScheduleRequest,
): { summary: NonNullable<Offer['subsidy']>; borrowerRate: string } | undefined {
  if (!spec) return undefined;
  let amount: Decimal;
  let borrowerRate: Decimal;
  if (spec.kind === 'rate-points') {
    let points = new Decimal(spec.value);
    if (spec.maxShareOfRate !== undefined) points = Decimal.min(points, contractRate.mul(spec.maxShareOfRate).div(100));
    borrowerRate = contractRate.minus(points);
    const reduced = computeSchedule({ ...request, annualRate: borrowerRate.toFixed(4), fees: [] });
    amount = new Decimal(schedule.totals.interest).minus(reduced.totals.interest);
  } else {
    amount = new Decimal(schedule.totals.interest).mul(spec.value).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    borrowerRate = contractRate.mul(new Decimal(100).minus(spec.value)).div(100);
  }
  if (spec.capAmount !== undefined) amount = Decimal.min(amount, spec.capAmount);
  return {
    summary: { code: spec.code, label: spec.label, amount: Decimal.max(amount, 0).toFixed(2), settlement: spec.settlement },
    borrowerRate: borrowerRate.toFixed(4),
  };
}
