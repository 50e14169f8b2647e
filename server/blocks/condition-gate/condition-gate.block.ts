import { defineBlockType, type CompiledExpression, type ReasonInput } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import { failOutput, passOutput } from '../shared/ports.ts';
import { valueAt } from '../shared/fields.ts';
import type { ConditionGateConfig } from '../config-types.generated.ts';

/** What compile makes of the config. */
export interface ConditionGatePrepared {
  condition: CompiledExpression;
  reason: ReasonInput; // built once; the same for every failing application
  action: 'decline' | 'refer';
  looked: { path: string; keys: string[] }[]; // plain dotted fields the condition reads, for the trace
}

/**
 * 条件准入 / Condition — any admission rule the dedicated gates do not cover, written in the
 * expression language: `business.shareholdingPercent >= 50`, `not business.abnormalOperations`.
 * A missing field makes the condition false (the gate fails), never an error.
 */
export const conditionGateBlock = defineBlockType<ConditionGateConfig, ConditionGatePrepared>({
  type: 'condition-gate',
  version: 1,
  title: text('条件准入', 'Condition'),
  description: text('条件表达式为真时通过，否则按配置的原因拒绝或转人工。', 'Passes when the condition is true; otherwise declines or refers with the configured reason.'),
  category: 'eligibility',
  icon: '❓',
  keywords: ['condition', 'expression', 'rule', 'custom', '条件', '表达式', '规则', '自定义'],
  defaults: {
    expression: 'business.shareholdingPercent >= 50',
    reasonCode: 'SHAREHOLDING_BELOW_MIN',
    message: text('持股比例低于 50%', 'Shareholding is below 50 %'),
    action: 'decline',
  },
  role: 'gate',
  outputs: [passOutput(text('满足', 'Met')), failOutput(text('不满足', 'Not met'))],
  compile(config, ctx) {
    const { compiled, diagnostics } = ctx.expression(config.expression, '/expression', 'boolean');
    const reads = (compiled?.reads ?? []).map((path) => ({ path, required: false }));
    if (!compiled) return { diagnostics, reads };
    const looked = compiled.reads.filter((path) => /^[A-Za-z0-9_.]+$/.test(path)).map((path) => ({ path, keys: path.split('.') }));
    return { prepared: { condition: compiled, reason: { code: config.reasonCode, message: config.message }, action: config.action, looked }, diagnostics, reads };
  },
  evaluate(prepared, { application }) {
    const value = prepared.condition.evaluate(application);
    const fields: Record<string, unknown> = {};
    for (const { path, keys } of prepared.looked) fields[path] = valueAt(application, keys) ?? null;
    const facts = { condition: prepared.condition.source, fields };
    if (value === true) return { kind: 'gate', passed: true, facts };
    return { kind: 'gate', passed: false, action: prepared.action, reasons: [{ ...prepared.reason }], facts };
  },
  summarize: (config) => config.expression,
});
