import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import { runSuite } from '../../server/engine/suite/run-suite.ts';
import type { TestCase } from '../../server/engine/suite/test-case.ts';
import { goodApplicant, smallConsumerFlow } from '../fixtures/small-flow.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const catalog = defaultCatalog();
const productIds = fs
  .readdirSync(EXAMPLES)
  .filter((id) => fs.existsSync(path.join(EXAMPLES, id, 'flow.json')))
  .sort();
const documentOf = (id: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, id, 'flow.json'), 'utf8')) as FlowDocument;
const evaluatorOf = (document: FlowDocument) => {
  const { product, diagnostics } = compile(document, { catalog, resolveBase: ({ productId }) => (productIds.includes(productId) ? { document: documentOf(productId), version: null } : undefined) });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildEvaluator(product!, catalog);
};
const suiteOf = (id: string): TestCase[] => {
  const dir = path.join(EXAMPLES, id, 'samples');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TestCase);
};

/**
 * The small consumer product with a three-rule rule set after the bureau check and a three-row
 * income pricing table after the base rate, so every kind of coverage item is present.
 */
function coveredFlow(): FlowDocument {
  const document = smallConsumerFlow();
  document.blocks.push(
    {
      id: 'rules',
      type: 'rule-set',
      typeVersion: 1,
      position: { x: 500, y: 0 },
      config: {
        rules: [
          { id: 'R1', name: '年龄偏大', when: 'applicant.age > 55', reasonCode: 'AGE_OVER_55', action: 'decline' },
          { id: 'R2', name: '收入偏低', when: 'applicant.monthlyIncome < 3000', reasonCode: 'LOW_INCOME', action: 'refer' },
          { id: 'R3', name: '近期查询多', when: 'applicant.bureau.inquiries3m >= 5', reasonCode: 'MANY_INQUIRIES', action: 'decline' },
        ],
      },
    },
    {
      id: 'income-price',
      type: 'pricing-table',
      typeVersion: 1,
      position: { x: 1100, y: 0 },
      config: {
        code: 'INCOME_BAND',
        label: { 'zh-CN': '收入定价', en: 'Income pricing' },
        inputs: [{ id: 'income', label: { 'zh-CN': '月收入', en: 'Monthly income' }, expression: 'applicant.monthlyIncome', type: 'number' }],
        rows: [
          { id: 'low', when: { income: { max: 5000 } }, adjustmentBp: 50 },
          { id: 'mid', when: { income: { min: 5000, max: 10000 } }, adjustmentBp: 0 },
          { id: 'high', when: { income: { min: 10000 } }, adjustmentBp: -20 },
        ],
        hitPolicy: 'first',
        defaultBp: 0,
      },
    },
  );
  const relink = (from: string, port: string, to: string) => {
    document.links.find((link) => link.from.block === from && link.from.port === port)!.to.block = to;
  };
  relink('bureau', 'pass', 'rules');
  relink('price', 'out', 'income-price');
  document.links.push(
    { id: 'rules-pass', from: { block: 'rules', port: 'pass' }, to: { block: 'income', port: 'in' } },
    { id: 'income-price-out', from: { block: 'income-price', port: 'out' }, to: { block: 'bounds', port: 'in' } },
  );
  return document;
}

const applicant = (changes: Record<string, unknown>) => {
  const application = goodApplicant() as { applicant: Record<string, unknown> };
  return { applicant: { ...application.applicant, ...changes } };
};
const testCase = (id: string, application: Record<string, unknown>, expected: TestCase['expected']): TestCase => ({
  id,
  title: { 'zh-CN': id, en: id },
  application,
  request: { requestedAmount: '50000', termMonths: 12, asOf: '2026-11-22' },
  expected,
});

describe('product test suites', () => {
  it.each(productIds)('the %s samples are its suite: every case conforms to the test-case schema and passes', (id) => {
    const validate = catalog.schemas.compile({ $ref: 'https://schemas.loan-blocks.dev/test-case.schema.json' });
    const suite = suiteOf(id);
    for (const testCase of suite) expect(validate(testCase) ? [] : validate.errors, testCase.id).toEqual([]);
    const run = runSuite(evaluatorOf(documentOf(id)), catalog, suite);
    expect(run.results.filter((result) => result.status !== 'pass')).toEqual([]);
    expect(run.passed).toBe(suite.length);
  });

  it('shows the field, the expected and the actual value of a failing case', () => {
    // 30 years old, 8,000 a month: 10 × 8,000 = 80,000 caps nothing below the 50,000 asked, so the limit is 50,000 at 4.50 %
    const run = runSuite(evaluatorOf(smallConsumerFlow()), catalog, [
      testCase('right', goodApplicant(), { outcome: 'approve', reasonCodes: [], offer: { limit: '50000.00', rateAnnual: '4.50' } }),
      testCase('wrong', goodApplicant(), { outcome: 'approve', offer: { limit: '60000.00', rateAnnual: '4.5', termMonths: 24 } }),
      testCase('declined', applicant({ age: 20 }), { outcome: 'approve', reasonCodes: [] }),
    ]);
    expect(run.results.map((result) => result.status)).toEqual(['pass', 'fail', 'fail']);
    expect(run.results[1].differences).toEqual([
      { field: 'offer.limit', expected: '60000.00', actual: '50000.00' },
      { field: 'offer.termMonths', expected: 24, actual: 12 },
    ]);
    expect(run.results[2].differences).toEqual([
      { field: 'outcome', expected: 'approve', actual: 'decline' },
      { field: 'reasonCodes', expected: [], actual: ['AGE_BELOW_MIN'] },
    ]);
    expect([run.passed, run.failed]).toEqual([1, 2]);
  });

  it('reports a case the product refuses as invalid, with the field errors', () => {
    const run = runSuite(evaluatorOf(smallConsumerFlow()), catalog, [testCase('bad', applicant({ age: 'thirty' }), { outcome: 'approve' })]);
    expect(run.results[0].status).toBe('invalid');
    expect(run.results[0].errors).toContainEqual({ pointer: '/application/applicant/age', message: 'must be integer', messageZh: '应为整数' });
  });

  it('counts the blocks, ports, rules and table rows no case reaches (counted by hand on a 12-block product)', () => {
    const run = runSuite(evaluatorOf(coveredFlow()), catalog, [
      testCase('clean', goodApplicant(), { outcome: 'approve' }), // every block but the decline; rules pass; income 8,000 → row mid
      testCase('older', applicant({ age: 58 }), { outcome: 'decline' }), // passes age (≤ 60) and bureau, hits R1 → rules fail
      testCase('young', applicant({ age: 20 }), { outcome: 'decline' }), // age gate fails, declines there
    ]);
    expect(run.results.map((result) => result.status)).toEqual(['pass', 'pass', 'pass']);
    const { blocks, ports, rules, rows } = run.coverage;
    // 12 blocks: start age bureau rules income cap price income-price bounds repay approve reject; no case declines at the bureau
    expect([blocks.total, blocks.reached, blocks.unreached]).toEqual([12, 11, [{ blockId: 'reject' }]]);
    // 13 ports: start.out, age/bureau/rules pass+fail, one out each for income cap price income-price bounds repay; outcomes have none
    expect([ports.total, ports.reached, ports.unreached]).toEqual([13, 12, [{ blockId: 'bureau', port: 'fail' }]]);
    expect([rules.total, rules.reached, rules.unreached]).toEqual([
      3,
      1,
      [
        { blockId: 'rules', ruleId: 'R2' },
        { blockId: 'rules', ruleId: 'R3' },
      ],
    ]);
    expect([rows.total, rows.reached, rows.unreached]).toEqual([
      3,
      1,
      [
        { blockId: 'income-price', rowId: 'low' },
        { blockId: 'income-price', rowId: 'high' },
      ],
    ]);
  });
});
