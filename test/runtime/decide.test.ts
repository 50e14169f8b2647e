import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { Decimal } from '../../server/engine/money.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { goodApplicant, smallConsumerFlow } from '../fixtures/small-flow.ts';

const catalog = defaultCatalog();
const evaluatorFor = (doc: FlowDocument = smallConsumerFlow()) => {
  const { product, diagnostics } = compile(doc, { catalog });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildEvaluator(product!, catalog);
};
const decide = (application: unknown, extra: Record<string, unknown> = {}, doc?: FlowDocument) => {
  const result = evaluatorFor(doc).decide({ application, asOf: '2026-11-22', ...extra });
  if (!('decision' in result)) throw new Error(JSON.stringify(result.errors));
  return result.decision;
};
const withApplicant = (patch: Record<string, unknown>) => {
  const application = goodApplicant() as { applicant: Record<string, unknown> };
  Object.assign(application.applicant, patch);
  return application;
};

describe('decide', () => {
  it('approves a clean applicant at the requested amount, with an exact equal-installment schedule', () => {
    const decision = decide(goodApplicant(), { requestedAmount: '50000', termMonths: 12 });
    expect(decision.outcome).toBe('approve');
    const offer = decision.offer!;
    // 10 × 8,000 = 80,000 and the cap of 100,000 both exceed the 50,000 asked for.
    expect(offer.limit).toBe('50000.00');
    expect(offer.rate.annual).toBe('4.5000');
    // Independent closed form: PMT = P·r / (1 − (1 + r)^−n) with r = 4.5 % / 12.
    const r = new Decimal('0.045').div(12);
    const pmt = new Decimal(50000)
      .mul(r)
      .div(new Decimal(1).minus(r.plus(1).pow(-12)))
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(offer.schedule.rows[0].payment).toBe(pmt.toFixed(2));
    expect(offer.schedule.rows[0].interest).toBe('187.50'); // 50,000 × 0.375 %
    expect(offer.schedule.rows.at(-1)!.balance).toBe('0.00');
    expect(offer.schedule.totals.principal).toBe('50000.00');
    expect(offer.apr.simple).toBe('4.5000');
    expect(decision.trace!.map((step) => step.blockId)).toEqual(['start', 'age', 'bureau', 'income', 'cap', 'price', 'bounds', 'repay', 'approve']);
    expect(catalog.schemas.check('https://schemas.loan-blocks.dev/decision.schema.json', JSON.parse(JSON.stringify(decision)))).toEqual([]);
  });

  it('offers the minimum of the caps, rounded down to the step, when nothing is requested', () => {
    // 10 × 7,654.32 = 76,543.20 → rounded down to 1,000 → 76,000.
    const decision = decide(withApplicant({ monthlyIncome: 7654.32 }));
    expect(decision.offer!.limit).toBe('76000.00');
    expect(decision.offer!.caps[0]).toMatchObject({ blockId: 'income', amount: '76543.20' });
  });

  it('leaves the trace out when asked to, and nothing else changes', () => {
    const request = { requestedAmount: '50000', termMonths: 12 };
    const withTrace = decide(goodApplicant(), request);
    const without = decide(goodApplicant(), { ...request, trace: false });
    expect(without).not.toHaveProperty('trace');
    const { trace, ...rest } = withTrace;
    expect(trace!.length).toBe(9);
    expect(without).toEqual(rest);
    expect(catalog.schemas.check('https://schemas.loan-blocks.dev/decision.schema.json', JSON.parse(JSON.stringify(without)))).toEqual([]);
  });

  it('gives each of two periodic fees its own total, next to an upfront fee, adding up to the schedule’s fee total', () => {
    const doc = smallConsumerFlow();
    doc.blocks.push({
      id: 'fees',
      type: 'fee',
      typeVersion: 1,
      position: { x: 1300, y: 200 },
      config: {
        fees: [
          { code: 'SERVICE_FEE', label: { 'zh-CN': '服务费', en: 'Service fee' }, timing: 'upfront', basis: 'percent-of-principal', value: '1' },
          { code: 'ACCOUNT_FEE', label: { 'zh-CN': '账户管理费', en: 'Account fee' }, timing: 'periodic', basis: 'flat', value: '1' },
          { code: 'INSURANCE', label: { 'zh-CN': '保费', en: 'Insurance' }, timing: 'periodic', basis: 'percent-of-installment', value: '0.5' },
        ],
      },
    });
    const toRepay = doc.links.find((l) => l.from.block === 'bounds')!;
    toRepay.to = { block: 'fees', port: 'in' };
    doc.links.push({ id: 'fees-out-repay', from: { block: 'fees', port: 'out' }, to: { block: 'repay', port: 'in' } });
    const decision = decide(goodApplicant(), { requestedAmount: '50000', termMonths: 12 }, doc);
    const offer = decision.offer!;
    expect(offer.schedule.rows).toHaveLength(12);
    // 0.5 % of each installment (principal + interest of its row), rounded half up to the cent, summed by hand here.
    const insurance = offer.schedule.rows.reduce((sum, row) => sum.plus(new Decimal(row.principal).plus(row.interest).mul('0.005').toDecimalPlaces(2, Decimal.ROUND_HALF_UP)), new Decimal(0));
    expect(offer.fees).toEqual([
      { code: 'SERVICE_FEE', label: { 'zh-CN': '服务费', en: 'Service fee' }, amount: '500.00', timing: 'upfront' }, // 1 % of 50,000
      { code: 'ACCOUNT_FEE', label: { 'zh-CN': '账户管理费', en: 'Account fee' }, amount: '12.00', timing: 'periodic' }, // 1 × 12
      { code: 'INSURANCE', label: { 'zh-CN': '保费', en: 'Insurance' }, amount: insurance.toFixed(2), timing: 'periodic' },
    ]);
    expect(insurance.toNumber()).toBeGreaterThan(200); // ~21.3 a month: not a zero or a copy of the flat fee
    expect(new Decimal(500).plus(12).plus(insurance).toFixed(2)).toBe(offer.schedule.totals.fees);
  });

  it('declines an applicant older than the maximum age, with the age gate reason', () => {
    const decision = decide(withApplicant({ age: 61 }));
    expect(decision.outcome).toBe('decline');
    expect(decision.reasons[0]).toMatchObject({ blockId: 'age', action: 'decline' });
    expect(decision.offer).toBeUndefined();
  });

  it('follows a failed gate’s fail port to its decline outcome, keeping the gate’s reasons', () => {
    const application = goodApplicant() as { applicant: { bureau: Record<string, unknown> } };
    application.applicant.bureau.currentOverdue = true;
    const decision = decide(application);
    expect(decision.outcome).toBe('decline');
    expect(decision.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['BUREAU_CURRENT_OVERDUE', 'BUREAU_REJECTED']));
    expect(decision.trace!.map((s) => s.blockId)).toEqual(['start', 'age', 'bureau', 'reject']);
    // Each reason appears once, in full, at the top; the trace names it by code.
    expect(decision.trace![2]).toMatchObject({ blockId: 'bureau', result: 'fail', port: 'fail', reasonCodes: ['BUREAU_CURRENT_OVERDUE'] });
    expect(decision.reasons.filter((r) => r.code === 'BUREAU_CURRENT_OVERDUE')).toHaveLength(1);
  });

  it('declines when the calculated limit is below the minimum loan', () => {
    // 10 × 400 = 4,000 is below the limit-range minimum of 5,000.
    const decision = decide(withApplicant({ monthlyIncome: 400 }));
    expect(decision.outcome).toBe('decline');
    expect(decision.reasons[0].code).toBe('LIMIT_BELOW_MINIMUM');
  });

  it('clamps the rate to the floor', () => {
    const doc = smallConsumerFlow();
    Object.assign(doc.blocks.find((b) => b.id === 'price')!.config, { fixedRate: '2.50' });
    const decision = decide(goodApplicant(), {}, doc);
    expect(decision.offer!.rate).toMatchObject({ annual: '3.0000', clampedTo: 'floor' });
  });

  it('answers field errors for a broken application and request, never a decision', () => {
    const evaluator = evaluatorFor();
    const result = evaluator.decide({ application: { applicant: { age: 'thirty' } }, asOf: '2026-02-30', requestedAmount: '-5', termMonths: 1.5 });
    expect('errors' in result && result.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/asOf', '/requestedAmount', '/termMonths']));
    const invalid = evaluator.decide({ application: { applicant: { age: 'thirty' } }, asOf: '2026-11-22' });
    expect('errors' in invalid && invalid.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/application/applicant/age', '/application/applicant/monthlyIncome']));
  });

  it('refuses a term or method the repayment block does not offer, naming the allowed ones', () => {
    const evaluator = evaluatorFor();
    const term = evaluator.decide({ application: goodApplicant(), asOf: '2026-11-22', termMonths: 18 });
    expect('errors' in term && term.errors[0]).toMatchObject({ pointer: '/termMonths', message: expect.stringContaining('6, 12, 24, 36') });
    const method = evaluator.decide({ application: goodApplicant(), asOf: '2026-11-22', repaymentMethod: 'bullet' });
    expect('errors' in method && method.errors[0].pointer).toBe('/repaymentMethod');
  });
});

describe('fields only a branch needs', () => {
  /** The small flow with a segment switch: tobacco retailers get a turnover-share limit, the others an income multiple. */
  const branchingFlow = () => {
    const doc = smallConsumerFlow();
    doc.blocks.push(
      {
        id: 'split',
        type: 'segment-switch',
        typeVersion: 1,
        config: { branches: [{ id: 'tobacco', label: { 'zh-CN': '烟草户', en: 'Tobacco' }, when: '"tobacco" in applicant.segmentTags' }] },
        position: { x: 0, y: 0 },
      },
      { id: 'orders', type: 'turnover-share', typeVersion: 1, config: { source: 'tobacco-orders-12m', sharePercent: 50, subtractExistingTobaccoLoans: false }, position: { x: 0, y: 0 } },
    );
    doc.links = doc.links.filter((l) => l.id !== 'bureau-pass-income' && l.id !== 'income-out-cap');
    doc.links.push(
      { id: 'to-split', from: { block: 'bureau', port: 'pass' }, to: { block: 'split', port: 'in' } },
      { id: 'tob', from: { block: 'split', port: 'tobacco' }, to: { block: 'orders', port: 'in' } },
      { id: 'other', from: { block: 'split', port: 'else' }, to: { block: 'income', port: 'in' } },
      { id: 'orders-cap', from: { block: 'orders', port: 'out' }, to: { block: 'cap', port: 'in' } },
      { id: 'income-cap', from: { block: 'income', port: 'out' }, to: { block: 'cap', port: 'in' } },
    );
    return doc;
  };

  it('leaves a branch-only field optional in the application form', () => {
    const { product } = compile(branchingFlow(), { catalog });
    const schema = product!.applicationSchema as { required?: string[]; properties: Record<string, { required?: string[] }> };
    expect(schema.properties.business).toBeDefined();
    expect(schema.required ?? []).not.toContain('business');
    expect(schema.properties.applicant.required).toEqual(expect.arrayContaining(['age']));
    expect(schema.properties.applicant.required).not.toContain('monthlyIncome');
  });

  it('decides an applicant on the other branch without the branch-only field', () => {
    expect(decide(goodApplicant(), {}, branchingFlow()).outcome).toBe('approve');
  });

  it('answers a field error when the applicant’s path reaches a block that needs a missing field', () => {
    const application = withApplicant({ segmentTags: ['tobacco'] });
    const result = evaluatorFor(branchingFlow()).decide({ application, asOf: '2026-11-22' });
    expect('errors' in result && result.errors[0].pointer).toBe('/application/business/tobacco/orders12m');
  });
});

describe('huge amounts', () => {
  it('refuses an income beyond the dictionary maximum instead of producing an unrepresentable limit', () => {
    const result = evaluatorFor().decide({ application: withApplicant({ monthlyIncome: 1_000_000_000_000 }), asOf: '2026-11-22' });
    expect('errors' in result && result.errors[0]).toMatchObject({ pointer: '/application/applicant/monthlyIncome', message: expect.stringContaining('10000000000') });
  });

  it('keeps every figure of a decision at the dictionary maximum within the decision schema', () => {
    const decision = decide(withApplicant({ monthlyIncome: 10_000_000_000 }));
    expect(decision.offer!.caps.find((cap) => cap.blockId === 'income')!.amount).toBe('100000000000.00');
    expect(catalog.schemas.check('https://schemas.loan-blocks.dev/decision.schema.json', JSON.parse(JSON.stringify(decision)))).toEqual([]);
  });
});

describe('amounts with stray characters', () => {
  it.each([' 0', '5000 ', '1,000', '', '0x10', 'NaN'])('refuses the requested amount %j as a field error', (amount) => {
    const result = evaluatorFor().decide({ application: goodApplicant(), requestedAmount: amount, asOf: '2026-11-22' });
    expect('errors' in result && result.errors[0].pointer).toBe('/requestedAmount');
  });
});
