import type { LocalizedText } from './text.ts';
import type { Rounding } from './money.ts';

/**
 * The parts contributors add to the offer being built along a path. All money and rates are
 * decimal strings: money in the currency's major unit, rates in annual percent ("3.45"),
 * adjustments in basis points.
 */
export interface Contribution {
  limitCaps?: LimitCap[]; // candidate caps; the offer's limit is the minimum of every cap on the path
  limitUplifts?: LimitUplift[]; // added to the minimum of the caps (evidence uplift), before the product maximum
  limitStep?: string; // the limit is rounded DOWN to a multiple of this ("1000"); the last one on the path wins
  limitFloor?: string; // below this the applicant is declined with LIMIT_BELOW_MINIMUM
  baseRate?: BaseRate; // exactly one per path to an offer (checked by the compiler)
  rateAdjustments?: RateAdjustment[]; // added to the base rate, in basis points (negative = discount)
  rateBounds?: { floor?: string; ceiling?: string }; // the final rate is clamped into [floor, ceiling]
  fees?: FeeSpec[]; // fees the borrower pays, all counted in the APR unless inApr is false
  subsidy?: SubsidySpec; // interest subsidy (贴息) paid by a third party
  repayment?: RepaymentTerms; // allowed methods, terms and schedule conventions
}

/** One candidate cap on the limit, and why. */
export interface LimitCap {
  amount: string; // decimal string, major unit
  label: LocalizedText; // e.g. 抵押物价值 × 抵押率 / collateral value × LTV
  code: string; // stable machine code, e.g. "COLLATERAL_LTV"
}

/** An amount added on top of the binding cap, e.g. for verified evidence (already capped by its block). */
export interface LimitUplift {
  amount: string; // decimal string, ≥ 0
  label: LocalizedText;
  code: string; // e.g. "EVIDENCE_UPLIFT"
}

/** The base price of the loan: a fixed rate, or LPR + spread frozen at the decision date. */
export interface BaseRate {
  annualRate: string; // resulting annual percent, e.g. "3.45"
  source: 'fixed' | 'lpr'; // how it was set
  lpr?: { tenor: '1Y' | '5Y'; rate: string; effectiveDate: string }; // the LPR used
  spreadBp?: number; // spread over the LPR in basis points
}

/** A price adjustment and why. */
export interface RateAdjustment {
  bp: number; // basis points, may be fractional only in multiples of 0.01 bp
  code: string; // e.g. "SEGMENT_MORTGAGE_CUSTOMER"
  label: LocalizedText;
}

/** A fee the borrower pays. */
export interface FeeSpec {
  code: string; // e.g. "GUARANTEE_FEE"
  label: LocalizedText; // 担保费 / Guarantee fee
  timing: 'upfront' | 'periodic'; // once at disbursement, or with every installment
  basis: 'flat' | 'percent-of-principal' | 'annual-percent-of-principal' | 'percent-of-installment';
  value: string; // flat money amount, or a percent ("0.8" = 0.8 %)
  deducted?: boolean; // upfront only: taken out of the disbursement (the borrower receives less)
  inApr?: boolean; // default true: fees directly related to the loan count in the APR (PBOC 2021 No. 3)
  refundableShare?: string; // percent refunded after on-time repayment (农担 50 %); not netted in the APR
}

/** An interest subsidy (贴息): rate points or a share of interest, capped. */
export interface SubsidySpec {
  code: string;
  label: LocalizedText;
  kind: 'rate-points' | 'interest-share'; // pp off the annual rate, or a percent of each period's interest
  value: string; // "1" = 1 pp, or "50" = 50 % of interest
  maxShareOfRate?: string; // percent of the contract rate the subsidy may not exceed ("50")
  capAmount?: string; // total subsidy cap per borrower, money
  settlement: 'deduct-at-billing' | 'refund-after-repayment';
}

export type RepaymentMethod = 'equal-installment' | 'equal-principal' | 'interest-only' | 'bullet' | 'flat' | 'revolving';
export type DayCount = '30/360' | 'ACT/360' | 'ACT/365';

/** How the loan is repaid. */
export interface RepaymentTerms {
  methods: RepaymentMethod[]; // methods the borrower may choose
  defaultMethod: RepaymentMethod; // used when the request names none
  termsMonths: number[]; // allowed terms in months, ascending
  methodMaxTermMonths?: Partial<Record<RepaymentMethod, number>>; // e.g. bullet only up to 12 months
  defaultTermMonths?: number; // used when the request names none
  dayCount: DayCount;
  rounding: Rounding; // rounding of each installment's interest and principal
  frequency: 'monthly' | 'quarterly'; // how often interest (and principal, when amortising) is due
  paymentDay?: number; // day of month payments fall due (quarterly interest: the 20th of Mar/Jun/Sep/Dec)
  graceMonths?: number; // principal grace: interest only for the first N months
  maturityWindow?: { from: string; to: string; preferred: string }; // "MM-DD": maturity aligned to harvest/sale season
  revolving?: { lineMonths: number; maxDrawMonths: number }; // 随借随还: line term and longest draw
}
