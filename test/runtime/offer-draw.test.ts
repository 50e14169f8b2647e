import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import { goodApplicant, smallConsumerFlow } from '../fixtures/small-flow.ts';

/* Issue 12, findings 1 and 7: a bullet with a harvest window, and the credit line vs the draw. */

const catalog = defaultCatalog();
const decide = (doc: FlowDocument, extra: Record<string, unknown>) => {
  const { product, diagnostics } = compile(doc, { catalog });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = buildEvaluator(product!, catalog).decide({ application: goodApplicant(), asOf: '2026-11-22', ...extra });
  if (!('decision' in result)) throw new Error(JSON.stringify(result.errors));
  expect(catalog.schemas.check('https://schemas.loan-blocks.dev/decision.schema.json', JSON.parse(JSON.stringify(result.decision)))).toEqual([]);
  return result.decision;
};

/** The small consumer flow with a farm-style repayment block: bullet or quarterly interest, maturity in a harvest window. */
function harvestFlow(): FlowDocument {
  const doc = smallConsumerFlow();
  for (const block of doc.blocks) {
    if (block.id === 'price') block.config = { mode: 'fixed', fixedRate: '4.00' };
    if (block.id === 'repay') {
      block.config = {
        methods: ['bullet', 'interest-only'],
        defaultMethod: 'bullet',
        termsMonths: [12],
        defaultTermMonths: 12,
        dayCount: 'ACT/360',
        rounding: { mode: 'HALF_UP', unit: '0.01' },
        frequency: 'quarterly',
        paymentDay: 20,
        maturityWindow: { from: '11-01', to: '12-31', preferred: '11-20' },
      };
    }
  }
  return doc;
}

describe('finding 1: a bullet loan with a harvest window is one payment at maturity', () => {
  it('80,000 at 4 % from 2025-11-20, maturing 2026-11-20: 83,244.44 in one row', () => {
    const { offer } = decide(harvestFlow(), { asOf: '2025-11-20', requestedAmount: '80000', repaymentMethod: 'bullet' });
    expect(offer!.repaymentMethod).toBe('bullet');
    // 80,000 × 4 % × 365 ÷ 360 = 3,244.444… → 3,244.44 (HALF_UP)
    expect(offer!.schedule.rows).toEqual([{ period: 1, dueDate: '2026-11-20', days: 365, payment: '83244.44', principal: '80000.00', interest: '3244.44', balance: '0.00' }]);
    expect(offer!.apr.simple).toBe('4.0000'); // no fees: the contract rate
  });

  it('interest-only on the same product still settles interest quarterly on the 20th', () => {
    const { offer } = decide(harvestFlow(), { asOf: '2025-11-20', requestedAmount: '80000', repaymentMethod: 'interest-only' });
    expect(offer!.schedule.rows.map((row) => row.dueDate)).toEqual(['2025-12-20', '2026-03-20', '2026-06-20', '2026-09-20', '2026-11-20']);
    expect(offer!.apr.simple).toBe('4.0000');
  });
});

describe('finding 7: the offer tells the credit line (授信额度) from this draw (支用金额)', () => {
  // Caps: 10 × 8,000 = 80,000 (income multiple) and 100,000 (limit range): the line is 80,000.
  it('a draw of 50,000 on a line of 80,000: the schedule is for the draw', () => {
    const { offer } = decide(smallConsumerFlow(), { requestedAmount: '50000', termMonths: 12 });
    expect(offer!.creditLine).toBe('80000.00');
    expect(offer!.amount).toBe('50000.00');
    expect(offer!.termMonths).toBe(12);
    expect(offer!.limit).toBe('50000.00'); // unchanged for API 1.0 clients: equals the draw
    expect(offer!.schedule.totals.principal).toBe('50000.00');
  });

  it('asking for more than the line draws the line; asking nothing draws the whole line', () => {
    for (const extra of [{ requestedAmount: '150000' }, {}]) {
      const { offer } = decide(smallConsumerFlow(), extra);
      expect([offer!.creditLine, offer!.amount]).toEqual(['80000.00', '80000.00']);
    }
  });

  it('rounds the draw down to the step, never the line', () => {
    const { offer } = decide(smallConsumerFlow(), { requestedAmount: '12345.67' });
    expect([offer!.creditLine, offer!.amount]).toEqual(['80000.00', '12000.00']);
  });
});
