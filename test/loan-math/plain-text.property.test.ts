import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsString, toCents, toScaled } from '../../server/engine/loan-math/cents.ts';
import { moneyDown } from '../../server/blocks/shared/money-down.ts';
import { Decimal, roundTo } from '../../server/engine/money.ts';

/** Decimal text as requests and configs write it: leading zeros, trailing zeros, short and long fractions. */
const decimalText = fc
  .tuple(fc.stringMatching(/^\d{1,16}$/), fc.option(fc.stringMatching(/^\d{0,14}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));

describe('money and rate text read without decimal.js', () => {
  it('gives the cents decimal.js gives, or none when the value has more than two decimals or leaves the exact range', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        let want: number | undefined;
        try {
          const decimal = new Decimal(text);
          const cents = decimal.mul(100);
          want = decimal.decimalPlaces() <= 2 && Number.isSafeInteger(cents.toNumber()) ? cents.toNumber() : undefined;
        } catch {
          return; // not a decimal at all ("5."): both paths hand it to decimal.js
        }
        expect(toCents(text)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the scaled integer of a rate as units over 10^places, trailing zeros not counted', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        let decimal: Decimal;
        try {
          decimal = new Decimal(text);
        } catch {
          return;
        }
        const places = decimal.decimalPlaces();
        const units = decimal.mul(new Decimal(10).pow(places));
        const want = places <= 12 && units.lte(Number.MAX_SAFE_INTEGER) ? { units: units.toNumber(), scale: 10 ** places } : undefined;
        expect(toScaled(text)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes whole cents as two-decimal money text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (cents) => {
        expect(centsString(cents)).toBe(new Decimal(cents).div(100).toFixed(2));
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds a limit down to the cent as dividing by 0.01, truncating and multiplying back does', () => {
    const value = fc.oneof(
      decimalText,
      decimalText.map((text) => `-${text}`),
      fc.stringMatching(/^\d{30,45}(\.\d{1,3})?$/),
    );
    fc.assert(
      fc.property(value, (text) => {
        const decimal = new Decimal(text);
        expect(moneyDown(decimal)).toBe(roundTo(decimal, { mode: 'DOWN', unit: '0.01' }).toFixed(2));
      }),
      { numRuns: 3000 },
    );
  });
});
