import { Decimal, moneyString } from '../money.ts';
import { annualisedRate, type AnnualisedRate } from './apr.ts';
import { daysBetween, formatIsoDate } from './dates.ts';
import { planFees } from './fees.ts';
import { amortize } from './methods.ts';
import { buildPeriods, type Period } from './periods.ts';
import { resolveAnnualRate } from './rate.ts';
import { scheduleRounder } from './rounding.ts';
import { periodMonths, type ScheduleRequest } from './schedule-request.ts';

/** One installment of a schedule. Money is a decimal string with two decimals. */
export interface ScheduleRow {
  period: number; // 1-based
  dueDate?: string; // YYYY-MM-DD, present when the request has a startDate
  days?: number; // actual days in the period, present with dueDate
  payment: string; // principal + interest (without fees)
  principal: string;
  interest: string;
  fee?: string; // periodic fees of this row, present when the loan has periodic fees
  due?: string; // payment + fee: what the borrower pays on the due date, present with fee
  balance: string; // principal outstanding after this installment
}

/** A computed schedule with its totals and APR. */
export interface ScheduleResult {
  rows: ScheduleRow[];
  totals: { payment: string; principal: string; interest: string; fees: string }; // fees = upfront + periodic
  apr: AnnualisedRate; // IRR of the borrower's cash flows, fees with inApr ≠ false included
  netDisbursed: string; // principal − upfront fees deducted at disbursement
  annualRate: string; // the nominal annual rate used, percent (LPR + spread resolved)
}

/** Methods whose principal is amortised, so principal grace (interest-only first periods) applies. */
const AMORTISING = new Set(['equal-installment', 'equal-principal', 'flat']);

/**
 * Computes a repayment schedule, its fees and APR. Pure and exact (decimal.js). Assumes a valid
 * request (see `parseScheduleRequest`); throws only on programmer error.
 */
export function computeSchedule(request: ScheduleRequest): ScheduleResult {
  const rounder = scheduleRounder(request.rounding);
  const principal = new Decimal(request.principal);
  const ratePercent = resolveAnnualRate(request);
  const periods = buildPeriods(request);
  const step = periodMonths(request);
  const graceCount = AMORTISING.has(request.method) ? Math.floor((request.graceMonths ?? 0) / step) : 0;
  const amortized = amortize({ principal, ratePercent, periods, method: request.method, graceCount, periodMonths: step, rounder });
  const perYear = periodsPerYear(periods);
  const fees = planFees(request.fees ?? [], principal, amortized, rounder, perYear);

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

  const periodicFees = (fees.periodic ?? []).reduce((total, fee) => total.plus(fee), new Decimal(0));
  return {
    rows,
    totals: {
      payment: moneyString(principal.plus(totalInterest)),
      principal: moneyString(principal.minus(amortized[amortized.length - 1].balance)),
      interest: moneyString(totalInterest),
      fees: moneyString(fees.upfront.plus(periodicFees)),
    },
    apr: annualisedRate(flows, perYear, { guess: ratePercent.div(100).div(perYear) }),
    netDisbursed: moneyString(principal.minus(fees.deducted)),
    annualRate: ratePercent.toString(),
  };
}

/**
 * Periods a year for the APR, which is an IRR per period index: the number of periods over the
 * term measured in the day count's years. Regular 30/360 schedules give exactly 12 (monthly) or 4
 * (quarterly); a bullet gives the inverse of its term (6 months: 2; 90 days ACT/365: 365 ÷ 90);
 * ACT schedules and explicit due dates use their average period length, so a revolving draw with
 * a short first and last period is not under-stated.
 */
function periodsPerYear(periods: readonly Period[]): Decimal {
  // A common denominator of 12, 360 and 365 keeps the sum exact (1/12 has no finite decimal form).
  const common = 26280;
  const scaled = periods.reduce((sum, { accrual }) => sum + accrual.numerator * (common / accrual.denominator), 0);
  return new Decimal(periods.length).mul(common).div(scaled);
}
