import { describe, expect, it } from 'vitest';
import { addMonths, harvestMaturity, settlementDates } from '../../server/engine/runtime/maturity.ts';

const ginger = { from: '12-20', to: '03-20', preferred: '12-20' };

describe('harvest-aligned maturity', () => {
  it('adds months with the month-end rule', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-22', 14)).toBe('2028-01-22');
  });

  it('matures a planting loan drawn in March on the next Dec 20', () => {
    expect(harvestMaturity('2026-03-10', 12, ginger)).toBe('2026-12-20');
  });

  it('does not use the season that is closing when the farmer borrows', () => {
    // Drawn 2026-03-10, six months: the 2025/26 season closes on 2026-03-20 but opened before the drawdown.
    expect(harvestMaturity('2026-03-10', 6, ginger)).toBe('2026-09-10');
  });

  it('ends inside the season on the last day the term allows when the preferred day is out of reach', () => {
    // Drawn 2026-01-15 for 12 months: latest 2027-01-15; the 2026/27 season opens 2026-12-20 → preferred day reachable.
    expect(harvestMaturity('2026-01-15', 12, ginger)).toBe('2026-12-20');
    // Preferred day in February: drawn 2026-03-01 for 12 months, latest 2027-03-01, season 12-20..03-20, preferred 02-15 (next year).
    expect(harvestMaturity('2026-03-01', 12, { from: '12-20', to: '03-20', preferred: '02-15' })).toBe('2027-02-15');
    // Drawn 2026-04-01 for 10 months: latest 2027-02-01, preferred 2027-02-15 is out of reach → 2027-02-01.
    expect(harvestMaturity('2026-04-01', 10, { from: '12-20', to: '03-20', preferred: '02-15' })).toBe('2027-02-01');
  });

  it('settles interest on the 20th of Mar/Jun/Sep/Dec and principal at maturity', () => {
    expect(settlementDates('2026-03-10', '2026-12-20', 3, 20)).toEqual(['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']);
    expect(settlementDates('2026-03-10', '2026-09-10', 3, 20)).toEqual(['2026-03-20', '2026-06-20', '2026-09-10']);
  });
});
