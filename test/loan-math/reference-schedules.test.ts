import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../server/engine/money.ts';
import { computeSchedule, irr, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';

// An unchanged copy of /work/shared/reference/schedules.json (computed independently of this
// project with exact decimal arithmetic), kept in the repo so a clean clone can run it.
interface ReferenceCase {
  id: string;
  method: 'equal_installment' | 'interest_only_balloon';
  inputs: { principal: string; annual_nominal_rate: string; term_periods: number };
  rows: { period: number; payment: string; principal: string; interest: string; balance: string }[];
  totals: { payment: string; principal: string; interest: string };
  apr: { net_disbursed: string; periodic_irr: string; nominal_annual_pct: string; effective_annual_pct: string };
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/reference-schedules.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };

const METHODS = { equal_installment: 'equal-installment', interest_only_balloon: 'interest-only' } as const;

function requestFor(reference: ReferenceCase): ScheduleRequest {
  return {
    principal: reference.inputs.principal,
    annualRate: new Decimal(reference.inputs.annual_nominal_rate).mul(100).toString(), // "0.06" → "6" percent
    termMonths: reference.inputs.term_periods,
    method: METHODS[reference.method],
    dayCount: '30/360',
    rounding: { mode: 'HALF_UP', unit: '0.01' },
  };
}

describe('reference schedules (shared/reference/schedules.json)', () => {
  it('holds both reference cases', () => {
    expect(reference.cases.map((c) => c.id)).toEqual(['a_annuity_100k_12m_6pct', 'e_interest_only_balloon_200k_12m_5p4pct']);
  });

  for (const referenceCase of reference.cases) {
    describe(referenceCase.id, () => {
      const result = computeSchedule(requestFor(referenceCase));

      it('reproduces every row to the cent', () => {
        expect(result.rows.map(({ period, payment, principal, interest, balance }) => ({ period, payment, principal, interest, balance }))).toEqual(referenceCase.rows);
      });

      it('reproduces the totals', () => {
        const { payment, principal, interest } = referenceCase.totals;
        expect(result.totals).toEqual({ payment, principal, interest, fees: '0.00' });
        expect(result.rows).toHaveLength(referenceCase.rows.length);
        expect(result.netDisbursed).toBe(referenceCase.apr.net_disbursed);
      });

      it('reproduces the simple and compound APR', () => {
        expect(result.apr).toEqual({ simple: referenceCase.apr.nominal_annual_pct, compound: referenceCase.apr.effective_annual_pct });
      });

      it('finds the periodic IRR of the reference cash flows to 12 decimals', () => {
        const flows = [new Decimal(referenceCase.apr.net_disbursed), ...referenceCase.rows.map((row) => new Decimal(row.payment).neg())];
        expect(irr(flows).toFixed(12)).toBe(referenceCase.apr.periodic_irr);
      });
    });
  }
});

describe('the example request from the issue', () => {
  const example: ScheduleRequest = {
    principal: '100000.00',
    annualRate: '6',
    termMonths: 12,
    method: 'equal-installment',
    dayCount: '30/360',
    rounding: { mode: 'HALF_UP', unit: '0.01' },
    startDate: '2026-01-15',
    fees: [{ kind: 'upfront', amount: '1000.00', deducted: true }],
  };

  it('dates the first installment a month after disbursement with the reference figures', () => {
    const [first] = computeSchedule(example).rows;
    expect(first).toEqual({ period: 1, dueDate: '2026-02-15', days: 31, payment: '8606.64', principal: '8106.64', interest: '500.00', balance: '91893.36' });
  });

  it('pays out the principal less the deducted fee and counts the fee in totals', () => {
    const result = computeSchedule(example);
    expect(result.netDisbursed).toBe('99000.00');
    expect(result.totals.fees).toBe('1000.00');
  });

  it('shows an APR above the nominal 6 % because of the fee, and exactly 6 % without it', () => {
    const withFee = computeSchedule(example).apr;
    expect(Number(withFee.simple)).toBeGreaterThan(6);
    expect(Number(withFee.compound)).toBeGreaterThan(Number(withFee.simple));
    expect(computeSchedule({ ...example, fees: [] }).apr).toEqual({ simple: '6.0000', compound: '6.1678' });
  });

  it('counts a fee paid separately at disbursement in the APR like a deducted one', () => {
    const separate = computeSchedule({ ...example, fees: [{ kind: 'upfront', amount: '1000.00' }] });
    expect(separate.netDisbursed).toBe('100000.00');
    expect(separate.apr).toEqual(computeSchedule(example).apr);
  });
});
