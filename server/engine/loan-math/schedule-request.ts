import type { DayCount, RepaymentMethod } from '../offer-parts.ts';

/**
 * What a repayment schedule is computed from. Money is a decimal string with at most 2 decimals,
 * rates are annual percent ("6" = 6 %). Build one from untrusted JSON with `parseScheduleRequest`.
 */
export interface ScheduleRequest {
  principal: string; // > 0, at most 2 decimals
  annualRate?: string; // annual percent ≥ 0; exactly one of annualRate and lpr
  lpr?: LprPrice; // LPR + spread: the rate is lpr.rate + spreadBp / 100
  termMonths?: number; // integer 1..600; a multiple of 3 when quarterly; ignored when dueDates are given
  termDays?: number; // bullet and revolving only: the term in days (instead of termMonths)
  method: RepaymentMethod; // 等额本息 / 等额本金 / 先息后本 / 到期一次还本付息 / 等本等息 / 随借随还
  frequency?: 'monthly' | 'quarterly'; // default monthly; quarterly = every 3 months
  dayCount?: DayCount; // default 30/360 (revolving: ACT/360); ACT day counts need startDate
  rounding?: ScheduleRounding; // default HALF_UP to 0.01
  startDate?: string; // YYYY-MM-DD disbursement date; without it rows carry no dueDate (30/360 only)
  dueDates?: string[]; // explicit due dates, strictly increasing, after startDate (overrides term and frequency)
  paymentDay?: number; // 1..31: due on this day of the month (clamped to the month's end)
  graceMonths?: number; // principal grace: interest only for the first graceMonths (a multiple of the period)
  fees?: Fee[]; // fees the borrower pays; all count in the APR unless inApr is false
}

/** LPR-based pricing, frozen at the contract date. */
export interface LprPrice {
  rate: string; // the LPR in annual percent, e.g. "3.00"
  effectiveDate: string; // YYYY-MM-DD the LPR took effect (recorded, not used in the arithmetic)
  spreadBp: number; // spread in basis points, may be negative
}

/**
 * Rounding of a schedule. Interest and fees are always rounded to the cent with `mode`; `unit` is
 * the unit of the installment (equal principal: of the principal part). Fineract's whole-unit
 * installments are `{ mode: 'HALF_EVEN', unit: '1' }`.
 */
export interface ScheduleRounding {
  mode: 'HALF_UP' | 'HALF_EVEN';
  unit: '0.01' | '1';
}

/**
 * A fee. Give exactly one basis field (amount or a percent field). Percents are percent ("1.5").
 * - upfront: once at disbursement; `deducted` = taken out of the amount paid out, otherwise paid
 *   separately at disbursement (the same for the APR: the borrower nets principal − fee at t0).
 * - periodic: with every installment; `annualPercentOfPrincipal` follows each period's accrual
 *   (principal × percent × days ÷ basis, per period) when the periods differ in length, and is
 *   rounded once and spread evenly on regular 30/360 schedules; `percentOfInstallment` is a
 *   percent of that row's principal + interest.
 */
export type Fee = UpfrontFee | PeriodicFee;

export interface UpfrontFee {
  kind: 'upfront';
  amount?: string; // flat money amount
  percent?: string; // percent of the principal
  deducted?: boolean; // default false
  code?: string; // e.g. "SERVICE_FEE"
  inApr?: boolean; // default true (PBOC 2021 No. 3: fees directly related to the loan count)
}

export interface PeriodicFee {
  kind: 'periodic';
  amount?: string; // flat per period
  percentOfPrincipal?: string; // percent of the original principal, per period
  annualPercentOfPrincipal?: string; // annual percent of the original principal, by each period's accrual (README, Fees)
  percentOfInstallment?: string; // percent of the row's principal + interest
  code?: string;
  inApr?: boolean; // default true
}

/** One validation problem: a JSON pointer into the request and a message. */
export interface RequestError {
  pointer: string; // "" for the whole document, "/principal", "/fees/0/percent"
  message: string;
}

export const REPAYMENT_METHODS: readonly RepaymentMethod[] = ['equal-installment', 'equal-principal', 'interest-only', 'bullet', 'flat', 'revolving'];
export const DAY_COUNTS: readonly DayCount[] = ['30/360', 'ACT/360', 'ACT/365'];
export const MAX_TERM_MONTHS = 600;
export const MAX_TERM_DAYS = 3660;

/** Months per period for a frequency. */
export const periodMonths = (request: Pick<ScheduleRequest, 'frequency'>): number => (request.frequency === 'quarterly' ? 3 : 1);

/** The day count a request uses once defaults are applied. */
export const effectiveDayCount = (request: Pick<ScheduleRequest, 'dayCount' | 'method'>): DayCount => request.dayCount ?? (request.method === 'revolving' ? 'ACT/360' : '30/360');
