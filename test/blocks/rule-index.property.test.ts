import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import type { RuleSetPrepared } from '../../server/blocks/rule-set/rule-set.evaluate.ts';
import { TEST_PRODUCT } from './case-file.ts';

const catalog = defaultCatalog();
const applicationSchema = catalog.schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;
const ruleSet = catalog.blockTypes.get('rule-set')!;

const NUMBER_FIELDS = ['applicant.age', 'applicant.bureau.inquiries3m', 'applicant.bureau.cardUtilisation', 'applicant.monthlyIncome'];
const literal = fc.oneof(fc.integer({ min: 0, max: 80 }), fc.constantFrom(0.7, 0.5, 0.1, 18.5, 5000.25)).map(String);

/** Rules in every shape the index handles, and shapes it must leave to in-order evaluation. */
const condition = fc.oneof(
  fc.tuple(fc.constantFrom(...NUMBER_FIELDS), fc.constantFrom('>', '>=', '<', '<='), literal).map(([f, op, v]) => `${f} ${op} ${v}`),
  fc.tuple(literal, fc.constantFrom('>', '>=', '<', '<='), fc.constantFrom(...NUMBER_FIELDS)).map(([v, op, f]) => `${v} ${op} ${f}`),
  fc.constantFrom('罗平县', '师宗县', '陆良县').map((v) => `applicant.region == "${v}"`),
  fc.subarray(['罗平县', '师宗县', '陆良县', '富源县'], { minLength: 1 }).map((vs) => `applicant.region in [${vs.map((v) => `"${v}"`).join(', ')}]`),
  fc.boolean().map((b) => `applicant.bureau.currentOverdue == ${b}`),
  fc.tuple(fc.constantFrom(...NUMBER_FIELDS), literal, fc.constantFrom(...NUMBER_FIELDS), literal).map(([a, x, b, y]) => `${a} > ${x} and ${b} < ${y}`),
  fc.tuple(fc.constantFrom(...NUMBER_FIELDS), literal).map(([f, v]) => `${f} != ${v}`),
  fc.tuple(fc.constantFrom(...NUMBER_FIELDS), literal, literal).map(([f, a, b]) => `${f} < ${a} or ${f} > ${b}`),
  fc.constantFrom('not applicant.bureau.currentOverdue', 'applicant.monthlyIncome * 2 > 30000', 'applicant.age in [22..60]'),
);
const rules = fc.array(fc.record({ when: condition, action: fc.constantFrom('decline', 'refer'), enabled: fc.boolean() }), { minLength: 1, maxLength: 60 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const application = fc
  .record({
    age: maybe(fc.integer({ min: 0, max: 90 })),
    region: maybe(fc.constantFrom('罗平县', '师宗县', '昆明市')),
    monthlyIncome: maybe(fc.oneof(fc.integer({ min: 0, max: 40000 }), fc.constantFrom(5000.25, 15000))),
    bureau: maybe(fc.record({ inquiries3m: maybe(fc.integer({ min: 0, max: 20 })), cardUtilisation: maybe(fc.constantFrom(0, 0.1, 0.5, 0.7, 0.71, 1)), currentOverdue: maybe(fc.boolean()) })),
  })
  .map((applicant) => ({ applicant: JSON.parse(JSON.stringify(applicant)) }));

/** The reference: every enabled rule in order, stopping at the first decline hit. */
function inOrder(prepared: RuleSetPrepared, app: Record<string, unknown>) {
  const hits: string[] = [];
  for (let i = 0; i < prepared.conditions.length; i++) {
    if (prepared.conditions[i].evaluate(app) !== true) continue;
    hits.push(prepared.ids[i]);
    if (prepared.declines[i]) return { passed: false, action: 'decline', hits };
  }
  return hits.length ? { passed: false, action: 'refer', hits } : { passed: true, hits };
}

describe('the rule index', () => {
  it('gives exactly what evaluating every rule in order gives', () => {
    fc.assert(
      fc.property(rules, fc.array(application, { minLength: 1, maxLength: 8 }), (specs, apps) => {
        const config = { rules: specs.map((spec, i) => ({ id: `R${i}`, name: `rule ${i}`, when: spec.when, reasonCode: `R${i}`, action: spec.action, enabled: spec.enabled })) };
        const compiled = compileBlockConfig(ruleSet, config, createBlockContext('rules', TEST_PRODUCT, applicationSchema), catalog.schemas);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const prepared = compiled.prepared as RuleSetPrepared;
        for (const app of apps) {
          const want = inOrder(prepared, app);
          const got = ruleSet.evaluate(prepared, { application: app, request: { asOf: '2026-11-22' }, product: TEST_PRODUCT, offer: {} }) as unknown as {
            passed: boolean;
            action?: string;
            facts: { hits: string[] };
          };
          expect({ passed: got.passed, ...(got.passed ? {} : { action: got.action }), hits: got.facts.hits }).toEqual(want);
        }
      }),
      { numRuns: 400 },
    );
  });
});
