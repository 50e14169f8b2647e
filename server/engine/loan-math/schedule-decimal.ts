import { Decimal, moneyString } from '../money.ts';
import { annualisedRate } from './apr.ts';
import { daysBetween, formatIsoDate } from './dates.ts';
import { planFees } from './fees.ts';
import { amortize } from './methods.ts';
import { aprTiming, buildPeriods, periodsPerYear } from './periods.ts';
import { resolveAnnualRate } from './rate.ts';
import { scheduleRounder } from './rounding.ts';
import { periodMonths, type ScheduleRequest } from './schedule-request.ts';
import type { ScheduleResult, ScheduleRow } from './schedule-result.ts';

/** Methods whose principal is amortised, so principal grace (interest-only first periods) applies. */
export const AMORTISING = new Set<string>(['equal-installment', 'equal-principal', 'flat']);

/**
 * The reference implementation of `computeSchedule`, every amount a decimal.js value. Used for
 * requests the scaled-integer path does not take (amounts beyond the exact integer range) and as
 * the oracle the scaled-integer path is tested against.
 */
export function computeScheduleDecimal(request: ScheduleRequest): ScheduleResult {
  const rounder = scheduleRounder(request.rounding);
  const principal = new Decimal(request.principal);
  const ratePercent = resolveAnnualRate(request);
  const periods = buildPeriods(request);
  const step = periodMonths(request);
  const graceCount = AMORTISING.has(request.method) ? Math.floor((request.graceMonths ?? 0) / step) : 0;
  const amortized = amortize({ principal, ratePercent, periods, method: request.method, graceCount, periodMonths: step, rounder });
  const fees = planFees(request.fees ?? [], principal, amortized, rounder, periodsPerYear(periods), periods);

  // Borrower's view: receives principal − upfront fees at t0 (deducted or paid separately alike).
  // Money values are already whole cents here, so toFixed(2) only formats them.
  const flows = [principal.minus(fees.upfrontInApr)];
  let totalInterest = new Decimal(0);
  const rows = amortized.map((row, i): ScheduleRow => {
    const payment = row.principal.plus(row.interest);
    totalInterest = totalInterest.plus(row.interest);
    const aprFee = fees.periodicInApr[i];
    flows.push((aprFee.isZero() ? payment : payment.plus(aprFee)).neg());
    const { from, to } = periods[i];
    const fee = fees.periodic?.[i];
    return {
      period: i + 1,
      ...(from && to ? { dueDate: formatIsoDate(to), days: daysBetween(from, to) } : {}),
      payment: payment.toFixed(2),
      principal: row.principal.toFixed(2),
      interest: row.interest.toFixed(2),
      ...(fee ? { fee: fee.toFixed(2), due: payment.plus(fee).toFixed(2) } : {}),
      balance: row.balance.toFixed(2),
    };
  });

  const timing = aprTiming(request, periods);
  const periodicFees = (fees.periodic ?? []).reduce((total, fee) => total.plus(fee), new Decimal(0));
  return {
    rows,
    totals: {
      payment: moneyString(principal.plus(totalInterest)),
      principal: moneyString(principal.minus(amortized[amortized.length - 1].balance)),
      interest: moneyString(totalInterest),
      fees: moneyString(fees.upfront.plus(periodicFees)),
    },
    apr: annualisedRate(flows, timing.perYear, { guess: ratePercent.div(100).div(timing.perYear), years: timing.years, regular: timing.regular }),
    netDisbursed: moneyString(principal.minus(fees.deducted)),
    annualRate: ratePercent.toString(),
  };
}
