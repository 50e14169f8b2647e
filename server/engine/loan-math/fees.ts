import { Decimal } from '../money.ts';
import type { AmortizedRow } from './methods.ts';
import { buildPeriods, feeFollowsAccrual, periodsPerYear, type Period } from './periods.ts';
import { scheduleRounder, spreadEvenly, type ScheduleRounder } from './rounding.ts';
import type { Fee, PeriodicFee, ScheduleRequest, UpfrontFee } from './schedule-request.ts';
import type { ScheduleRow } from './schedule-result.ts';

/** The fees of a schedule, resolved to money. */
export interface FeePlan {
  upfront: Decimal; // all upfront fees
  upfrontInApr: Decimal; // the part that counts in the APR
  deducted: Decimal; // taken out of the amount paid out
  periodic: Decimal[] | undefined; // per row; undefined when the loan has no periodic fee
  periodicInApr: Decimal[]; // per row, the part that counts in the APR
}

/** Resolves every fee against the principal and the amortised rows; each fee is rounded to the cent. */
export function planFees(
  fees: readonly Fee[],
  principal: Decimal,
  rows: readonly AmortizedRow[],
  rounder: ScheduleRounder,
  periodsPerYear: Decimal, // converts an annual fee percent into the term's share
  periods: readonly Period[], // their accruals, for an annual fee on periods of unequal length
): FeePlan {
  const zero = new Decimal(0);
  const plan: FeePlan = { upfront: zero, upfrontInApr: zero, deducted: zero, periodic: undefined, periodicInApr: rows.map(() => zero) };
  for (const fee of fees) {
    const inApr = fee.inApr ?? true;
    if (fee.kind === 'upfront') {
      const amount = upfrontAmount(fee, principal, rounder);
      plan.upfront = plan.upfront.plus(amount);
      if (inApr) plan.upfrontInApr = plan.upfrontInApr.plus(amount);
      if (fee.deducted) plan.deducted = plan.deducted.plus(amount);
      continue;
    }
    const perRow = periodicAmounts(fee, principal, rows, rounder, periodsPerYear, periods);
    plan.periodic = (plan.periodic ?? rows.map(() => zero)).map((sum, i) => sum.plus(perRow[i]));
    if (inApr) plan.periodicInApr = plan.periodicInApr.map((sum, i) => sum.plus(perRow[i]));
  }
  return plan;
}

/**
 * Each periodic fee's own total over a computed schedule, in the order of `request.fees` (upfront
 * fees skipped): the same per-row amounts, by the same rules, as the rows' `fee` column sums.
 * For an offer that lists two or more periodic fees one by one.
 */
export function periodicFeeTotals(request: ScheduleRequest, rows: readonly ScheduleRow[]): { code?: string; total: Decimal }[] {
  const periods = buildPeriods(request);
  const rounder = scheduleRounder(request.rounding);
  const principal = new Decimal(request.principal);
  const amortized: AmortizedRow[] = rows.map((row) => ({ principal: new Decimal(row.principal), interest: new Decimal(row.interest), balance: new Decimal(row.balance) }));
  const perYear = periodsPerYear(periods);
  return (request.fees ?? []).flatMap((fee) =>
    fee.kind === 'periodic' ? [{ code: fee.code, total: periodicAmounts(fee, principal, amortized, rounder, perYear, periods).reduce((sum, amount) => sum.plus(amount), new Decimal(0)) }] : [],
  );
}

function upfrontAmount(fee: UpfrontFee, principal: Decimal, rounder: ScheduleRounder): Decimal {
  if (fee.amount !== undefined) return new Decimal(fee.amount);
  return rounder.cents(principal.mul(fee.percent ?? 0).div(100));
}

function periodicAmounts(fee: PeriodicFee, principal: Decimal, rows: readonly AmortizedRow[], rounder: ScheduleRounder, periodsPerYear: Decimal, periods: readonly Period[]): Decimal[] {
  if (fee.amount !== undefined) return rows.map(() => new Decimal(fee.amount as string));
  if (fee.percentOfPrincipal !== undefined) {
    const each = rounder.cents(principal.mul(fee.percentOfPrincipal).div(100));
    return rows.map(() => each);
  }
  if (fee.annualPercentOfPrincipal !== undefined) {
    // Periods of unequal length: accrued like interest, principal × percent × accrual, division last.
    if (feeFollowsAccrual(periods)) {
      const yearly = principal.mul(fee.annualPercentOfPrincipal); // × 100: the percent
      return periods.map(({ accrual }) => rounder.cents(yearly.mul(accrual.numerator).div(accrual.denominator * 100)));
    }
    // Regular 30/360: the yearly fee over the term (periods ÷ periods a year), rounded once and spread evenly.
    const total = rounder.cents(principal.mul(fee.annualPercentOfPrincipal).mul(rows.length).div(periodsPerYear.mul(100)));
    return spreadEvenly(total, rows.length, rounder);
  }
  const percent = new Decimal(fee.percentOfInstallment ?? 0);
  return rows.map((row) => rounder.cents(row.principal.plus(row.interest).mul(percent).div(100)));
}
