import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSchedule, parseScheduleRequest, periodicFeeTotals, type Fee, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';
import { Decimal } from '../../server/engine/money.ts';
import { computeScheduleDecimal } from '../../server/engine/loan-math/schedule-decimal.ts';

const METHODS = ['equal-installment', 'equal-principal', 'interest-only', 'bullet', 'flat', 'revolving'] as const;

const feeArbitrary: fc.Arbitrary<Fee> = fc.oneof(
  fc.record({ kind: fc.constant('upfront' as const), amount: fc.integer({ min: 0, max: 50_000 }).map((c) => (c / 100).toFixed(2)), deducted: fc.boolean(), inApr: fc.boolean() }),
  fc.record({ kind: fc.constant('upfront' as const), percent: fc.integer({ min: 0, max: 300 }).map((p) => String(p / 100)), deducted: fc.boolean() }),
  fc.record({ kind: fc.constant('periodic' as const), amount: fc.integer({ min: 0, max: 5_000 }).map((c) => (c / 100).toFixed(2)), inApr: fc.boolean() }),
  fc.record({ kind: fc.constant('periodic' as const), percentOfPrincipal: fc.integer({ min: 0, max: 50 }).map((p) => String(p / 100)) }),
  fc.record({ kind: fc.constant('periodic' as const), annualPercentOfPrincipal: fc.integer({ min: 0, max: 300 }).map((p) => String(p / 100)) }),
  fc.record({ kind: fc.constant('periodic' as const), percentOfInstallment: fc.integer({ min: 0, max: 1000 }).map((p) => String(p / 1000)), inApr: fc.boolean() }),
);

/** Random requests over every method, day count, rounding, frequency, date option and fee basis; rates with up to 4 decimals. */
const requestArbitrary: fc.Arbitrary<ScheduleRequest> = fc
  .record({
    cents: fc.oneof(fc.integer({ min: 100, max: 500_000_000 }), fc.integer({ min: 100, max: 2_000_000_000_000 })),
    rate: fc.integer({ min: 0, max: 240_000 }),
    lpr: fc.boolean(),
    method: fc.constantFrom(...METHODS),
    periods: fc.integer({ min: 1, max: 360 }),
    quarterly: fc.boolean(),
    dayCount: fc.constantFrom('30/360', 'ACT/360', 'ACT/365'),
    mode: fc.constantFrom('HALF_UP', 'HALF_EVEN'),
    unit: fc.constantFrom('0.01', '1'),
    startDay: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: undefined }),
    paymentDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    graceShare: fc.integer({ min: 0, max: 3 }),
    fees: fc.array(feeArbitrary, { maxLength: 3 }),
  })
  .map((draw): ScheduleRequest => {
    const step = draw.quarterly ? 3 : 1;
    const periods = Math.min(draw.periods, draw.quarterly ? 120 : 360);
    const amortising = ['equal-installment', 'equal-principal', 'flat'].includes(draw.method);
    const dated = draw.startDay !== undefined || draw.method === 'revolving';
    const start = new Date(Date.UTC(2020, 0, 1 + (draw.startDay ?? 0))).toISOString().slice(0, 10); // test-side dates only
    return {
      principal: (draw.cents / 100).toFixed(2),
      ...(draw.lpr ? { lpr: { rate: '3.10', effectiveDate: '2025-05-20', spreadBp: Math.round(draw.rate / 100) } } : { annualRate: String(draw.rate / 10_000) }),
      method: draw.method,
      termMonths: periods * step,
      frequency: draw.quarterly ? 'quarterly' : 'monthly',
      dayCount: (dated ? draw.dayCount : '30/360') as ScheduleRequest['dayCount'],
      rounding: { mode: draw.mode as 'HALF_UP', unit: draw.unit as '0.01' },
      ...(dated ? { startDate: start } : {}),
      ...(dated && draw.paymentDay ? { paymentDay: draw.paymentDay } : {}),
      ...(amortising && periods > 1 ? { graceMonths: Math.floor(((periods - 1) * draw.graceShare) / 4) * step } : {}),
      fees: draw.fees,
    };
  });

function outcome<T>(work: () => T): { value: T } | { error: string } {
  try {
    return { value: work() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the scaled-integer schedule path', () => {
  it('gives exactly the decimal.js reference schedule, totals and APR for any valid request', () => {
    let checked = 0;
    fc.assert(
      fc.property(requestArbitrary, (draft) => {
        const { request } = parseScheduleRequest(draft);
        fc.pre(request !== undefined);
        checked += 1;
        // Both answer the same, including the same error when no APR exists (fees far above the principal).
        expect(outcome(() => computeSchedule(request!))).toEqual(outcome(() => computeScheduleDecimal(request!)));
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 400) },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('splits the rows’ fee column into each periodic fee’s own total, a flat fee being its amount times the rows', () => {
    let checked = 0;
    fc.assert(
      fc.property(requestArbitrary, (draft) => {
        const { request } = parseScheduleRequest(draft);
        fc.pre(request !== undefined);
        const result = outcome(() => computeSchedule(request!));
        fc.pre('value' in result);
        const schedule = (result as { value: ReturnType<typeof computeSchedule> }).value;
        checked += 1;
        const totals = periodicFeeTotals(request!, schedule.rows);
        const periodic = (request!.fees ?? []).filter((fee) => fee.kind === 'periodic');
        expect(totals).toHaveLength(periodic.length);
        const column = schedule.rows.reduce((sum, row) => sum.plus(row.fee ?? 0), new Decimal(0));
        expect(totals.reduce((sum, fee) => sum.plus(fee.total), new Decimal(0)).toFixed(2)).toBe(column.toFixed(2));
        periodic.forEach((fee, index) => {
          if (fee.amount !== undefined) expect(totals[index].total.toFixed(2)).toBe(new Decimal(fee.amount).mul(schedule.rows.length).toFixed(2));
        });
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 300) },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps the APR of a 360-month loan equal to the reference at rates of every size', () => {
    for (const rate of ['0', '0.0001', '1.85', '3.45', '4.9', '12.3456', '23.9999']) {
      const request: ScheduleRequest = { principal: '1234567.89', annualRate: rate, method: 'equal-installment', termMonths: 360, fees: [{ kind: 'upfront', percent: '1' }] };
      expect(computeSchedule(request).apr).toEqual(computeScheduleDecimal(request).apr);
    }
  });
});
