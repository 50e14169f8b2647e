import { defineBlockType, type CompiledExpression } from '../../engine/block-type.ts';
import type { LimitCap } from '../../engine/offer-parts.ts';
import { Decimal } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { fixedCap, fixedCapStaticFacts, fixedCapTrace, withFixedCap } from '../shared/fixed-cap.ts';
import { moneyDown } from '../shared/money-down.ts';
import type { FormulaLimitConfig } from '../config-types.generated.ts';

interface FormulaLimitPrepared {
  formula: CompiledExpression;
  label: LocalizedText;
  code: string;
  cap?: LimitCap;
}

/**
 * 公式额度 / Formula limit: for limit rules no dedicated block covers — re-offering the previous
 * limit, grade-dependent caps, ABC's tobacco formula (orders ÷ 3 × 2 + turnover × 1.5).
 */
export const formulaLimitBlock = defineBlockType<FormulaLimitConfig, FormulaLimitPrepared>({
  type: 'formula-limit',
  version: 1,
  title: text('公式额度', 'Formula limit'),
  description: text(
    '用表达式算出一个额度上限（如上次授信额度、按档位分级的上限、订货额公式），结果小于 0 时按 0 计。',
    'Computes a cap with an expression (e.g. the previous limit, a grade-dependent cap, an orders formula); a negative result counts as 0.',
  ),
  category: 'limit',
  icon: 'ƒ',
  keywords: ['公式', '表达式', '额度', '上次额度', 'formula', 'expression', 'previous limit', 'custom'],
  defaults: { expression: 'applicant.previousLimit', label: text('上次授信额度', 'Previous limit'), code: 'PREVIOUS_LIMIT' },
  role: 'contributor',
  provides: ['limit'],
  compile(config, ctx) {
    const { compiled, diagnostics } = ctx.expression(config.expression, '/expression', 'number');
    const cap = fixedCap(config.cap);
    return {
      prepared: compiled ? { formula: compiled, label: config.label, code: config.code, cap } : undefined,
      diagnostics,
      // The formula cannot be computed without what it reads, so the application form asks for all of it.
      reads: (compiled?.reads ?? []).map((path) => ({ path, required: true })),
      facts: fixedCapStaticFacts(cap),
    };
  },
  evaluate(prepared, input) {
    const value = prepared.formula.evaluate(input.application);
    // A formula over a missing field yields null: no evidence for any limit, so the cap is 0.
    const number = value instanceof Decimal ? value : null;
    const amount = moneyDown(Decimal.max(0, number ?? 0));
    const caps: LimitCap[] = [{ amount, code: prepared.code, label: prepared.label }];
    return {
      kind: 'contribute',
      contribution: { limitCaps: withFixedCap(caps, prepared.cap) },
      facts: { formula: prepared.formula.source, value: number === null ? null : number.toString(), formulaCap: amount, ...fixedCapTrace(prepared.cap) },
    };
  },
  summarize(config, locale) {
    return config.label[locale];
  },
});
