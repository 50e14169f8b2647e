import { describe, expect, it } from 'vitest';
import { Decimal } from '../../server/engine/money.ts';
import { annualise, annualisedRate, irr } from '../../server/engine/loan-math/index.ts';

// PBOC announcement 〔2021〕 No. 3 worked example (shared/domain/regulation.md A1): 100,000 lent,
// a 1,000 fee taken at disbursement, 12 monthly payments of 8,833.30.
const payments = (count: number, amount: string) => Array.from({ length: count }, () => new Decimal(amount).neg());

describe('APR of the PBOC worked example', () => {
  const flows = [new Decimal(99000), ...payments(12, '8833.30')];

  it('finds a monthly IRR of 1.06698 %', () => {
    expect(irr(flows).mul(100).toFixed(5)).toBe('1.06698');
  });

  it('annualises to 12.80 % simple and 13.58 % compound', () => {
    const { simple, compound } = annualise(irr(flows), 12);
    expect(simple.mul(100).toFixed(2)).toBe('12.80');
    expect(compound.mul(100).toFixed(2)).toBe('13.58');
  });

  it('gives 10.90 % simple and 11.46 % compound for the same loan without the fee', () => {
    const rate = annualisedRate([new Decimal(100000), ...payments(12, '8833.30')], 12);
    expect(new Decimal(rate.simple).toFixed(2)).toBe('10.90');
    expect(new Decimal(rate.compound).toFixed(2)).toBe('11.46');
  });
});

describe('irr', () => {
  it('returns exactly the rate of a one-period loan (closed form: 105 / 100 − 1)', () => {
    expect(irr([new Decimal(100), new Decimal(-105)]).toFixed(20)).toBe('0.05000000000000000000');
  });

  it('agrees with the rate that generated an exact annuity to 15 significant digits', () => {
    // Independent construction: flows from the closed-form PMT of 1000 at 1 % over 24 periods.
    const rate = new Decimal('0.01');
    const pmt = new Decimal(1000).mul(rate).div(Decimal.sub(1, rate.plus(1).pow(-24)));
    const flows = [new Decimal(1000), ...Array.from({ length: 24 }, () => pmt.neg())];
    expect(irr(flows).toSignificantDigits(15).toString()).toBe('0.01');
  });

  it('finds a zero rate when payments just repay the amount', () => {
    expect(
      irr([new Decimal(1000), ...payments(4, '250')])
        .abs()
        .lt('1e-20'),
    ).toBe(true);
  });

  it('is deterministic whatever the starting guess', () => {
    const flows = [new Decimal(99000), ...payments(12, '8833.30')];
    const rates = ['0', '0.5', '-0.5', '3'].map((guess) => irr(flows, { guess }).toFixed(14));
    expect(new Set(rates).size).toBe(1);
  });

  it('refuses cash flows without a sign change', () => {
    expect(() => irr([new Decimal(100), new Decimal(5)])).toThrow(/both signs/);
  });
});
