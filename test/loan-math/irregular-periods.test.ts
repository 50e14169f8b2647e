import { describe, expect, it } from 'vitest';
import { Decimal } from '../../server/engine/money.ts';
import { annualisedRate, computeSchedule, irr, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';
import { verifiedAnnualisedRate } from '../../server/engine/loan-math/apr-verified.ts';
import { aprTiming, aprYearsInDoubles, buildPeriods } from '../../server/engine/loan-math/periods.ts';
import { annualIrrOfPeriods } from '../../server/engine/loan-math/apr.ts';
import { computeScheduleDecimal } from '../../server/engine/loan-math/schedule-decimal.ts';

/*
 * APR of schedules whose periods differ in length (docs/design-changes.md, "The APR of irregular
 * schedules"): the payment at the end of period k is discounted by Π_{j≤k} 1 ÷ (1 + y·a_j), a_j =
 * period j's accrual in years, y = the simple APR; compound = (1 + y ÷ P)^P − 1, P the frequency.
 * The figures come from the independent model test/loan-math/oracle/oracle.py (Python decimal and
 * fractions, written from the definitions: `python3 oracle.py one '<request json>'`), and the
 * compound ones by hand: (1 + 0.0435/4)^4 − 1 = 4.4215 %, (1 + 0.0365/12)^12 − 1 = 3.7117 %,
 * (1 + 0.0515/4)^4 − 1 = 5.2503 %.
 *
 * Under the earlier convention (flow k at T_k = P × its time in years, compounded) a fee-free
 * interest-only loan with a 10-day first period showed 4.3503 % for a 4.35 % loan, and one with
 * periods of 10/92/92/61 days 3.9961 % for 4.00 % (issue 12, finding 2): a loan's balance grows by
 * simple interest within a period, so only this discount gives back the contract rate.
 */

const agricultural: ScheduleRequest = {
  principal: '48000', annualRate: '4.35', method: 'interest-only', dayCount: 'ACT/360', startDate: '2026-03-10',
  dueDates: ['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20'],
};
const merchant: ScheduleRequest = { principal: '350000', annualRate: '3.65', method: 'revolving', dayCount: 'ACT/360', startDate: '2026-11-22', termMonths: 6, paymentDay: 20 };
const both = (request: ScheduleRequest) => [computeSchedule(request), computeScheduleDecimal(request)];

describe('APR of periods of unequal length (simple interest within each period)', () => {
  it('annualises a fee-free interest-only loan on quarterly dates with a 10-day first period to exactly its contract rate 4.35 %', () => {
    for (const result of both(agricultural)) {
      expect(result.rows.map((row) => [row.days, row.interest])).toEqual([[10, '58.00'], [92, '533.60'], [92, '533.60'], [91, '527.80']]);
      expect(result.apr).toEqual({ simple: '4.3500', compound: '4.4215' }); // compounded by time: 4.3503 / 4.4218; per index 4.3341
    }
  });

  it('annualises a fee-free revolving draw (28…31-day months, a 2-day last period) to exactly its contract rate 3.65 %', () => {
    for (const result of both(merchant)) {
      expect(result.totals.interest).toBe('6422.98');
      expect(result.apr).toEqual({ simple: '3.6500', compound: '3.7117' }); // compounded by time: 3.6501; per index: 3.6542
    }
  });

  it('gives exactly the nominal rate when every period is one unit, whatever the dates', () => {
    // 90-day periods under ACT/360 are not whole months, so P = count ÷ term = 4 and T_k = k.
    const request: ScheduleRequest = { ...agricultural, dueDates: ['2026-06-08', '2026-09-06', '2026-12-05'] };
    expect(aprTiming(request, buildPeriods(request))).toMatchObject({ perYear: new Decimal(4), regular: true });
    expect(computeSchedule(request).apr.simple).toBe('4.3500');
  });

  it('counts a short broken first period (paymentDay) for its real length, not as a full month', () => {
    // Half the principal is repaid 1 day (30E/360) after the draw: the cost 153.79 over about
    // 10,000 × 1/360 + 4,856.17 × 1/12 yuan-years is ≈ 35.6 % a year; per period index it was 24.05 %
    // (oracle.py: 35.8967 / 42.4331).
    const request: ScheduleRequest = {
      principal: '10000', annualRate: '24', method: 'equal-installment', termMonths: 2, startDate: '2026-01-30', paymentDay: 1,
      fees: [{ kind: 'upfront', percent: '0.5' }],
    };
    for (const result of both(request)) {
      expect(result.rows.map((row) => row.payment)).toEqual(['5150.50', '4953.29']);
      expect(result.apr).toEqual({ simple: '35.8967', compound: '42.4331' });
    }
  });

  it('keeps a revolving draw with a fee above its nominal rate (a case the per-index APR put below it)', () => {
    const request: ScheduleRequest = {
      principal: '809600.88', annualRate: '23.95', method: 'revolving', termMonths: 115, dayCount: 'ACT/360', startDate: '2024-05-22',
      paymentDay: 27, fees: [{ kind: 'upfront', percent: '0.52' }],
    };
    for (const result of both(request)) expect(new Decimal(result.apr.simple).gt('23.95')).toBe(true); // per period index: 23.8513
  });
});

describe('the compounding period P and the period lengths', () => {
  const timing = (request: ScheduleRequest) => aprTiming(request, buildPeriods(request));

  it('is the frequency; regular 30/360 schedules are regular (the IRR per period index)', () => {
    expect(timing({ principal: '1000', annualRate: '6', method: 'equal-installment', termMonths: 12 })).toMatchObject({ perYear: new Decimal(12), regular: true });
    expect(timing({ principal: '1000', annualRate: '6', method: 'equal-principal', termMonths: 12, frequency: 'quarterly', startDate: '2026-01-31' }))
      .toMatchObject({ perYear: new Decimal(4), regular: true });
    expect(timing({ principal: '1000', annualRate: '6', method: 'bullet', termMonths: 6 })).toMatchObject({ perYear: new Decimal(2), regular: true });
  });

  it('is the declared frequency for explicit due dates, and the period lengths are their days', () => {
    for (const request of [agricultural, { ...agricultural, frequency: 'quarterly' as const }]) {
      const { perYear, years, regular } = timing(request);
      expect(perYear.toString()).toBe('4');
      expect(regular).toBe(false);
      expect(years.numerators.map((numerator) => new Decimal(numerator).div(years.denominator).mul(360).toFixed(6))).toEqual(['10.000000', '92.000000', '92.000000', '91.000000']);
    }
    // the declared frequency wins over the dates: the farm loan of issue 12 (10/92/92/61 days) is quarterly
    const farm: ScheduleRequest = { ...agricultural, principal: '80000', annualRate: '4', frequency: 'quarterly', dueDates: ['2026-03-20', '2026-06-20', '2026-09-20', '2026-11-20'] };
    expect(timing(farm).perYear.toString()).toBe('4');
  });

  it('falls back to count ÷ term when due dates share no month length, and for a single period (exactly cost ÷ amount ÷ term)', () => {
    const odd = { ...agricultural, dueDates: ['2026-04-10', '2026-07-10', '2026-07-30'] }; // 1, 3 months, 20 days
    expect(timing(odd).perYear.toFixed(6)).toBe(new Decimal(3).mul(360).div(142).toFixed(6));
    expect(computeSchedule(odd).apr.simple).toBe('4.3500'); // the simple APR does not depend on P
    const draw: ScheduleRequest = { principal: '36000', annualRate: '3.65', method: 'revolving', termDays: 10, startDate: '2026-01-10', paymentDay: 25 };
    expect(timing(draw)).toMatchObject({ perYear: new Decimal(36), regular: true });
    expect(computeSchedule(draw).apr.simple).toBe('3.6500'); // interest 36,000 × 3.65 % × 10/360 = 36.50 exactly
  });
});

describe('the annual IRR of periods and the verified float path', () => {
  it('solves closed forms: 100 → 105 after half a year is 10 % simple; 100 → 5 → 105 in two half years too', () => {
    const half = { numerators: [1], denominator: 2 };
    expect(annualIrrOfPeriods([new Decimal(100), new Decimal(-105)], half).toFixed(20)).toBe('0.10000000000000000000');
    expect(annualIrrOfPeriods([new Decimal(100), new Decimal(-5), new Decimal(-105)], { numerators: [1, 1], denominator: 2 }).toFixed(20)).toBe('0.10000000000000000000');
    // 100 → 101 after 10 days and 100 → 0 → 110 over a 10-day and a 355-day period (ACT/365): y = 36.5 % and 10 %
    expect(annualIrrOfPeriods([new Decimal(100), new Decimal(-101)], { numerators: [10], denominator: 365 }).toFixed(20)).toBe('0.36500000000000000000');
  });

  it('gives the index IRR × P when every period is 1 ÷ P years', () => {
    const flows = [new Decimal(99000), ...Array.from({ length: 12 }, () => new Decimal('-8833.30'))];
    const y = annualIrrOfPeriods(flows, { numerators: Array.from({ length: 12 }, () => 1), denominator: 12 });
    expect(y.minus(irr(flows).mul(12)).abs().lt('1e-20')).toBe(true);
  });

  it('agrees with the exact decimal annualisation whenever the float bracket decides', () => {
    const requests: ScheduleRequest[] = [agricultural, merchant,
      { principal: '1000000', annualRate: '4.2', method: 'equal-installment', termMonths: 360, dayCount: 'ACT/365', startDate: '2026-01-31' },
      { principal: '250000', annualRate: '12.3456', method: 'equal-principal', termMonths: 36, startDate: '2026-02-13', paymentDay: 28, fees: [{ kind: 'upfront', percent: '1' }] }];
    for (const request of requests) {
      const result = computeSchedule(request);
      const timed = aprTiming(request, buildPeriods(request));
      expect(timed.regular).toBe(false);
      const upfront = request.fees?.[0]?.kind === 'upfront' ? new Decimal(request.principal).mul(request.fees[0].percent!).div(100) : new Decimal(0);
      const flows = [new Decimal(request.principal).minus(upfront), ...result.rows.map((row) => new Decimal(row.payment).neg())];
      const exact = annualisedRate(flows, timed.perYear, { years: timed.years });
      const fast = verifiedAnnualisedRate(flows.map((flow) => flow.mul(100).toNumber()), timed.perYear.toNumber(), 0.01, aprYearsInDoubles(timed));
      expect(exact).toEqual(result.apr);
      expect(fast).toEqual(exact);
    }
  });
});

describe('annual fee on periods of unequal length', () => {
  it('accrues 农担 0.8 %/yr by the days of each period: 10.67 + 98.13 + 98.13 + 97.07 = 304.00 (agricultural 07)', () => {
    const request: ScheduleRequest = { ...agricultural, fees: [{ kind: 'periodic', annualPercentOfPrincipal: '0.8' }] };
    for (const result of both(request)) {
      expect(result.rows.map((row) => row.fee)).toEqual(['10.67', '98.13', '98.13', '97.07']); // 48,000 × 0.8 % × days ÷ 360
      expect(result.totals.fees).toBe('304.00'); // = 48,000 × 0.8 % × 285/360
      expect(result.apr).toEqual({ simple: '5.1500', compound: '5.2503' }); // fee and interest both accrue by the days: 4.35 + 0.8
    }
  });

  it('accrues by 30/360 days for a broken first period, and keeps the even spread on regular 30/360 months', () => {
    // 12,000 × 1.2 % = 144 a year: 10 days (Jan 21 → Feb 1) 4.00, then 12.00 a month.
    const broken: ScheduleRequest = { principal: '12000', annualRate: '6', method: 'interest-only', termMonths: 3, startDate: '2026-01-21', paymentDay: 1, fees: [{ kind: 'periodic', annualPercentOfPrincipal: '1.2' }] };
    for (const result of both(broken)) expect(result.rows.map((row) => row.fee)).toEqual(['4.00', '12.00', '12.00']);
    const regular: ScheduleRequest = { principal: '1000', annualRate: '6', method: 'interest-only', termMonths: 3, fees: [{ kind: 'periodic', annualPercentOfPrincipal: '1' }] };
    for (const result of both(regular)) expect(result.rows.map((row) => row.fee)).toEqual(['0.83', '0.83', '0.84']); // 2.50 rounded once, spread evenly
  });
});
