import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProductMeta } from '../../server/engine/product-meta.ts';
import { Decimal } from '../../server/engine/money.ts';
import { buildOffer } from '../../server/engine/runtime/offer.ts';
import type { PathState } from '../../server/engine/runtime/walk-state.ts';

/**
 * The offer's limit and contract rate, computed in whole cents and 1/10,000 percentage points when
 * every figure is plain text, and in decimal.js otherwise (server/engine/runtime/offer.ts), against
 * an oracle written here from the rules as DESIGN.md states them, in decimal.js only: the line is
 * the lowest cap (at least 0) plus uplifts, at most the product maximum, rounded DOWN to the step;
 * the draw is the request (if any) within the line, rounded DOWN as well; below the floor declines;
 * the rate is base + adjustments (bp ÷ 100) clamped into the bounds, written with 4 decimals.
 * The inputs mix plain text ("120000.50", "4.35") with text only the decimal path reads ("1.2e5",
 * "4.123456", fractional basis points), so both paths are checked against the same oracle.
 */

const plainMoney = fc
  .tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(0, 1, 2))
  .map(([whole, cents, places]) => (places === 0 ? String(whole) : places === 1 ? `${whole}.${Math.floor(cents / 10)}` : `${whole}.${String(cents).padStart(2, '0')}`));
const otherMoney = fc.oneof(
  fc.integer({ min: 1, max: 500 }).map((n) => `${n}e3`),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => (n / 1000).toFixed(3)), // three decimals
  fc.integer({ min: 1, max: 9_999 }).map((n) => `0${n}.5`), // a leading zero, still plain
);
const money = fc.oneof({ weight: 4, arbitrary: plainMoney }, { weight: 1, arbitrary: otherMoney });
const step = fc.constantFrom('1', '100', '1000', '5000', '0.01', '50.5', '1e3', '0.001');
const rateText = fc
  .tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(0, 2, 4, 6))
  .map(([whole, fraction, places]) => (places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, places)}`));
const bp = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -400, max: 400 }) }, { weight: 1, arbitrary: fc.constantFrom(12.5, -0.25, 33.33) });

const label = { 'zh-CN': '额度', en: 'Cap' };
const input = fc.record({
  caps: fc.array(money, { minLength: 1, maxLength: 5 }),
  uplifts: fc.array(plainMoney, { maxLength: 2 }),
  productMax: money,
  productMin: fc.constantFrom('1', '1000', '5000', '10000.5'),
  productStep: step,
  limitStep: fc.option(step, { nil: undefined }),
  limitFloor: fc.option(money, { nil: undefined }),
  requested: fc.option(
    fc.oneof(plainMoney, fc.constantFrom('1e4', '250000')).filter((text) => new Decimal(text).gt(0)),
    { nil: undefined },
  ),
  base: rateText,
  adjustments: fc.array(bp, { maxLength: 4 }),
  floor: fc.option(rateText, { nil: undefined }),
  ceiling: fc.option(rateText, { nil: undefined }),
});
type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

function oracle(x: Input) {
  const down = (value: Decimal, unit: string) => value.div(unit).toDecimalPlaces(0, Decimal.ROUND_DOWN).mul(unit);
  const ranked = x.caps.map((amount, i) => ({ amount: new Decimal(amount), i })).sort((a, b) => a.amount.cmp(b.amount) || a.i - b.i);
  let raw = Decimal.max(0, ranked[0].amount);
  for (const uplift of x.uplifts) raw = raw.plus(uplift);
  raw = Decimal.min(raw, x.productMax);
  const unit = x.limitStep ?? x.productStep;
  const line = down(raw, unit);
  const limit = down(x.requested ? Decimal.min(raw, x.requested) : raw, unit);
  const floor = Decimal.max(x.productMin, x.limitFloor ?? 0);
  let annual = new Decimal(x.base);
  for (const points of x.adjustments) annual = annual.plus(new Decimal(points).div(100));
  let clampedTo: string | undefined;
  if (x.floor !== undefined && annual.lt(x.floor)) [annual, clampedTo] = [new Decimal(x.floor), 'floor'];
  else if (x.ceiling !== undefined && annual.gt(x.ceiling)) [annual, clampedTo] = [new Decimal(x.ceiling), 'ceiling'];
  if (limit.lt(floor)) {
    const requestedBelow = x.requested !== undefined && new Decimal(x.requested).lt(floor);
    return {
      decline: requestedBelow ? 'REQUESTED_BELOW_MINIMUM' : 'LIMIT_BELOW_MINIMUM',
      figures: requestedBelow ? [new Decimal(x.requested!).toFixed(2), floor.toFixed(2)] : [limit.toFixed(2), floor.toFixed(2)],
    };
  }
  return {
    limit: limit.toFixed(2),
    creditLine: Decimal.max(line, limit).toFixed(2),
    caps: ranked.map(({ amount }) => amount.toFixed(2)),
    rate: annual.toFixed(4),
    clampedTo,
  };
}

function offerOf(x: Input) {
  const state: PathState = {
    offer: {
      baseRate: { annualRate: x.base, source: 'fixed' },
      repayment: { methods: ['equal-principal'], defaultMethod: 'equal-principal', termsMonths: [12], dayCount: 'ACT/365', rounding: { mode: 'HALF_UP', unit: '0.01' }, frequency: 'monthly' },
      ...(x.uplifts.length ? { limitUplifts: x.uplifts.map((amount) => ({ amount, label, code: 'UPLIFT' })) } : {}),
      ...(x.limitStep ? { limitStep: x.limitStep } : {}),
      ...(x.limitFloor ? { limitFloor: x.limitFloor } : {}),
      ...(x.floor !== undefined || x.ceiling !== undefined ? { rateBounds: { ...(x.floor !== undefined ? { floor: x.floor } : {}), ...(x.ceiling !== undefined ? { ceiling: x.ceiling } : {}) } } : {}),
    },
    caps: x.caps.map((amount, i) => ({ amount, label, code: `CAP_${i}`, blockId: `b${i}` })),
    adjustments: x.adjustments.map((points, i) => ({ bp: points, label, code: `ADJ_${i}`, blockId: `a${i}` })),
  };
  const product = { amount: { min: x.productMin, max: x.productMax, step: x.productStep } } as ProductMeta;
  return buildOffer(state, product, { asOf: '2026-12-03', ...(x.requested ? { requestedAmount: new Decimal(x.requested) } : {}) });
}

describe('offer limit and rate: the integer paths give the decimal figures to the cent and the ten-thousandth', () => {
  it('matches the oracle for plain and other text', () => {
    fc.assert(
      fc.property(input, (x) => {
        const expected = oracle(x);
        const built = offerOf(x);
        if ('errors' in built) throw new Error(JSON.stringify(built.errors));
        if (expected.decline) {
          expect('decline' in built && built.decline.code).toBe(expected.decline);
          if ('decline' in built) for (const figure of expected.figures) expect(built.decline.message.en).toContain(` ${figure}`);
          return;
        }
        if (!('offer' in built)) throw new Error(`declined: ${JSON.stringify(built)}`);
        expect(built.offer.limit).toBe(expected.limit);
        expect(built.offer.creditLine).toBe(expected.creditLine);
        expect(built.offer.caps.map((cap) => cap.amount)).toEqual(expected.caps);
        expect(built.offer.rate.annual).toBe(expected.rate);
        expect(built.offer.rate.clampedTo).toBe(expected.clampedTo);
      }),
      { numRuns: 400 },
    );
  });

  it('writes a rate that sums to zero as 0.0000 and a negative one with its sign, as decimal.js does', () => {
    const base: Omit<Input, 'base' | 'adjustments'> = {
      caps: ['100000'],
      uplifts: [],
      productMax: '500000',
      productMin: '1000',
      productStep: '100',
      limitStep: undefined,
      limitFloor: undefined,
      requested: undefined,
      floor: undefined,
      ceiling: undefined,
    };
    const rate = (x: Pick<Input, 'base' | 'adjustments'>) => {
      const built = offerOf({ ...base, ...x });
      return 'offer' in built ? built.offer.rate.annual : JSON.stringify(built);
    };
    expect(rate({ base: '0.5', adjustments: [-50] })).toBe('0.0000');
    expect(rate({ base: '0.25', adjustments: [-50] })).toBe('-0.2500');
    expect(rate({ base: '3.45', adjustments: [25, -10] })).toBe('3.6000');
  });
});
