import { defineBlockType, type CompiledExpression, type ReasonInput } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { bothLanguages, text, type LocalizedText } from '../../engine/text.ts';
import { failOutput, passOutput } from '../shared/ports.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import { evaluateRuleSet, type RuleSetPrepared } from './rule-set.evaluate.ts';
import { buildRuleIndex } from './rule-index.ts';
import type { RuleSetConfig } from '../config-types.generated.ts';

/** One admission rule. `when` is true when the applicant HITS the rule, i.e. fails it. */
export interface Rule {
  id: string; // unique in the set; reported in the trace
  name: string | LocalizedText; // the rule's name as the credit team calls it, in both languages (a plain string: the same in both)
  when: string; // boolean expression; true = hit
  reasonCode: string;
  message?: LocalizedText; // default: "命中规则 <id>：<name>"
  action: 'decline' | 'refer'; // decline stops the set; refer is collected
  enabled?: boolean; // default true; disabled rules are still checked at compile time
}

/**
 * 规则集 / Rule set — the hundreds or thousands of admission and approval rules of a credit
 * factory live inside one block, not as canvas nodes (DESIGN.md). Compiled once into closures;
 * an application runs through them in well under a millisecond.
 */
export const ruleSetBlock = defineBlockType<RuleSetConfig, RuleSetPrepared>({
  type: 'rule-set',
  version: 1,
  title: text('规则集', 'Rule set'),
  description: text('按顺序执行的准入规则；命中拒绝规则即停止，命中人工规则则汇总转人工。', 'Admission rules run in order: a decline hit stops the set; refer hits are collected for manual review.'),
  category: 'eligibility',
  icon: '📚',
  keywords: ['rules', 'rule set', 'policy', 'admission', 'strategy', '规则', '规则集', '策略', '准入规则'],
  defaults: {
    rules: [{ id: 'R001', name: text('经营异常名录', 'Listed for abnormal operations'), when: 'business.abnormalOperations', reasonCode: 'ABNORMAL_OPERATIONS', action: 'decline' }],
  },
  role: 'gate',
  outputs: [passOutput(text('未命中', 'No hit')), failOutput(text('命中', 'Hit'))],
  compile(config, ctx) {
    const diagnostics: BlockDiagnostic[] = [];
    const duplicate = duplicateCheck((id) => text(`规则编号 ${id} 重复`, `The rule id ${id} is used twice`));
    const reads = new Set<string>();
    const prepared: RuleSetPrepared = { conditions: [], declines: [], reasons: [], ids: [], index: { fields: [], residual: new Int32Array() } };
    config.rules.forEach((rule, index) => {
      diagnostics.push(...duplicate(rule.id, `/rules/${index}/id`));
      const checked = ctx.expression(rule.when, `/rules/${index}/when`, 'boolean');
      diagnostics.push(...checked.diagnostics);
      const name = bothLanguages(rule.name);
      // a name given as { "zh-CN": "", "en": "" } passes the schema (the shared localizedText) but names nothing
      if (!name['zh-CN']) diagnostics.push({ code: 'CONFIG_INVALID', severity: 'error', pointer: `/rules/${index}/name`, message: text(`规则 ${rule.id} 没有名称`, `Rule ${rule.id} has no name`) });
      const compiled: CompiledExpression | undefined = checked.compiled;
      if (!compiled || rule.enabled === false) return;
      for (const path of compiled.reads) reads.add(path);
      const reason: ReasonInput = { code: rule.reasonCode, message: rule.message ?? text(`命中规则 ${rule.id}：${name['zh-CN']}`, `Rule ${rule.id} hit: ${name.en}`) };
      prepared.conditions.push(compiled);
      prepared.declines.push(rule.action === 'decline');
      prepared.reasons.push(reason);
      prepared.ids.push(rule.id);
    });
    prepared.index = buildRuleIndex(prepared.conditions.map((condition) => condition.ast));
    // Rules read optional data by nature (a missing field is simply no hit), so none is required.
    return { prepared, diagnostics, reads: [...reads].map((path) => ({ path, required: false })) };
  },
  evaluate: evaluateRuleSet,
  summarize(config, locale) {
    const enabled = config.rules.filter((rule) => rule.enabled !== false).length;
    return locale === 'zh-CN' ? `${enabled} 条规则` : `${enabled} rules`;
  },
});
