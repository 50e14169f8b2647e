import type { DecisionRequest, ReasonInput } from '../block-type.ts';
import type { Offer } from '../decision.ts';
import { computeSchedule, periodicFeeTotals, toLoanMathFee, type ScheduleRequest, type ScheduleResult } from '../loan-math/index.ts';
import { centsString, plainMoneyCents } from '../loan-math/cents.ts';
import { Decimal, decimalConstant, roundTo } from '../money.ts';
import type { RateAdjustment, RepaymentMethod } from '../offer-parts.ts';
import type { ProductMeta } from '../product-meta.ts';
import { text } from '../text.ts';
import { harvestMaturity, settlementDates } from './maturity.ts';
import type { FieldError } from './request.ts';
import type { PathState } from './walk-state.ts';
import { applySubsidy } from './subsidy.ts';

export type OfferResult = { offer: Offer } | { decline: ReasonInput } | { errors: FieldError[] };

type OfferCap = Offer['caps'][number];

/**
 * The credit line (授信额度) and this draw (支用金额). The line is what the caps allow: the lowest
 * cap plus uplifts, within the product's maximum, rounded down to the step. The draw is the
 * requested amount when there is one, at most the line (rounded down to the step as well), else
 * the whole line. A draw below the product's minimum (or the path's floor) declines.
 */
function limitOf(state: PathState, product: ProductMeta, request: DecisionRequest): Limited | { decline: ReasonInput } {
  if (!state.caps.length) return { decline: { code: 'NO_LIMIT', message: text('路径上没有额度积木', 'No credit limit block on the decision path') } };
  const caps = rankedCaps(state.caps);
  return limitInCents(caps, state, product, request) ?? limitInDecimals(caps, state, product, request);
}

/** The line and the limit as two-decimal text, and the caps ranked. */
interface Limited {
  line: string;
  limit: string;
  caps: OfferCap[];
}

function belowMinimum(requested: string | undefined, floor: string, limit: string): { decline: ReasonInput } {
  return {
    decline: requested
      ? {
          code: 'REQUESTED_BELOW_MINIMUM',
          message: text(`申请金额 ${requested} 元低于最低额度 ${floor} 元`, `The requested amount of CNY ${requested} is below the minimum loan amount of CNY ${floor}`),
        }
      : {
          code: 'LIMIT_BELOW_MINIMUM',
          message: text(`测算额度 ${limit} 元低于最低额度 ${floor} 元`, `The calculated limit of CNY ${limit} is below the minimum loan amount of CNY ${floor}`),
        },
  };
}

/**
 * limitInDecimals in whole cents, when every amount is plain money text (plainMoneyCents: no sign,
 * at most two decimals) and the step is a positive whole number of cents: the same figures without
 * a decimal.js operation (this runs for every approval; a portfolio simulation makes 200,000).
 * Undefined otherwise; the caller then takes the decimal path.
 */
function limitInCents(caps: RankedCap[], state: PathState, product: ProductMeta, request: DecisionRequest): Limited | { decline: ReasonInput } | undefined {
  let limit = caps[0].cents;
  if (limit === undefined) return undefined;
  for (const uplift of state.offer.limitUplifts ?? []) {
    const cents = plainMoneyCents(uplift.amount);
    if (cents === undefined) return undefined;
    limit += cents;
  }
  const max = plainMoneyCents(product.amount.max);
  const unit = plainMoneyCents(state.offer.limitStep ?? product.amount.step);
  const min = plainMoneyCents(product.amount.min);
  const pathFloor = state.offer.limitFloor === undefined ? 0 : plainMoneyCents(state.offer.limitFloor);
  const requested = request.requestedAmount ? plainMoneyCents(request.requestedAmount.toString()) : 0;
  if (max === undefined || unit === undefined || unit <= 0 || min === undefined || pathFloor === undefined || requested === undefined || !Number.isSafeInteger(limit)) return undefined;
  limit = Math.min(limit, max);
  const down = (cents: number) => cents - (cents % unit); // non-negative: DOWN is floor
  const line = down(limit);
  if (requested !== 0 && requested < limit) limit = requested; // 0: none asked (a request's amount is > 0)
  limit = down(limit);
  const floor = Math.max(min, pathFloor);
  if (limit < floor) return belowMinimum(requested !== 0 && requested < floor ? centsString(requested) : undefined, centsString(floor), centsString(limit));
  return { line: centsString(Math.max(line, limit)), limit: centsString(limit), caps: caps.map(({ cap }) => cap) };
}

function limitInDecimals(caps: RankedCap[], state: PathState, product: ProductMeta, request: DecisionRequest): Limited | { decline: ReasonInput } {
  let limit = Decimal.max(0, new Decimal(caps[0].source.amount));
  for (const uplift of state.offer.limitUplifts ?? []) limit = limit.plus(uplift.amount);
  limit = Decimal.min(limit, decimalConstant(product.amount.max));
  const step = { mode: 'DOWN' as const, unit: state.offer.limitStep ?? product.amount.step };
  const line = roundTo(limit, step);
  if (request.requestedAmount) limit = Decimal.min(limit, request.requestedAmount);
  limit = roundTo(limit, step);
  const floor = Decimal.max(decimalConstant(product.amount.min), decimalConstant(state.offer.limitFloor ?? 0));
  if (limit.lt(floor)) return belowMinimum(request.requestedAmount?.lt(floor) ? request.requestedAmount.toFixed(2) : undefined, floor.toFixed(2), limit.toFixed(2));
  return { line: Decimal.max(line, limit).toFixed(2), limit: limit.toFixed(2), caps: caps.map(({ cap }) => cap) };
}

/**
 * The caps in ascending order of amount (ties keep path order), each with its amount as two-decimal
 * text. Plain money text (what limit blocks write) is compared in whole cents, anything else as
 * decimals, each parsed once (a comparator would parse both sides on every comparison).
 */
type RankedCap = { cap: OfferCap; source: PathState['caps'][number]; cents?: number };

function rankedCaps(caps: PathState['caps']): RankedCap[] {
  const cents = caps.map((cap) => plainMoneyCents(cap.amount));
  if (cents.every((amount) => amount !== undefined)) {
    return caps
      .map((source, i) => ({ source, cents: cents[i]! }))
      .sort((a, b) => a.cents - b.cents)
      .map(({ source, cents: amount }) => ({ source, cents: amount, cap: { blockId: source.blockId, code: source.code, amount: centsString(amount), label: source.label } }));
  }
  return caps
    .map((source) => ({ source, amount: new Decimal(source.amount) }))
    .sort((a, b) => a.amount.cmp(b.amount))
    .map(({ source, amount }) => ({ source, cap: { blockId: source.blockId, code: source.code, amount: amount.toFixed(2), label: source.label } }));
}

/** The rate as text with 4 decimals; `annual` the exact value when the decimal path computed it (it may have more decimals than the text). */
type Rated = { text: string; annual?: Decimal; clampedTo?: 'floor' | 'ceiling' };

/** The contract rate: base + adjustments, clamped into the tightest floor and ceiling on the path; `text` with 4 decimals. */
function rateOf(state: PathState): Rated {
  return rateInUnits(state) ?? withText(rateInDecimals(state));
}

const withText = (rate: { annual: Decimal; clampedTo?: Rated['clampedTo'] }): Rated => ({ ...rate, text: rate.annual.toFixed(4) });

/** Plain rate text with at most 4 decimals ("4.35", "-0.5") in 1/10,000 percentage points; undefined for any other. */
function rateUnits(text: string): number | undefined {
  const plain = RATE.exec(text);
  if (!plain) return undefined;
  const units = Number(plain[2]) * 10_000 + Number((plain[3] ?? '').padEnd(4, '0'));
  if (plain[1] && units === 0) return undefined; // "-0": decimal.js writes -0.0000
  return plain[1] ? -units : units;
}
const RATE = /^(-?)(\d{1,9})(?:\.(\d{1,4}))?$/;

/** Units of 1/10,000 percentage point as text with 4 decimals, as Decimal.toFixed(4) writes it. */
function unitsText(units: number): string {
  const abs = Math.abs(units);
  const fraction = String(abs % 10_000).padStart(4, '0');
  return `${units < 0 ? '-' : ''}${(abs - (abs % 10_000)) / 10_000}.${fraction}`;
}

/**
 * rateInDecimals in whole 1/10,000 percentage points when the base rate and bounds have at most
 * 4 decimals and every adjustment is a whole number of basis points (1 bp = 100 units): exact, and
 * without a decimal.js operation. Undefined otherwise; the caller then takes the decimal path.
 */
function rateInUnits(state: PathState): Rated | undefined {
  let units = rateUnits(state.offer.baseRate!.annualRate);
  if (units === undefined) return undefined;
  for (const adjustment of state.adjustments) {
    if (!Number.isInteger(adjustment.bp)) return undefined;
    units += adjustment.bp * 100;
  }
  const bounds = state.offer.rateBounds;
  const floor = bounds?.floor === undefined ? undefined : rateUnits(bounds.floor);
  const ceiling = bounds?.ceiling === undefined ? undefined : rateUnits(bounds.ceiling);
  if ((bounds?.floor !== undefined && floor === undefined) || (bounds?.ceiling !== undefined && ceiling === undefined) || !Number.isSafeInteger(units)) return undefined;
  const clampedTo = floor !== undefined && units < floor ? 'floor' : ceiling !== undefined && units > ceiling ? 'ceiling' : undefined;
  const final = clampedTo === 'floor' ? floor! : clampedTo === 'ceiling' ? ceiling! : units;
  return { text: unitsText(final), ...(clampedTo ? { clampedTo } : {}) };
}

function rateInDecimals(state: PathState): { annual: Decimal; clampedTo?: Rated['clampedTo'] } {
  let annual = decimalConstant(state.offer.baseRate!.annualRate);
  for (const adjustment of state.adjustments) annual = annual.plus(percentOfBp(adjustment.bp));
  const bounds = state.offer.rateBounds;
  if (bounds?.floor !== undefined && annual.lt(decimalConstant(bounds.floor))) return { annual: decimalConstant(bounds.floor), clampedTo: 'floor' };
  if (bounds?.ceiling !== undefined && annual.gt(decimalConstant(bounds.ceiling))) return { annual: decimalConstant(bounds.ceiling), clampedTo: 'ceiling' };
  return { annual };
}

const bpInPercent = new Map<number, Decimal>();

/** Basis points as percentage points (bp ÷ 100), divided once per distinct bp value. */
function percentOfBp(bp: number): Decimal {
  if (bp === 0) return new Decimal(bp).div(100); // 0 and −0 share a map key but not a sign
  let percent = bpInPercent.get(bp);
  if (percent === undefined) {
    percent = new Decimal(bp).div(100);
    if (bpInPercent.size >= 4096) bpInPercent.clear();
    bpInPercent.set(bp, percent);
  }
  return percent;
}

/**
 * Builds the firm offer and its schedule for the requested (or default) term and method.
 * `scheduleRows: false` leaves the schedule's rows out (its totals and APR stay) unless the offer
 * itself needs them (two or more periodic fees are summed over the rows).
 */
export function buildOffer(state: PathState, product: ProductMeta, request: DecisionRequest, options: { scheduleRows?: boolean } = {}): OfferResult {
  const terms = state.offer.repayment;
  if (!terms || !state.offer.baseRate) return { decline: { code: 'OFFER_INCOMPLETE', message: text('路径上缺少定价或还款方式', 'Pricing or repayment method is missing on the decision path') } };
  const method = (request.repaymentMethod ?? terms.defaultMethod) as RepaymentMethod;
  if (!terms.methods.includes(method)) {
    return { errors: [{ pointer: '/repaymentMethod', message: `this product offers ${terms.methods.join(', ')} for this applicant, not ${method}` }] };
  }
  const termMonths = request.termMonths ?? terms.defaultTermMonths ?? terms.termsMonths[terms.termsMonths.length - 1];
  const methodCap = terms.methodMaxTermMonths?.[method];
  if (!terms.termsMonths.includes(termMonths) || (methodCap !== undefined && termMonths > methodCap)) {
    const allowed = terms.termsMonths.filter((term) => methodCap === undefined || term <= methodCap);
    return { errors: [{ pointer: '/termMonths', message: `terms offered for ${method}: ${allowed.join(', ')} months, not ${termMonths}` }] };
  }
  const limited = limitOf(state, product, request);
  if ('decline' in limited) return limited;
  const rate = rateOf(state);
  const limitText = limited.limit;
  const rateText = rate.text;
  const scheduleRequest: ScheduleRequest = {
    principal: limitText,
    annualRate: rateText,
    method,
    dayCount: terms.dayCount,
    rounding: { mode: terms.rounding.mode === 'HALF_EVEN' ? 'HALF_EVEN' : 'HALF_UP', unit: terms.rounding.unit === '1' ? '1' : '0.01' },
    startDate: request.asOf,
    ...(terms.paymentDay ? { paymentDay: terms.paymentDay } : {}),
    ...(terms.graceMonths ? { graceMonths: terms.graceMonths } : {}),
    fees: (state.offer.fees ?? []).map(toLoanMathFee),
  };
  if (terms.maturityWindow) {
    const maturity = harvestMaturity(request.asOf, termMonths, terms.maturityWindow);
    // A bullet is one payment at maturity, whatever the settlement frequency of the other methods.
    scheduleRequest.dueDates = method === 'bullet' ? [maturity] : settlementDates(request.asOf, maturity, terms.frequency === 'quarterly' ? 3 : 1, terms.paymentDay ?? 20);
    scheduleRequest.frequency = terms.frequency; // the unit period of the APR on these irregular dates
  } else {
    scheduleRequest.termMonths = termMonths;
    scheduleRequest.frequency = terms.frequency;
  }
  const periodicFees = (state.offer.fees ?? []).filter((fee) => fee.timing === 'periodic').length;
  const schedule = computeSchedule(scheduleRequest, { rows: options.scheduleRows !== false || periodicFees > 1 });
  const subsidy = state.offer.subsidy && applySubsidy(state.offer.subsidy, rate.annual ?? new Decimal(rateText), schedule, scheduleRequest);
  return {
    offer: {
      currency: 'CNY',
      creditLine: limited.line,
      limit: limitText,
      caps: limited.caps,
      amount: limitText,
      termMonths,
      repaymentMethod: method,
      rate: { annual: rateText, base: state.offer.baseRate, adjustments: state.adjustments as (RateAdjustment & { blockId: string })[], ...(rate.clampedTo ? { clampedTo: rate.clampedTo } : {}) },
      ...(subsidy?.borrowerRate ? { borrowerRate: subsidy.borrowerRate } : {}),
      fees: feeAmounts(state, schedule, scheduleRequest, limitText),
      ...(subsidy ? { subsidy: subsidy.summary } : {}),
      apr: schedule.apr,
      schedule,
    },
  };
}

/**
 * Each fee's total over the loan: upfront fees computed; one periodic fee takes the rest of the
 * schedule's fee total, two or more are each summed over the rows by the loan math's own rules.
 */
function feeAmounts(state: PathState, schedule: ScheduleResult, scheduleRequest: ScheduleRequest, limit: string): Offer['fees'] {
  const fees = state.offer.fees ?? [];
  if (!fees.length) return [];
  const principal = new Decimal(limit);
  let remaining = new Decimal(schedule.totals.fees);
  const upfront = fees
    .filter((fee) => fee.timing === 'upfront')
    .map((fee) => {
      const amount = fee.basis === 'flat' ? new Decimal(fee.value) : roundTo(principal.mul(fee.value).div(100));
      remaining = remaining.minus(amount);
      return { code: fee.code, label: fee.label, amount: amount.toFixed(2), timing: 'upfront' as const };
    });
  const periodic = fees.filter((fee) => fee.timing === 'periodic');
  const totals = periodic.length > 1 ? periodicFeeTotals(scheduleRequest, schedule.rows) : undefined;
  const periodicRows = periodic.map((fee, index) => ({
    code: fee.code,
    label: fee.label,
    timing: 'periodic' as const,
    amount: (totals ? totals[index].total : Decimal.max(remaining, 0)).toFixed(2),
  }));
  return [...upfront, ...periodicRows];
}
