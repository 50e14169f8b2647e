import { Decimal } from '../money.ts';
import { annualisedRate } from './apr.ts';
import { verifiedAnnualisedRate } from './apr-verified.ts';
import { annuityInCents } from './annuity-cents.ts';
import { bigDivRound, centsString, divRound, mulDivRound, toCents, toScaled, type IntegerRounding, type Scaled } from './cents.ts';
import { daysBetween, formatIsoDate } from './dates.ts';
import { flatTotalInterest } from './methods.ts';
import { aprTiming, aprYearsInDoubles, buildPeriods, feeFollowsAccrual, periodsPerYear, type Period } from './periods.ts';
import { resolveAnnualRate } from './rate.ts';
import { scheduleRounder } from './rounding.ts';
import { AMORTISING } from './schedule-decimal.ts';
import { periodMonths, type Fee, type ScheduleRequest } from './schedule-request.ts';
import type { ScheduleOptions, ScheduleResult, ScheduleRow } from './schedule-result.ts';

/** What the row loop works with: every amount in whole cents, the rate as a scaled integer. */
interface CentsPlan {
  principal: number;
  rate: Scaled; // annual percent
  periods: Period[];
  mode: IntegerRounding; // cents (interest, fees) and installment rounding mode
  unit: number; // installment unit in cents: 1 or 100
}

/**
 * `computeSchedule` in exact scaled-integer arithmetic (cents.ts): the same rules, the same
 * results to the cent as the decimal.js reference (`computeScheduleDecimal`), about 20× faster.
 * Values computed once per schedule that need more than integers (the flat add-on interest, an
 * annual fee's share of the term, periods a year) still come from the decimal code; the level
 * installment is an exact rational in BigInt (annuity-cents.ts). Undefined when an amount does not
 * fit whole cents in the exact integer range; the caller then uses the decimal path.
 */
export function scheduleInCents(request: ScheduleRequest, options: ScheduleOptions = {}): ScheduleResult | undefined {
  const principal = toCents(request.principal);
  const { percent: ratePercent, asNumber: rateNumber, text: rateText } = annualRateOf(request);
  const rate = toScaled(request.annualRate ?? ratePercent); // the text when there is one: read without a second parse
  if (principal === undefined || rate === undefined || principal <= 0) return undefined;
  const rounding = request.rounding ?? { mode: 'HALF_UP', unit: '0.01' };
  const periods = buildPeriods(request);
  const plan: CentsPlan = { principal, rate, periods, mode: rounding.mode, unit: rounding.unit === '1' ? 100 : 1 };
  const step = periodMonths(request);
  const graceCount = AMORTISING.has(request.method) ? Math.floor((request.graceMonths ?? 0) / step) : 0;

  const count = periods.length;
  const amortizing = count - graceCount;
  if (count < 1 || (graceCount > 0 && amortizing < 1)) return undefined;
  let flatShares: number[] | undefined;
  let target: { kind: 'installment' | 'principal'; amount: number } | undefined;
  switch (request.method) {
    case 'equal-installment':
      target = { kind: 'installment', amount: annuityInCents(principal, rate, step, amortizing, plan.mode, plan.unit) };
      break;
    case 'equal-principal':
      target = { kind: 'principal', amount: divRound(principal, amortizing * plan.unit, plan.mode) * plan.unit };
      break;
    case 'flat': {
      const total = toCents(flatTotalInterest({ principal: new Decimal(request.principal), ratePercent, periods, rounder: scheduleRounder(request.rounding) }));
      if (total === undefined) return undefined;
      flatShares = spreadEvenly(total, count, plan.mode);
      // principal ÷ amortizing + total interest ÷ periods, rounded once to the unit
      const amount = bigDivRound(BigInt(principal) * BigInt(count) + BigInt(total) * BigInt(amortizing), BigInt(amortizing * count * plan.unit), plan.mode) * plan.unit;
      target = { kind: 'installment', amount };
      break;
    }
    default:
      target = undefined; // interest-only, bullet, revolving: principal at maturity
  }

  const fees = request.fees?.length ? planFeesInCents(request.fees, principal, () => periodsPerYear(periods), plan) : NO_FEES;
  if (!fees) return undefined;
  const withRows = options.rows !== false;
  const rows: ScheduleRow[] = withRows ? new Array(count) : [];
  const flows: number[] = new Array(count + 1);
  flows[0] = principal - fees.upfrontInApr; // the borrower's view: principal − upfront fees at t0
  let balance = principal;
  let totalInterest = 0;
  let periodicTotal = 0;
  for (let index = 0; index < count; index++) {
    const period = periods[index];
    const interest = flatShares ? flatShares[index] : periodInterest(balance, period, plan);
    let paid = 0;
    if (index === count - 1) paid = balance;
    else if (index >= graceCount && target !== undefined) {
      const aim = target.kind === 'installment' ? target.amount - interest : target.amount;
      paid = aim < 0 ? 0 : aim > balance ? balance : aim;
    }
    balance -= paid;
    const payment = paid + interest;
    totalInterest += interest;
    const fee = fees.periodicOf(paid, interest, index);
    const aprFee = fees.inAprOf(fee, paid, interest, index);
    flows[index + 1] = -(payment + aprFee);
    if (fees.hasPeriodic) periodicTotal += fee;
    if (withRows) rows[index] = scheduleRow(index + 1, period, payment, paid, interest, fees.hasPeriodic ? fee : undefined, balance);
  }

  const timing = aprTiming(request, periods);
  const unit = timing.perYear;
  const unitPerYear = unit.toNumber();
  const apr =
    verifiedAnnualisedRate(flows, unitPerYear, rateNumber / 100 / unitPerYear, timing.regular ? undefined : aprYearsInDoubles(timing)) ??
    annualisedRate(
      flows.map((flow) => new Decimal(flow).div(100)),
      unit,
      { guess: ratePercent.div(100).div(unit), years: timing.years, regular: timing.regular },
    );
  return {
    rows,
    totals: {
      payment: centsString(principal + totalInterest),
      principal: centsString(principal - balance),
      interest: centsString(totalInterest),
      fees: centsString(fees.upfront + periodicTotal),
    },
    apr,
    netDisbursed: centsString(principal - fees.deducted),
    annualRate: rateText,
  };
}

/** The annual rate as a decimal, a double (the APR solver's seed) and its text. */
interface AnnualRate {
  percent: Decimal;
  asNumber: number;
  text: string;
}

const rates = new Map<string, AnnualRate>();
const RATES_KEPT = 4096;

/**
 * The request's annual rate, read once per distinct rate text: a portfolio simulation prices
 * thousands of loans at the same few hundred contract rates, and parsing and printing the rate
 * again for each was a tenth of a schedule. Decimals are immutable, so sharing one is safe.
 */
function annualRateOf(request: ScheduleRequest): AnnualRate {
  const key = typeof request.annualRate === 'string' ? request.annualRate : undefined;
  const known = key === undefined ? undefined : rates.get(key);
  if (known) return known;
  const percent = resolveAnnualRate(request);
  const rate = { percent, asNumber: percent.toNumber(), text: percent.toString() };
  if (key !== undefined) {
    if (rates.size >= RATES_KEPT) rates.clear();
    rates.set(key, rate);
  }
  return rate;
}

/** A row in the key order of the decimal path, written as one literal per shape (no keys added later). */
function scheduleRow(period: number, dates: Period, payment: number, principal: number, interest: number, fee: number | undefined, balance: number): ScheduleRow {
  const { from, to } = dates;
  if (from && to) {
    const dueDate = formatIsoDate(to);
    const days = daysBetween(from, to);
    return fee === undefined
      ? { period, dueDate, days, payment: centsString(payment), principal: centsString(principal), interest: centsString(interest), balance: centsString(balance) }
      : {
          period,
          dueDate,
          days,
          payment: centsString(payment),
          principal: centsString(principal),
          interest: centsString(interest),
          fee: centsString(fee),
          due: centsString(payment + fee),
          balance: centsString(balance),
        };
  }
  return fee === undefined
    ? { period, payment: centsString(payment), principal: centsString(principal), interest: centsString(interest), balance: centsString(balance) }
    : {
        period,
        payment: centsString(payment),
        principal: centsString(principal),
        interest: centsString(interest),
        fee: centsString(fee),
        due: centsString(payment + fee),
        balance: centsString(balance),
      };
}

/** Interest of a period in cents: balance × rate × accrual with one division last, rounded with the mode. */
function periodInterest(balance: number, period: Period, plan: CentsPlan): number {
  const { numerator, denominator } = period.accrual;
  // cents × (units ÷ scale) % × numerator ÷ (denominator × 100)
  return mulDivRound(balance, plan.rate.units, numerator, denominator * 100 * plan.rate.scale, plan.mode);
}

/** `total` cents in `count` equal shares, the residue last; truncated shares when rounding up would leave the last negative. */
function spreadEvenly(total: number, count: number, mode: IntegerRounding): number[] {
  let share = divRound(total, count, mode);
  if (share * (count - 1) > total) share = divRound(total, count, 'DOWN');
  const last = total - share * (count - 1);
  return Array.from({ length: count }, (_, i) => (i < count - 1 ? share : last));
}

/** The fees of a schedule in cents, as the decimal `planFees` resolves them. */
interface CentsFees {
  upfront: number;
  upfrontInApr: number;
  deducted: number;
  hasPeriodic: boolean;
  periodicOf(principal: number, interest: number, index: number): number; // all periodic fees of a row
  inAprOf(periodic: number, principal: number, interest: number, index: number): number; // the part in the APR
}

type RowFee = (principal: number, interest: number, index: number) => number;

/** A loan without fees (the common case), shared: nothing in it depends on the schedule. */
const NO_FEES: CentsFees = { upfront: 0, upfrontInApr: 0, deducted: 0, hasPeriodic: false, periodicOf: () => 0, inAprOf: (all) => all };

/** `perYear` is asked only by an annual fee on regular periods (see `periodsPerYear`). */
function planFeesInCents(fees: readonly Fee[], principal: number, perYear: () => Decimal, plan: CentsPlan): CentsFees | undefined {
  const result = { upfront: 0, upfrontInApr: 0, deducted: 0 };
  const periodic: RowFee[] = [];
  const outOfApr: RowFee[] = []; // periodic fees with inApr: false
  for (const fee of fees) {
    const inApr = fee.inApr ?? true;
    if (fee.kind === 'upfront') {
      const amount = fee.amount !== undefined ? toCents(fee.amount) : percentOf(principal, fee.percent ?? '0', plan.mode);
      if (amount === undefined) return undefined;
      result.upfront += amount;
      if (inApr) result.upfrontInApr += amount;
      if (fee.deducted) result.deducted += amount;
      continue;
    }
    const perRow = periodicFee(fee, principal, perYear, plan);
    if (!perRow) return undefined;
    periodic.push(perRow);
    if (!inApr) outOfApr.push(perRow);
  }
  const sum = (list: RowFee[], p: number, i: number, index: number) => {
    let total = 0;
    for (const fee of list) total += fee(p, i, index);
    return total;
  };
  return {
    ...result,
    hasPeriodic: periodic.length > 0,
    periodicOf: periodic.length ? (p, i, index) => sum(periodic, p, i, index) : () => 0,
    inAprOf: outOfApr.length ? (all, p, i, index) => all - sum(outOfApr, p, i, index) : (all) => all,
  };
}

function periodicFee(fee: Extract<Fee, { kind: 'periodic' }>, principal: number, perYear: () => Decimal, plan: CentsPlan): RowFee | undefined {
  if (fee.amount !== undefined) {
    const each = toCents(fee.amount);
    return each === undefined ? undefined : () => each;
  }
  if (fee.percentOfPrincipal !== undefined) {
    const each = percentOf(principal, fee.percentOfPrincipal, plan.mode);
    return each === undefined ? undefined : () => each;
  }
  if (fee.annualPercentOfPrincipal !== undefined) {
    const count = plan.periods.length;
    if (feeFollowsAccrual(plan.periods)) {
      // Periods of unequal length: accrued like interest, principal × percent × accrual, division last.
      const percent = toScaled(fee.annualPercentOfPrincipal);
      if (!percent) return undefined;
      const shares = plan.periods.map(({ accrual }) => mulDivRound(principal, percent.units, accrual.numerator, accrual.denominator * 100 * percent.scale, plan.mode));
      return (_p, _i, index) => shares[index];
    }
    // Regular 30/360: the yearly fee over the term (periods ÷ periods a year), rounded once and spread evenly.
    const rounder = scheduleRounder({ mode: plan.mode === 'HALF_EVEN' ? 'HALF_EVEN' : 'HALF_UP', unit: '0.01' });
    const exact = new Decimal(principal).div(100).mul(fee.annualPercentOfPrincipal).mul(count).div(perYear().mul(100));
    const total = toCents(rounder.cents(exact));
    if (total === undefined) return undefined;
    const shares = spreadEvenly(total, count, plan.mode);
    return (_p, _i, index) => shares[index];
  }
  const percent = toScaled(fee.percentOfInstallment ?? '0');
  if (!percent) return undefined;
  return (p, i) => mulDivRound(p + i, percent.units, 1, 100 * percent.scale, plan.mode);
}

/** A percent of an amount in cents, rounded to the cent with the mode. */
function percentOf(cents: number, percentText: string, mode: IntegerRounding): number | undefined {
  const percent = toScaled(percentText);
  return percent === undefined ? undefined : mulDivRound(cents, percent.units, 1, 100 * percent.scale, mode);
}
