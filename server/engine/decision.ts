import type { LocalizedText } from './text.ts';
import type { BaseRate, RateAdjustment, RepaymentMethod } from './offer-parts.ts';
import type { ScheduleResult } from './loan-math/index.ts';

/** Why an application was declined or referred (or a note on an approval). */
export interface Reason {
  code: string; // stable, e.g. "BUREAU_CURRENT_OVERDUE"
  message: LocalizedText;
  blockId: string; // the block that gave it
  action: 'decline' | 'refer' | 'note';
}

/** One block on the application's path, for the studio's highlight and a channel's explanation. */
export interface TraceStep {
  blockId: string;
  type: string;
  result: 'start' | 'pass' | 'fail' | 'refer' | 'route' | 'contribute' | 'outcome';
  port?: string; // the output taken
  facts?: Record<string, unknown>; // the inputs the block looked at and what it computed (money as strings)
  reasonCodes?: string[]; // codes of the reasons this block gave; the reasons themselves are in Decision.reasons
}

/** The firm (approve) or indicative (refer) offer. Money as decimal strings in `currency`. */
export interface Offer {
  currency: 'CNY';
  creditLine: string; // 授信额度, the approved line: the lowest cap (+ uplifts) within the product's maximum, rounded down to the step; not capped by the request
  limit: string; // kept for compatibility: the same as `amount` (the line capped by the requested amount); read `creditLine` for the line
  caps: { blockId: string; code: string; amount: string; label: LocalizedText }[]; // every cap, the binding one first
  amount: string; // 支用金额, this draw: the requested amount (at most the line, rounded down to the step), or the whole line; the schedule is for it
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  rate: {
    annual: string; // contract annual rate %, after adjustments and clamping, 4 decimals
    base: BaseRate;
    adjustments: (RateAdjustment & { blockId: string })[];
    clampedTo?: 'floor' | 'ceiling';
  };
  borrowerRate?: string; // annual % the borrower bears after a rate-points subsidy
  fees: { code: string; label: LocalizedText; amount: string; timing: 'upfront' | 'periodic' }[];
  subsidy?: { code: string; label: LocalizedText; amount: string; settlement: string };
  apr: { simple: string; compound: string }; // % with 4 decimals, fees included (PBOC 2021 No. 3)
  schedule: ScheduleResult;
}

/** What the runtime answers for one application. */
export interface Decision {
  outcome: 'approve' | 'refer' | 'decline';
  reasons: Reason[];
  offer?: Offer; // approve: firm; refer: indicative when the path reached an offer
  trace?: TraceStep[]; // the path, block by block: always for the studio and the CLI, for channels on request (`include=trace`)
  product: { id: string; version: number | null; hash: string };
  asOf: string;
}
