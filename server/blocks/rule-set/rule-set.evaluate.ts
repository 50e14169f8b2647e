import type { BlockResult, CompiledExpression, EvaluationInput, ReasonInput } from '../../engine/block-type.ts';
import { collectCandidates, type RuleIndex } from './rule-index.ts';

/**
 * What compile makes of a rule set: parallel arrays over the enabled rules, so the hot loop only
 * indexes arrays and calls closures (no per-rule allocation, no property lookups on configs).
 */
export interface RuleSetPrepared {
  conditions: CompiledExpression[]; // hit conditions, in rule order
  declines: boolean[]; // true: a hit declines and stops the set; false: a hit refers
  reasons: ReasonInput[]; // the reason each rule gives when hit, built once
  ids: string[];
  index: RuleIndex; // thresholds and equalities by field; the rest evaluated in order
}

/**
 * Runs the enabled rules in order. Only `true` is a hit (null — a missing field — is not).
 * Stops at the first decline hit; refer hits before it are kept. Passed when nothing hits.
 */
export function evaluateRuleSet(prepared: RuleSetPrepared, input: EvaluationInput): BlockResult {
  const { conditions, declines } = prepared;
  const application = input.application;
  const count = conditions.length;
  // The first decline hit in rule order and every refer hit before it: exactly what running the
  // rules in order gives. Indexed rules are looked up; residual rules run in order until the first
  // decline found so far, since nothing after it can matter.
  let declineHit = count;
  let referHits: number[] | undefined; // allocated only when something hits
  // Sure hits first, so that conjunctions behind the first sure decline need no confirming: the
  // outcome depends only on which rules hit (closures are pure), not on the order they are found.
  const candidates: number[] = [];
  collectCandidates(prepared.index, application, candidates);
  let toConfirm = false;
  for (let i = 0; i < candidates.length; i++) {
    const position = candidates[i] >> 1;
    if ((candidates[i] & 1) === 1) toConfirm = true;
    else if (position < declineHit) {
      if (declines[position]) declineHit = position;
      else (referHits ??= []).push(position);
    }
  }
  for (let i = 0; toConfirm && i < candidates.length; i++) {
    const position = candidates[i] >> 1;
    if ((candidates[i] & 1) === 0 || position >= declineHit || conditions[position].evaluate(application) !== true) continue;
    if (declines[position]) declineHit = position;
    else (referHits ??= []).push(position);
  }
  const residual = prepared.index.residual;
  for (let i = 0; i < residual.length && residual[i] < declineHit; i++) {
    const position = residual[i];
    if (conditions[position].evaluate(application) !== true) continue;
    if (declines[position]) declineHit = position;
    else (referHits ??= []).push(position);
  }
  const declined = declineHit < count;
  const refers = referHits ? inRuleOrder(referHits, declineHit) : [];
  const evaluated = declined ? declineHit + 1 : count;
  if (!declined && !refers.length) return { kind: 'gate', passed: true, facts: { rulesEvaluated: evaluated, hits: [] } };

  const hitIndexes = declined ? [...refers, declineHit] : refers;
  return {
    kind: 'gate',
    passed: false,
    action: declined ? 'decline' : 'refer',
    reasons: hitIndexes.map((hit) => prepared.reasons[hit]), // built once at compile; results are never changed
    facts: { rulesEvaluated: evaluated, hits: hitIndexes.map((hit) => prepared.ids[hit]) },
  };
}

/**
 * The positions before `limit`, ascending. A refer trait can hit hundreds of rules, so they are
 * sorted as integers in a typed array (no comparator calls); positions are distinct.
 */
function inRuleOrder(positions: readonly number[], limit: number): number[] {
  const kept = new Int32Array(positions.length);
  let count = 0;
  for (let i = 0; i < positions.length; i++) if (positions[i] < limit) kept[count++] = positions[i];
  const sorted = kept.subarray(0, count).sort();
  const inOrder = new Array<number>(count); // copied by index: Array.from would walk an iterator
  for (let i = 0; i < count; i++) inOrder[i] = sorted[i];
  return inOrder;
}
