import { describe, expect, it } from 'vitest';
import { Decimal } from '../../server/engine/money.ts';
import { computeSchedule, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';

// Expected figures here are worked out by hand or in the test with Decimal arithmetic written
// independently of the engine (closed-form PMT, principal × rate × days ÷ basis).
const base: ScheduleRequest = { principal: '120000.00', annualRate: '4.8', termMonths: 12, method: 'equal-installment' };
const dueDates = (request: ScheduleRequest) => computeSchedule(request).rows.map((row) => row.dueDate);

describe('due dates', () => {
  it("moves a month-end start to each month's last day without drifting (Jan 31 → Feb 29 → Mar 31)", () => {
    expect(dueDates({ ...base, termMonths: 4, startDate: '2024-01-31' })).toEqual(['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
  });

  it('falls due every 3 months when quarterly', () => {
    expect(dueDates({ ...base, frequency: 'quarterly', startDate: '2026-01-15' })).toEqual(['2026-04-15', '2026-07-15', '2026-10-15', '2027-01-15']);
  });

  it("falls due on the payment day of the following months, the first period running to next month's payment day", () => {
    const result = computeSchedule({ ...base, termMonths: 3, startDate: '2026-01-05', paymentDay: 20 });
    expect(result.rows.map((row) => [row.dueDate, row.days])).toEqual([
      ['2026-02-20', 46],
      ['2026-03-20', 28],
      ['2026-04-20', 31],
    ]);
  });

  it('charges a broken first period pro rata by 30/360 days (Jan 5 → Feb 20 = 45 days)', () => {
    const [first, second] = computeSchedule({ ...base, method: 'interest-only', termMonths: 3, startDate: '2026-01-05', paymentDay: 20 }).rows;
    expect(first.interest).toBe(new Decimal(120000).mul('0.048').mul(45).div(360).toFixed(2)); // 720.00
    expect(second.interest).toBe('480.00'); // a whole month: 120000 × 4.8 % ÷ 12
  });

  it('omits due dates when no start date is given', () => {
    expect(computeSchedule(base).rows[0]).not.toHaveProperty('dueDate');
  });
});

describe('repayment methods', () => {
  it('equal installment: the installment is the closed-form PMT rounded to the cent', () => {
    const rate = new Decimal('0.004'); // 4.8 % ÷ 12
    const pmt = new Decimal(120000)
      .mul(rate)
      .div(Decimal.sub(1, rate.plus(1).pow(-12)))
      .toFixed(2);
    const rows = computeSchedule(base).rows;
    expect(rows.slice(0, 11).every((row) => row.payment === pmt)).toBe(true);
  });

  it('equal principal: repays 10000 each month with interest on the falling balance', () => {
    const rows = computeSchedule({ ...base, method: 'equal-principal' }).rows;
    expect(rows.map((row) => row.principal)).toEqual(Array.from({ length: 12 }, () => '10000.00'));
    expect(rows.map((row) => row.interest)).toEqual(Array.from({ length: 12 }, (_, i) => ((12 - i) * 40).toFixed(2))); // 0.4 % of 10000 × remaining months
  });

  it('bullet in days: one payment of principal plus principal × rate × days ÷ 365', () => {
    const result = computeSchedule({ principal: '50000', annualRate: '3.65', termDays: 180, method: 'bullet', dayCount: 'ACT/365', startDate: '2026-03-01' });
    expect(result.rows).toEqual([{ period: 1, dueDate: '2026-08-28', days: 180, payment: '50900.00', principal: '50000.00', interest: '900.00', balance: '0.00' }]);
    expect(result.apr.simple).toBe('3.6500');
  });

  it('bullet in months under 30/360: interest for the whole term at maturity', () => {
    const result = computeSchedule({ principal: '10000', annualRate: '6', termMonths: 6, method: 'bullet' });
    expect(result.rows.map((row) => row.payment)).toEqual(['10300.00']);
    expect(result.apr.simple).toBe('6.0000');
  });

  it('flat: add-on interest on the original principal, spread evenly', () => {
    const rows = computeSchedule({ principal: '12000', annualRate: '10', termMonths: 12, method: 'flat' }).rows;
    expect(rows.every((row) => row.interest === '100.00' && row.principal === '1000.00')).toBe(true); // 12000 × 10 % ÷ 12
  });

  it("revolving: daily interest ACT/360 settled on the payment day, principal at the draw's maturity", () => {
    const result = computeSchedule({ principal: '10000', annualRate: '3.6', termMonths: 3, method: 'revolving', startDate: '2026-01-10', paymentDay: 20 });
    // 10000 × 3.6 % ÷ 360 = 1.00 a day
    expect(result.rows.map((row) => [row.dueDate, row.interest, row.principal])).toEqual([
      ['2026-01-20', '10.00', '0.00'],
      ['2026-02-20', '31.00', '0.00'],
      ['2026-03-20', '28.00', '0.00'],
      ['2026-04-10', '21.00', '10000.00'],
    ]);
  });

  it('agriculture: quarterly interest on explicit dates and principal at the harvest maturity', () => {
    const result = computeSchedule({
      principal: '30000',
      annualRate: '4.35',
      method: 'interest-only',
      frequency: 'quarterly',
      dayCount: 'ACT/360',
      startDate: '2026-03-05',
      dueDates: ['2026-03-20', '2026-06-20', '2026-09-20', '2026-10-31'],
    });
    const expected = [15, 92, 92, 41].map((days) => new Decimal(30000).mul('0.0435').mul(days).div(360).toFixed(2));
    expect(result.rows.map((row) => row.interest)).toEqual(expected);
    expect(result.rows.map((row) => row.principal)).toEqual(['0.00', '0.00', '0.00', '30000.00']);
  });

  it('prices LPR + spread: 3.00 % + 45 bp = 3.45 %', () => {
    const result = computeSchedule({ ...base, annualRate: undefined, lpr: { rate: '3.00', effectiveDate: '2025-05-20', spreadBp: 45 }, method: 'interest-only' });
    expect(result.annualRate).toBe('3.45');
    expect(result.rows[0].interest).toBe('345.00'); // 120000 × 3.45 % ÷ 12
  });

  it('rounds HALF_EVEN when asked: an exact half cent goes to the even cent', () => {
    // 1001 × 0.5 % = 5.005: HALF_UP → 5.01, HALF_EVEN → 5.00
    const request: ScheduleRequest = { principal: '1001', annualRate: '6', termMonths: 2, method: 'interest-only' };
    expect(computeSchedule(request).rows[0].interest).toBe('5.01');
    expect(computeSchedule({ ...request, rounding: { mode: 'HALF_EVEN', unit: '0.01' } }).rows[0].interest).toBe('5.00');
  });
});

describe('fees', () => {
  it('charges a percent-of-principal upfront fee and an annual fee spread over the periods', () => {
    const result = computeSchedule({
      ...base,
      fees: [
        { kind: 'upfront', percent: '1', deducted: true },
        { kind: 'periodic', annualPercentOfPrincipal: '0.6' },
      ],
    });
    expect(result.netDisbursed).toBe('118800.00'); // 120000 − 1 %
    expect(result.rows.every((row) => row.fee === '60.00')).toBe(true); // 120000 × 0.6 % ÷ 12
    expect(result.totals.fees).toBe('1920.00');
  });

  it('leaves a fee out of the APR when inApr is false', () => {
    const withFee = computeSchedule({ ...base, fees: [{ kind: 'upfront', amount: '500', inApr: false }] });
    expect(withFee.apr).toEqual(computeSchedule(base).apr);
    expect(withFee.totals.fees).toBe('500.00');
  });
});

describe('long terms', () => {
  it('computes a 360-month equal-installment schedule that ends at zero with the closed-form PMT', () => {
    const request: ScheduleRequest = { principal: '1000000.00', annualRate: '4.2', termMonths: 360, method: 'equal-installment', startDate: '2026-01-31' };
    const rate = new Decimal('0.0035');
    const pmt = new Decimal(1000000)
      .mul(rate)
      .div(Decimal.sub(1, rate.plus(1).pow(-360)))
      .toFixed(2);
    const result = computeSchedule(request);
    expect(result.rows).toHaveLength(360);
    expect(result.rows[0].payment).toBe(pmt);
    expect(result.rows[359]).toMatchObject({ dueDate: '2056-01-31', balance: '0.00' });
    expect(result.apr.simple).toBe('4.2000');
  });
});
