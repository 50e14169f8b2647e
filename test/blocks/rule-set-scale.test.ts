import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import type { BlockResult, EvaluationInput } from '../../server/engine/block-type.ts';
import type { RuleSetPrepared } from '../../server/blocks/rule-set/rule-set.evaluate.ts';
import type { Rule } from '../../server/blocks/rule-set/rule-set.block.ts';
import { TEST_PRODUCT } from './case-file.ts';

const catalog = defaultCatalog();
const applicationSchema = catalog.schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;
const ruleSet = catalog.blockTypes.get('rule-set')!;

/**
 * A credit factory's approval rule set: 3,000 rules of a few shapes with thresholds no ordinary
 * applicant reaches, plus three planted rules whose hits the tests look for.
 */
function approvalRules(): Rule[] {
  const rules: Rule[] = [];
  for (let index = 0; index < 3000; index++) {
    const id = `R${String(index).padStart(4, '0')}`;
    const shape = index % 4;
    const when = [
      `applicant.bureau.inquiries6m > ${200 + index}`,
      `applicant.monthlyDebtPayments > ${1_000_000 + index} and applicant.age >= 18`,
      `applicant.score < ${-1 - index}`,
      `applicant.region == "不存在的县${index}"`,
    ][shape];
    rules.push({ id, name: `规则 ${id}`, when, reasonCode: 'APPROVAL_RULE', action: index % 2 ? 'refer' : 'decline' });
  }
  rules[100] = { id: 'R0100', name: '评分过低', when: 'applicant.score < 400', reasonCode: 'SCORE_LOW', action: 'refer' };
  rules[1500] = { id: 'R1500', name: '非服务区域', when: 'applicant.region == "麒麟区"', reasonCode: 'REGION_OUT', action: 'decline' };
  rules[2999] = { id: 'R2999', name: '高龄', when: 'applicant.age > 70', reasonCode: 'AGE_HIGH', action: 'refer' };
  return rules;
}

const compiled = compileBlockConfig(ruleSet, { rules: approvalRules() }, createBlockContext('rules', TEST_PRODUCT, applicationSchema), catalog.schemas);

function decide(applicant: Record<string, unknown>): BlockResult {
  const input: EvaluationInput = { application: { applicant }, request: { asOf: '2026-11-22' }, product: TEST_PRODUCT, offer: {} };
  return ruleSet.evaluate(compiled.prepared as RuleSetPrepared, input);
}

const ordinary = { age: 40, score: 650, region: '罗平县', monthlyDebtPayments: 2000, bureau: { inquiries6m: 3 } };

describe('a rule set of 3,000 rules', () => {
  it('compiles without diagnostics and keeps every rule', () => {
    expect(compiled.diagnostics).toEqual([]);
    expect((compiled.prepared as RuleSetPrepared).conditions).toHaveLength(3000);
    expect(compiled.reads.map((read) => read.path)).toEqual(expect.arrayContaining(['applicant.age', 'applicant.score', 'applicant.region', 'applicant.bureau.inquiries6m']));
  });

  it('passes an ordinary applicant after evaluating all 3,000 rules', () => {
    expect(decide(ordinary)).toMatchObject({ kind: 'gate', passed: true, facts: { rulesEvaluated: 3000, hits: [] } });
  });

  it('stops at the decline rule in the middle and keeps the refer hit before it', () => {
    const result = decide({ ...ordinary, score: 350, region: '麒麟区', age: 75 });
    expect(result).toMatchObject({ kind: 'gate', passed: false, action: 'decline', facts: { rulesEvaluated: 1501, hits: ['R0100', 'R1500'] } });
    const reasons = result.kind === 'gate' ? (result.reasons ?? []) : [];
    expect(reasons.map((reason) => reason.code)).toEqual(['SCORE_LOW', 'REGION_OUT']);
  });

  it('collects refer hits down to the last rule when nothing declines', () => {
    const result = decide({ ...ordinary, score: 350, age: 75 });
    expect(result).toMatchObject({ kind: 'gate', passed: false, action: 'refer', facts: { rulesEvaluated: 3000, hits: ['R0100', 'R2999'] } });
  });

  it('gives the same answer on every run (pure and deterministic)', () => {
    const applicant = { ...ordinary, age: 75 };
    expect(decide(applicant)).toEqual(decide(applicant));
  });
});
