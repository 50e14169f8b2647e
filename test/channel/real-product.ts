import type { FlowBlock, FlowDocument, FlowLink } from '../../server/engine/flow-document.ts';
import type { Catalog } from '../../server/engine/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';

const block = (id: string, type: string, config: Record<string, unknown>, x = 0): FlowBlock => ({ id, type, typeVersion: 1, config, position: { x, y: 0 } });
const link = (from: string, fromPort: string, to: string): FlowLink => ({ id: `${from}-${fromPort}-${to}`, from: { block: from, port: fromPort }, to: { block: to, port: 'in' } });

/**
 * A real consumer product made of registered block types: application → age 22–60 → 10 × monthly
 * income → cap 100,000 → fixed `rate` → equal installment / equal principal → offer.
 */
export function consumerFlow(options: { rate: string; channels: string[]; productId?: string }): FlowDocument {
  return {
    schemaVersion: 1,
    blocks: [
      block('start', 'application', {
        productId: options.productId ?? 'salary-loan',
        name: { 'zh-CN': '工薪贷', en: 'Salary loan' },
        kind: 'consumption',
        currency: 'CNY',
        channels: options.channels,
        amount: { min: '1000', max: '200000', step: '1000' },
        termMonths: { min: 6, max: 36 },
        lprReference: { tenor: '1Y', rate: '3.00', effectiveDate: '2025-05-20' },
      }),
      block('age', 'age-gate', { minAge: 22, maxAge: 60, ageSource: 'age' }, 200),
      block('income', 'income-multiple', { multiple: 10, incomeField: 'applicant.monthlyIncome' }, 400),
      block('cap', 'limit-range', { min: '5000', max: '100000', step: '1000' }, 600),
      block('price', 'base-rate', { mode: 'fixed', fixedRate: options.rate }, 800),
      block(
        'repay',
        'repayment',
        {
          methods: ['equal-installment', 'equal-principal'],
          defaultMethod: 'equal-installment',
          termsMonths: [6, 12, 24, 36],
          defaultTermMonths: 12,
          dayCount: '30/360',
          rounding: { mode: 'HALF_UP', unit: '0.01' },
          frequency: 'monthly',
        },
        1000,
      ),
      block('approve', 'offer', {}, 1200),
    ],
    links: [link('start', 'out', 'age'), link('age', 'pass', 'income'), link('income', 'out', 'cap'), link('cap', 'out', 'price'), link('price', 'out', 'repay'), link('repay', 'out', 'approve')],
  };
}

/** Compiles a flow with the real compiler; throws with the diagnostics when it does not compile. */
export function compileOrThrow(document: FlowDocument, catalog: Catalog, version: number): ProductDefinition {
  const result = compile(document, { catalog, version });
  if (!result.product) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.pointer} ${d.message.en}`).join('\n'));
  return result.product;
}

/** An applicant the product approves: 30 years old, 8,000 a month. */
export const goodApplication = () => ({ applicant: { age: 30, monthlyIncome: 8000, name: '李四', idNumber: '110105199001011234', phone: '13700001111' } });
