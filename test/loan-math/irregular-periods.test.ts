import { describe, expect, it } from 'vitest';
import { Decimal } from '../../server/engine/money.ts';
import { annualisedRate, computeSchedule, irr, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';
import { verifiedAnnualisedRate } from '../../server/engine/loan-math/apr-verified.ts';
import { aprTiming, aprTimes, aprTimesInDoubles, buildPeriods } from '../../server/engine/loan-math/periods.ts';
import { computeScheduleDecimal } from '../../server/engine/loan-math/schedule-decimal.ts';

/*
 * APR of schedules whose periods differ in length: flow k is discounted at T_k = P × (accrual of
 * periods 1..k in day-count years), P = unit periods a year (the schedule's frequency). The
 * figures below were computed independently with this Python script (decimal, 50 digits; the
 * schedules rebuilt from the conventions, not read from the engine):
 *
 *   from decimal import Decimal as D, getcontext, ROUND_HALF_UP
 *   getcontext().prec = 50
 *   C = lambda x: D(x).quantize(D('0.01'), ROUND_HALF_UP)
 *   def apr(flows, times, P):
 *       npv = lambda r: sum(f * (1 + r) ** (-t) for f, t in zip(flows, times))
 *       lo, hi = D('-0.5'), D(1)
 *       for _ in range(170):                      # NPV rises with r: positive = rate too high
 *           mid = (lo + hi) / 2
 *           if npv(mid) > 0: hi = mid
 *           else: lo = mid
 *       r = (lo + hi) / 2; q = D('0.0001')
 *       return (r * P * 100).quantize(q, ROUND_HALF_UP), (((1 + r) ** P - 1) * 100).quantize(q, ROUND_HALF_UP)
 *   def times(days, basis, P):
 *       out, total = [D(0)], 0
 *       for d in days: total += d; out.append(D(P) * total / basis)
 *       return out
 *   days = [10, 92, 92, 91]                                         # agricultural 01 / 07
 *   interest = [C(D(48000) * D('0.0435') * d / 360) for d in days]  # 58.00 533.60 533.60 527.80
 *   flows = [D(48000)] + [-i for i in interest]; flows[-1] -= 48000
 *   apr(flows, times(days, 360, 4), 4)                              # -> 4.3503, 4.4218
 *   apr(flows, list(range(5)), D(4) * 360 / 285)                    # old index method -> 4.3341, 4.4101
 *   fee = [C(D(48000) * D('0.008') * d / 360) for d in days]        # 10.67 98.13 98.13 97.07 = 304.00
 *   apr([flows[0]] + [a - b for a, b in zip(flows[1:], fee)], times(days, 360, 4), 4)   # -> 5.1505, 5.2508
 *   md = [28, 31, 31, 28, 31, 30, 2]                                # merchant 01, drawn 2026-11-22
 *   mi = [C(D(350000) * D('0.0365') * d / 360) for d in md]         # 993.61 1100.07 ... 70.97 = 6422.98
 *   mf = [D(350000)] + [-i for i in mi]; mf[-1] -= 350000
 *   apr(mf, times(md, 360, 12), 12)                                 # -> 3.6501, 3.7118
 *   apr(mf, list(range(8)), D(7) * 360 / 181)                       # old index method -> 3.6542, 3.7168
 *   i = D('0.02'); pmt = C(D(10000) * i / (1 - (1 + i) ** -2))      # 5150.50 (short first period below)
 *   i1 = C(D(10000) * D('0.24') / 360); bal = 10000 - (pmt - i1); i2 = C(bal * i)   # 6.67, 4856.17, 97.12
 *   apr([D(9950), -pmt, -(bal + i2)], [0, D(1) / 30, D(31) / 30], 12)              # -> 35.9305, 42.4799
 *   apr([D(9950), -pmt, -(bal + i2)], [0, 1, 2], D(2) * 360 / 31)                  # old index method -> 24.0491
 *
 * Why a fee-free interest-only loan is not exactly at its nominal rate: at r = rate ÷ P a period
 * of x units pays simple interest B·r·x, while compounding at r would pay B((1+r)^x − 1) ≈
 * B(x·r + x(x−1)·r²/2); a short period (x < 1) pays slightly more, a long one slightly less. For
 * agricultural 01 (r = 1.0875 %, x = 1/9, 92/90, 92/90, 91/90) that is +2.5e-6 × 48,000 net
 * over 0.79 years: +0.0003 pp, the 4.3503 above. Only when every period is one unit (T_k = k) is
 * the figure exactly the nominal rate.
 */

const agricultural: ScheduleRequest = {
  principal: '48000', annualRate: '4.35', method: 'interest-only', dayCount: 'ACT/360', startDate: '2026-03-10',
  dueDates: ['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20'],
};
const merchant: ScheduleRequest = { principal: '350000', annualRate: '3.65', method: 'revolving', dayCount: 'ACT/360', startDate: '2026-11-22', termMonths: 6, paymentDay: 20 };
const both = (request: ScheduleRequest) => [computeSchedule(request), computeScheduleDecimal(request)];

describe('APR of periods of unequal length (each payment timed by its accrual)', () => {
  it('annualises a fee-free interest-only loan on quarterly dates with a 10-day first period to its nominal 4.35 % (4.3503)', () => {
    for (const result of both(agricultural)) {
      expect(result.rows.map((row) => [row.days, row.interest])).toEqual([[10, '58.00'], [92, '533.60'], [92, '533.60'], [91, '527.80']]);
      expect(result.apr).toEqual({ simple: '4.3503', compound: '4.4218' }); // per period index it was 4.3341 / 4.4101
      expect(new Decimal(result.apr.simple).minus('4.35').abs().lt('0.0005')).toBe(true);
    }
  });

  it('annualises a fee-free revolving draw (28…31-day months, a 2-day last period) to its nominal 3.65 % (3.6501)', () => {
    for (const result of both(merchant)) {
      expect(result.totals.interest).toBe('6422.98');
      expect(result.apr).toEqual({ simple: '3.6501', compound: '3.7118' }); // per period index: 3.6542 / 3.7168
    }
  });

  it('gives exactly the nominal rate when every period is one unit, whatever the dates', () => {
    // 90-day periods under ACT/360 are not whole months, so P = count ÷ term = 4 and T_k = k.
    const request: ScheduleRequest = { ...agricultural, dueDates: ['2026-06-08', '2026-09-06', '2026-12-05'] };
    expect(aprTiming(request, buildPeriods(request))).toEqual({ perYear: new Decimal(4) });
    expect(computeSchedule(request).apr.simple).toBe('4.3500');
  });

  it('counts a short broken first period (paymentDay) for its real length, not as a full month', () => {
    // Half the principal is repaid 1 day (30E/360) after the draw: the cost 153.79 over about
    // 10,000 × 1/360 + 4,856.17 × 1/12 yuan-years is ≈ 35.6 % a year; per period index it was 24.05 %.
    const request: ScheduleRequest = {
      principal: '10000', annualRate: '24', method: 'equal-installment', termMonths: 2, startDate: '2026-01-30', paymentDay: 1,
      fees: [{ kind: 'upfront', percent: '0.5' }],
    };
    for (const result of both(request)) {
      expect(result.rows.map((row) => row.payment)).toEqual(['5150.50', '4953.29']);
      expect(result.apr).toEqual({ simple: '35.9305', compound: '42.4799' });
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

describe('the unit period P', () => {
  const timing = (request: ScheduleRequest) => aprTiming(request, buildPeriods(request));

  it('is the frequency; regular 30/360 schedules keep T_k = k (no times)', () => {
    expect(timing({ principal: '1000', annualRate: '6', method: 'equal-installment', termMonths: 12 })).toEqual({ perYear: new Decimal(12) });
    expect(timing({ principal: '1000', annualRate: '6', method: 'equal-principal', termMonths: 12, frequency: 'quarterly', startDate: '2026-01-31' }))
      .toEqual({ perYear: new Decimal(4) });
    expect(timing({ principal: '1000', annualRate: '6', method: 'bullet', termMonths: 6 })).toEqual({ perYear: new Decimal(2) });
  });

  it('is the whole-month length shared by explicit due dates (quarterly → 4), T_k from the days', () => {
    const { perYear, times } = timing(agricultural);
    expect(perYear.toString()).toBe('4');
    expect(times!.numerators.map((numerator) => new Decimal(numerator).div(times!.denominator).toFixed(6))).toEqual(['0.111111', '1.133333', '2.155556', '3.166667']); // days ÷ 90
  });

  it('falls back to count ÷ term when due dates share no month length, and for a single period (exactly cost ÷ amount ÷ term)', () => {
    const odd = { ...agricultural, dueDates: ['2026-04-10', '2026-07-10', '2026-07-30'] }; // 1, 3 months, 20 days
    expect(timing(odd).perYear.toFixed(6)).toBe(new Decimal(3).mul(360).div(142).toFixed(6));
    const draw: ScheduleRequest = { principal: '36000', annualRate: '3.65', method: 'revolving', termDays: 10, startDate: '2026-01-10', paymentDay: 25 };
    expect(timing(draw)).toEqual({ perYear: new Decimal(36) });
    expect(computeSchedule(draw).apr.simple).toBe('3.6500'); // interest 36,000 × 3.65 % × 10/360 = 36.50 exactly
  });
});

describe('irr and the verified float path with times', () => {
  it('solves closed forms with fractional times: 100 → 105 after half a period is 10.25 % a period', () => {
    expect(irr([new Decimal(100), new Decimal(-105)], { times: [0, '0.5'] }).toFixed(20)).toBe('0.10250000000000000000');
    expect(irr([new Decimal(100), new Decimal(-110.25)], { times: [0, 2] }).toFixed(20)).toBe('0.05000000000000000000');
  });

  it('gives the index IRR when the times are the indexes', () => {
    const flows = [new Decimal(99000), ...Array.from({ length: 12 }, () => new Decimal('-8833.30'))];
    expect(irr(flows, { times: flows.map((_, k) => k) }).eq(irr(flows))).toBe(true);
  });

  it('agrees with the exact decimal annualisation whenever the float bracket decides', () => {
    const requests: ScheduleRequest[] = [agricultural, merchant,
      { principal: '1000000', annualRate: '4.2', method: 'equal-installment', termMonths: 360, dayCount: 'ACT/365', startDate: '2026-01-31' },
      { principal: '250000', annualRate: '12.3456', method: 'equal-principal', termMonths: 36, startDate: '2026-02-13', paymentDay: 28, fees: [{ kind: 'upfront', percent: '1' }] }];
    for (const request of requests) {
      const result = computeSchedule(request);
      const timed = aprTiming(request, buildPeriods(request));
      const upfront = request.fees?.[0]?.kind === 'upfront' ? new Decimal(request.principal).mul(request.fees[0].percent!).div(100) : new Decimal(0);
      const flows = [new Decimal(request.principal).minus(upfront), ...result.rows.map((row) => new Decimal(row.payment).neg())];
      const exact = annualisedRate(flows, timed.perYear, { times: aprTimes(timed) });
      const fast = verifiedAnnualisedRate(flows.map((flow) => flow.mul(100).toNumber()), timed.perYear.toNumber(), 0.01, aprTimesInDoubles(timed));
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
      expect(result.apr).toEqual({ simple: '5.1505', compound: '5.2508' }); // even 76.00 per index: 5.1312 / 5.2379
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
