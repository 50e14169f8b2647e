import type { RepaymentMethod } from '../offer-parts.ts';
import { Decimal } from '../money.ts';
import type { Period } from './periods.ts';
import { spreadEvenly, type ScheduleRounder } from './rounding.ts';

/** What every repayment method needs to split the periods into principal and interest. */
export interface AmortizationInput {
  principal: Decimal; // the amount lent
  ratePercent: Decimal; // nominal annual rate in percent
  periods: Period[]; // one per installment
  method: RepaymentMethod;
  graceCount: number; // leading periods with interest only (principal grace)
  periodMonths: number; // months per period: the nominal periodic rate of the annuity is rate × months ÷ 12
  rounder: ScheduleRounder;
}

/** One installment before fees. */
export interface AmortizedRow {
  principal: Decimal;
  interest: Decimal;
  balance: Decimal; // outstanding after this installment
}

/** Interest of a period: balance × rate × accrual, one division last, rounded to the cent. */
export function periodInterest(balance: Decimal, ratePercent: Decimal, period: Period, rounder: ScheduleRounder): Decimal {
  const { numerator, denominator } = period.accrual;
  return rounder.cents(balance.mul(ratePercent).mul(numerator).div(denominator * 100));
}

/** The exact level payment (PMT) that repays `principal` over `count` periods at `rate` per period. */
export function annuityPayment(principal: Decimal, rate: Decimal, count: number): Decimal {
  if (rate.isZero()) return principal.div(count);
  return principal.mul(rate).div(Decimal.sub(1, rate.plus(1).pow(-count)));
}

/**
 * Splits each period into principal and interest. Every method repays the whole balance in the
 * last period, so the last installment absorbs the rounding residue; principal never goes below
 * zero or above the balance.
 */
export function amortize(input: AmortizationInput): AmortizedRow[] {
  const { principal, ratePercent, periods, graceCount, rounder } = input;
  const amortizing = periods.length - graceCount;
  const target = principalTarget(input, amortizing);
  const flatInterest = input.method === 'flat' ? flatInterestShares(input) : undefined;
  const zero = new Decimal(0);
  let balance = principal;
  return periods.map((period, index) => {
    const interest = flatInterest ? flatInterest[index] : periodInterest(balance, ratePercent, period, rounder);
    let paid = zero;
    if (index === periods.length - 1) paid = balance;
    else if (index >= graceCount && target !== undefined) {
      const aim = target.kind === 'installment' ? target.amount.minus(interest) : target.amount;
      paid = aim.isNegative() ? zero : aim.gt(balance) ? balance : aim;
    }
    balance = balance.minus(paid);
    return { principal: paid, interest, balance };
  });
}

type PrincipalTarget = { kind: 'installment' | 'principal'; amount: Decimal };

/** The level amount each amortising period aims at, or undefined when principal is due at the end. */
function principalTarget(input: AmortizationInput, amortizing: number): PrincipalTarget | undefined {
  const { principal, ratePercent, rounder } = input;
  switch (input.method) {
    case 'equal-installment': {
      // The installment comes from the nominal periodic rate even under ACT day counts; interest then
      // follows the actual days and the last installment absorbs the difference (as Fineract does).
      const periodicRate = ratePercent.mul(input.periodMonths).div(1200);
      return { kind: 'installment', amount: rounder.installment(annuityPayment(principal, periodicRate, amortizing)) };
    }
    case 'equal-principal':
      return { kind: 'principal', amount: rounder.installment(principal.div(amortizing)) };
    case 'flat': {
      const interestPerPeriod = flatTotalInterest(input).div(input.periods.length);
      return { kind: 'installment', amount: rounder.installment(principal.div(amortizing).plus(interestPerPeriod)) };
    }
    default:
      return undefined; // interest-only, bullet, revolving: principal at maturity
  }
}

/**
 * Add-on (flat) interest: original principal × rate × the term in years, rounded once. The term is
 * summed as an exact fraction of years (periods' accruals over the common denominator 26,280 of
 * 12, 360 and 365) and divided once, last, so an exact half cent stays a tie: 3,001 × 1 % × 6/12 =
 * 15.005 → 15.01 HALF_UP (summing six rounded twelfths gave 15.00499…98 → 15.00).
 */
export function flatTotalInterest({ principal, ratePercent, periods, rounder }: Pick<AmortizationInput, 'principal' | 'ratePercent' | 'periods' | 'rounder'>): Decimal {
  const termYears = periods.reduce((sum, { accrual }) => sum + accrual.numerator * (COMMON_DENOMINATOR / accrual.denominator), 0);
  return rounder.cents(principal.mul(ratePercent).mul(termYears).div(COMMON_DENOMINATOR * 100));
}

const COMMON_DENOMINATOR = 26280; // = 12 × 2190 = 360 × 73 = 365 × 72

/** The flat interest spread evenly over the periods, the cent residue in the last one. */
function flatInterestShares(input: AmortizationInput): Decimal[] {
  return spreadEvenly(flatTotalInterest(input), input.periods.length, input.rounder);
}
