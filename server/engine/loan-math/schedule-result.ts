import type { AnnualisedRate } from './apr.ts';

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
  rows: ScheduleRow[]; // empty when computed with `rows: false`
  totals: { payment: string; principal: string; interest: string; fees: string }; // fees = upfront + periodic
  apr: AnnualisedRate; // IRR of the borrower's cash flows, fees with inApr ≠ false included
  netDisbursed: string; // principal − upfront fees deducted at disbursement
  annualRate: string; // the nominal annual rate used, percent (LPR + spread resolved)
}

/** How much of a schedule to compute. */
export interface ScheduleOptions {
  rows?: boolean; // false: totals and APR only, `rows` left empty (a portfolio simulation needs the figures, not 36 rows of text per applicant)
}
