import { describe, expect, it } from 'vitest';
import { parseScheduleRequest } from '../../server/engine/loan-math/index.ts';

const valid = { principal: '100000.00', annualRate: '6', termMonths: 12, method: 'equal-installment' };
const pointers = (input: unknown) => parseScheduleRequest(input).errors.map((error) => error.pointer);
const messageAt = (input: unknown, pointer: string) => parseScheduleRequest(input).errors.find((error) => error.pointer === pointer)?.message;

describe('parseScheduleRequest', () => {
  it('accepts the example request from the issue', () => {
    const input = { ...valid, dayCount: '30/360', rounding: { mode: 'HALF_UP', unit: '0.01' }, startDate: '2026-01-15', fees: [{ kind: 'upfront', amount: '1000.00', deducted: true }] };
    const { request, errors } = parseScheduleRequest(input);
    expect(errors).toEqual([]);
    expect(request).toMatchObject({ principal: '100000', method: 'equal-installment', startDate: '2026-01-15' });
  });

  it('rejects a negative principal, quoting the value', () => {
    expect(messageAt({ ...valid, principal: '-5' }, '/principal')).toBe('must be a positive amount, got "-5"');
  });

  it('rejects a principal with fractions of a cent', () => {
    expect(messageAt({ ...valid, principal: '10.005' }, '/principal')).toMatch(/at most 2 decimals/);
  });

  it('rejects a zero term', () => {
    expect(messageAt({ ...valid, termMonths: 0 }, '/termMonths')).toBe('must be an integer from 1 to 600, got 0');
  });

  it('rejects an unknown method, listing the known ones', () => {
    expect(messageAt({ ...valid, method: 'balloon' }, '/method')).toMatch(/must be one of equal-installment, .*revolving, got "balloon"/);
  });

  it('rejects a rate that is not a number', () => {
    expect(pointers({ ...valid, annualRate: 'six' })).toEqual(['/annualRate']);
    expect(pointers({ ...valid, annualRate: true })).toEqual(['/annualRate']);
  });

  it('rejects malformed and impossible dates', () => {
    expect(pointers({ ...valid, startDate: '2026-02-30' })).toEqual(['/startDate']);
    expect(pointers({ ...valid, startDate: '15/01/2026' })).toEqual(['/startDate']);
    expect(pointers({ ...valid, startDate: '2026-01-15', dueDates: ['2026-02-15', 'soon'] })).toEqual(['/dueDates/1']);
  });

  it('rejects due dates that do not increase or start before the loan', () => {
    expect(pointers({ ...valid, startDate: '2026-01-15', dueDates: ['2026-03-15', '2026-02-15'] })).toEqual(['/dueDates/1']);
    expect(pointers({ ...valid, startDate: '2026-01-15', dueDates: ['2026-01-10'] })).toEqual(['/dueDates/0']);
  });

  it('points into the fees array', () => {
    expect(
      pointers({
        ...valid,
        fees: [
          { kind: 'upfront', amount: '10' },
          { kind: 'periodic', percentOfInstallment: '-1' },
        ],
      }),
    ).toEqual(['/fees/1/percentOfInstallment']);
    expect(pointers({ ...valid, fees: [{ kind: 'monthly', amount: '10' }] })).toEqual(['/fees/0/kind']);
    expect(pointers({ ...valid, fees: [{ kind: 'upfront', amount: '10', percent: '1' }] })).toEqual(['/fees/0']);
    expect(pointers({ ...valid, fees: [{ kind: 'upfront', amount: '100000' }] })).toEqual(['/fees']);
  });

  it('reports unknown fields instead of ignoring typos', () => {
    expect(pointers({ ...valid, termMonth: 12 })).toEqual(['/termMonth']);
  });

  it('needs a rate, and only one kind of rate', () => {
    const { annualRate: _rate, ...noRate } = valid;
    expect(pointers(noRate)).toEqual(['/annualRate']);
    expect(pointers({ ...valid, lpr: { rate: '3', effectiveDate: '2025-05-20', spreadBp: 45 } })).toEqual(['/lpr']);
    expect(pointers({ ...noRate, lpr: { rate: '3', effectiveDate: '2025-05-20', spreadBp: -400 } })).toEqual(['/lpr/spreadBp']);
  });

  it('needs a start date for actual-day counts and revolving draws', () => {
    expect(messageAt({ ...valid, dayCount: 'ACT/365' }, '/startDate')).toMatch(/required because the ACT\/365 day count/);
    expect(pointers({ ...valid, method: 'revolving' })).toEqual(['/startDate']);
  });

  it('keeps terms in days to bullet and revolving loans', () => {
    const { termMonths: _term, ...noTerm } = valid;
    expect(pointers({ ...noTerm, termDays: 90 })).toEqual(['/termDays']);
    expect(pointers({ ...noTerm, method: 'bullet', termDays: 90 })).toEqual([]);
    expect(pointers(noTerm)).toEqual(['/termMonths']);
  });

  it('rejects quarterly terms that are not whole quarters and grace that leaves nothing to repay', () => {
    expect(pointers({ ...valid, termMonths: 10, frequency: 'quarterly' })).toEqual(['/termMonths']);
    expect(pointers({ ...valid, graceMonths: 12 })).toEqual(['/graceMonths']);
    expect(pointers({ ...valid, method: 'interest-only', graceMonths: 3 })).toEqual(['/graceMonths']);
  });

  it('never throws on arbitrary JSON', () => {
    for (const input of [null, 42, 'x', [], { principal: {} }, { fees: 'none' }, { rounding: [] }, { lpr: null }, { dueDates: {} }]) {
      expect(() => parseScheduleRequest(input)).not.toThrow();
      expect(parseScheduleRequest(input).errors.length).toBeGreaterThan(0);
    }
  });
});
