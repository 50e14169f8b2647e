import type { BlockResult, CompiledExpression, EvaluationInput, ReasonInput } from '../../engine/block-type.ts';

/**
 * What compile makes of a rule set: parallel arrays over the enabled rules, so the hot loop only
 * indexes arrays and calls closures (no per-rule allocation, no property lookups on configs).
 */
export interface RuleSetPrepared {
  conditions: CompiledExpression[]; // hit conditions, in rule order
  declines: boolean[]; // true: a hit declines and stops the set; false: a hit refers
  reasons: ReasonInput[]; // the reason each rule gives when hit, built once
  ids: string[];
}

/**
 * Runs the enabled rules in order. Only `true` is a hit (null — a missing field — is not).
 * Stops at the first decline hit; refer hits before it are kept. Passed when nothing hits.
 */
export function evaluateRuleSet(prepared: RuleSetPrepared, input: EvaluationInput): BlockResult {
  const { conditions, declines } = prepared;
  const application = input.application;
  const count = conditions.length;
  let referHits: number[] | undefined; // allocated only when something hits
  let declineHit = -1;
  let index = 0;
  for (; index < count; index++) {
    if (conditions[index].evaluate(application) !== true) continue;
    if (declines[index]) {
      declineHit = index;
      break;
    }
    (referHits ??= []).push(index);
  }
  const evaluated = declineHit >= 0 ? declineHit + 1 : count;
  if (declineHit < 0 && !referHits) return { kind: 'gate', passed: true, facts: { rulesEvaluated: evaluated, hits: [] } };

  const hitIndexes = referHits ?? [];
  if (declineHit >= 0) hitIndexes.push(declineHit);
  return {
    kind: 'gate',
    passed: false,
    action: declineHit >= 0 ? 'decline' : 'refer',
    reasons: hitIndexes.map((hit) => ({ ...prepared.reasons[hit] })),
    facts: { rulesEvaluated: evaluated, hits: hitIndexes.map((hit) => prepared.ids[hit]) },
  };
}
