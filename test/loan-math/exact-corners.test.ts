import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSchedule, parseScheduleRequest, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';
import { computeScheduleDecimal } from '../../server/engine/loan-math/schedule-decimal.ts';
import { settlementDates } from '../../server/engine/runtime/maturity.ts';

/*
 * Issue 12, findings 2–5: every corner of the loan math exact. Expected values are computed here
 * independently of the engine — by hand in the comments, or with the BigInt fractions below.
 */

const both = (request: ScheduleRequest) => [computeSchedule(request), computeScheduleDecimal(request)];
const valid = (json: unknown): ScheduleRequest => {
  const { request, errors } = parseScheduleRequest(json);
  if (!request) throw new Error(JSON.stringify(errors));
  return request;
};

/** round(numerator ÷ denominator) to an integer, ties HALF_UP (away from zero) or HALF_EVEN — BigInt, exact. */
function roundFraction(numerator: bigint, denominator: bigint, mode: 'HALF_UP' | 'HALF_EVEN'): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twice = 2n * (n % d);
  if (twice > d || (twice === d && (mode === 'HALF_UP' || quotient % 2n === 1n))) quotient += 1n;
  return negative ? -quotient : quotient;
}
const cents = (value: bigint) => `${value < 0n ? '-' : ''}${(value < 0n ? -value : value) / 100n}.${String((value < 0n ? -value : value) % 100n).padStart(2, '0')}`;
const percent4 = (units: bigint) => `${units / 10000n}.${String(units % 10000n).padStart(4, '0')}`;

describe('finding 2: a fee-free loan shows its contract rate whatever its dates', () => {
  it('the quarterly farm loan of 80,000 at 4 % with periods of 10/92/92/61 days shows 4.0000 (was 3.9961)', () => {
    const farm = valid({
      principal: '80000',
      annualRate: '4',
      method: 'interest-only',
      dayCount: 'ACT/360',
      frequency: 'quarterly',
      startDate: '2026-03-10',
      dueDates: ['2026-03-20', '2026-06-20', '2026-09-20', '2026-11-20'],
    });
    for (const result of both(farm)) {
      // 80,000 × 4 % × days ÷ 360: 88.888… → 88.89, 817.777… → 817.78, 542.222… → 542.22
      expect(result.rows.map((row) => [row.days, row.interest])).toEqual([
        [10, '88.89'],
        [92, '817.78'],
        [92, '817.78'],
        [61, '542.22'],
      ]);
      expect(result.apr.simple).toBe('4.0000');
      expect(result.apr.compound).toBe('4.0604'); // (1 + 0.04/4)^4 − 1 = 4.060401 %
    }
  });
});

describe('finding 3: flat (等本等息) interest keeps exact half cents', () => {
  it.each([
    ['3001', '1', 6, 'HALF_UP', '15.01'], // 3,001 × 1 % × 6/12 = 15.005
    ['100.30', '10', 6, 'HALF_UP', '5.02'], // 5.015
    ['100.30', '10', 6, 'HALF_EVEN', '5.02'], // 5.015: 1 is odd → 2
    ['100.50', '10', 6, 'HALF_EVEN', '5.02'], // 5.025: 2 is even → stays
    ['114180.50', '6.5', 24, 'HALF_UP', '14843.47'], // 14,843.465
  ])('%s at %s per cent over %i months (%s) → %s', (principal, annualRate, termMonths, mode, interest) => {
    const request = valid({ principal, annualRate, method: 'flat', termMonths, rounding: { mode, unit: '0.01' } });
    for (const result of both(request)) expect(result.totals.interest).toBe(interest);
  });
});

describe('finding 4: an APR exactly on a 4-decimal tie rounds half up', () => {
  it.each([
    ['6.00015', 12, '6.0002'], // monthly rate 0.005000125 exactly: simple APR exactly 6.00015
    ['6.00045', 12, '6.0005'],
    ['4.35015', 36, '4.3502'],
  ])('10,000,000 interest-only at %s per cent for %i months shows %s', (annualRate, termMonths, simple) => {
    const request = valid({ principal: '10000000', annualRate, method: 'interest-only', termMonths });
    for (const result of both(request)) expect(result.apr.simple).toBe(simple);
  });
});

describe('finding 5: never "-0.0000"', () => {
  it('1.13 at 0 %, 2 months, equal installment, paid on day 2 from 2020-01-01: 0.0000 on both paths', () => {
    const request = valid({ principal: '1.13', annualRate: '0', method: 'equal-installment', termMonths: 2, startDate: '2020-01-01', paymentDay: 2 });
    for (const result of both(request)) expect(result.apr).toEqual({ simple: '0.0000', compound: '0.0000' });
  });

  it('no zero-rate loan on any path shows a negative zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom('equal-installment', 'equal-principal', 'interest-only', 'flat'),
        (principalCents, termMonths, paymentDay, method) => {
          const request = valid({ principal: cents(BigInt(principalCents)), annualRate: '0', method, termMonths, startDate: '2020-01-01', paymentDay });
          for (const result of both(request)) expect(result.apr).toEqual({ simple: '0.0000', compound: '0.0000' });
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A fee-free loan over every method but flat, day count, frequency, payment day and harvest window. */
const feeFree = fc
  .record({
    cents: fc.integer({ min: 1_000_000_000, max: 50_000_000_000 }), // ≥ 10 million: a row's cent rounding moves the APR < 0.00002 %
    rateUnits: fc.integer({ min: 0, max: 360_000 }), // the contract rate with 4 decimals, 0–36 %
    method: fc.constantFrom('equal-installment', 'equal-principal', 'interest-only', 'bullet', 'revolving'),
    periods: fc.integer({ min: 1, max: 60 }),
    quarterly: fc.boolean(),
    dayCount: fc.constantFrom('30/360', 'ACT/360', 'ACT/365'),
    startDay: fc.integer({ min: 0, max: 3650 }),
    paymentDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    harvest: fc.boolean(),
    mode: fc.constantFrom('HALF_UP', 'HALF_EVEN'),
  })
  .map((draw) => {
    const step = draw.quarterly ? 3 : 1;
    const start = new Date(Date.UTC(2020, 0, 1 + draw.startDay)).toISOString().slice(0, 10);
    const base = {
      principal: cents(BigInt(draw.cents)),
      annualRate: percent4(BigInt(draw.rateUnits)),
      method: draw.method,
      frequency: draw.quarterly ? 'quarterly' : 'monthly',
      dayCount: draw.dayCount,
      startDate: start,
      rounding: { mode: draw.mode, unit: '0.01' },
    };
    if (draw.harvest && draw.method !== 'bullet' && draw.method !== 'revolving') {
      // a harvest window: interest on the 20th of the frequency's months, principal at a maturity date
      const maturity = new Date(Date.UTC(2020, 0, 1 + draw.startDay + 30 * draw.periods * step + 7)).toISOString().slice(0, 10);
      return { ...base, dueDates: settlementDates(start, maturity, step, draw.paymentDay ?? 20) };
    }
    const paymentDay = draw.method === 'bullet' ? {} : draw.paymentDay ? { paymentDay: draw.paymentDay } : {};
    return { ...base, termMonths: draw.periods * step, ...paymentDay };
  });

describe('property: no fees → APR = contract rate (4 decimals)', () => {
  it('for every method but flat, day count, frequency, payment day and harvest window, on both paths', () => {
    fc.assert(
      fc.property(feeFree, (json) => {
        const request = valid(json);
        for (const result of both(request)) expect(result.apr.simple).toBe(request.annualRate!.includes('.') ? Number(request.annualRate).toFixed(4) : `${request.annualRate}.0000`);
      }),
      { numRuns: 200 },
    );
  });

  it('flat is the exception by design: its rate is an add-on rate, its APR is higher (about 1.8× over 12 months)', () => {
    const [result] = both(valid({ principal: '100000', annualRate: '6', method: 'flat', termMonths: 12 }));
    expect(Number(result.apr.simple)).toBeGreaterThan(10.5);
  });
});

describe('property: exact ties', () => {
  it('flat interest P × r × n/12 exactly on a half cent rounds as the mode says (BigInt fractions)', () => {
    // P·r·n/12 (P in cents, r in 0.0001 %) = P·r·n / 12,000,000 cents: a half cent when
    // P·r·n = 6,000,000 × odd. Built as P = (6,000,000 ÷ gcd(r·n, 6,000,000)) × odd when r·n ÷ gcd is odd.
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 240_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('HALF_UP', 'HALF_EVEN'),
        (rateUnits, termMonths, oddIndex, mode) => {
          const rn = BigInt(rateUnits * termMonths);
          const g = gcd(rn, 6_000_000n);
          fc.pre((rn / g) % 2n === 1n);
          const principalCents = (6_000_000n / g) * BigInt(2 * oddIndex + 1);
          fc.pre(principalCents <= 99_999_999_999n);
          const exactNumerator = principalCents * rn; // interest in cents = this ÷ 12,000,000
          expect(exactNumerator % 12_000_000n).toBe(6_000_000n); // a half cent, by construction
          const expected = cents(roundFraction(exactNumerator, 12_000_000n, mode));
          const request = valid({ principal: cents(principalCents), annualRate: percent4(BigInt(rateUnits)), method: 'flat', termMonths, rounding: { mode, unit: '0.01' } });
          for (const result of both(request)) expect(result.totals.interest).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a simple APR exactly on a 4-decimal tie (interest exact to the cent on any dates) rounds half up, on both paths', () => {
    // Rate R = (2m + 1) × 0.00005 %: a tie at the 4th decimal. A period's interest in cents is
    // B·(2m + 1)·a ÷ 2,000,000 with a = months ÷ 12, days ÷ 360 or days ÷ 365: whole cents for every
    // period when B is a multiple of lcm(24,000,000, 720,000,000, 730,000,000) = 52,560,000,000
    // cents; equal principal repays B ÷ n, so B = 52,560,000,000 × t × n keeps every balance one too.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 199_999 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom('interest-only', 'equal-principal'),
        fc.constantFrom('30/360', 'ACT/360', 'ACT/365'),
        fc.integer({ min: 0, max: 3650 }),
        fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }),
        (m, t, termMonths, method, dayCount, startDay, paymentDay) => {
          const start = new Date(Date.UTC(2020, 0, 1 + startDay)).toISOString().slice(0, 10);
          const principalCents = 52_560_000_000n * BigInt(t) * BigInt(termMonths); // R × B × a is then whole cents
          const rateTenths = BigInt(2 * m + 1); // the rate in units of 0.00005 %
          const annualRate = `${rateTenths / 20000n}.${String((rateTenths % 20000n) * 5n).padStart(5, '0')}`;
          const request = valid({ principal: cents(principalCents), annualRate, method, termMonths, dayCount, startDate: start, ...(paymentDay ? { paymentDay } : {}) });
          const expected = percent4(roundFraction(rateTenths, 2n, 'HALF_UP')); // exactly R: a tie, half up
          for (const result of both(request)) {
            for (const row of result.rows) expect(row.interest).toMatch(/^\d+\.\d\d$/);
            expect(result.apr.simple).toBe(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the two conventions written into server/engine/loan-math/README.md', () => {
  it('a flat share that would leave the last row negative drops to the cent below: 10 at 0.8 % over 12 months', () => {
    // total 10 × 0.8 % = 0.08; 0.08 ÷ 12 → 0.01 would leave 0.08 − 0.11 = −0.03 in the last row
    for (const result of both(valid({ principal: '10', annualRate: '0.8', method: 'flat', termMonths: 12 }))) {
      expect(result.rows.map((row) => row.interest)).toEqual([...Array(11).fill('0.00'), '0.08']);
    }
  });

  it('a payment-day first period is a whole month only when it ends on start + 1 month (or month end to month end)', () => {
    const interestOf = (startDate: string, paymentDay: number) =>
      computeSchedule(valid({ principal: '12000', annualRate: '12', method: 'interest-only', termMonths: 2, startDate, paymentDay })).rows[0].interest;
    expect(interestOf('2026-01-15', 15)).toBe('120.00'); // Jan 15 → Feb 15: one month, 12,000 × 1 %
    expect(interestOf('2026-01-31', 28)).toBe('120.00'); // Jan 31 → Feb 28: month end to month end
    expect(interestOf('2026-01-15', 14)).toBe('116.00'); // Jan 15 → Feb 14: 29 days of 30E/360, 12,000 × 12 % × 29/360
    expect(interestOf('2026-01-30', 28)).toBe('120.00'); // Jan 30 → Feb 28 is Jan 30 + 1 month (clamped to the month end)
    expect(interestOf('2026-01-10', 20)).toBe('160.00'); // Jan 10 → Feb 20: 40 days, 12,000 × 12 % × 40/360
  });
});
