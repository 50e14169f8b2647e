import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import type { RepaymentTerms } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import { checkTerms } from '../repayment/repayment-checks.ts';
import type { RevolvingLineConfig } from '../config-types.generated.ts';

/** 循环额度·随借随还: draw any time within the line, daily interest, repay any time. */
export const revolvingLineBlock = defineBlockType<RevolvingLineConfig, RepaymentTerms>({
  type: 'revolving-line',
  version: 1,
  title: text('循环额度·随借随还', 'Revolving line'),
  description: text(
    '额度有效期内随借随还，按日计息、按月结息，每笔用信不超过最长期限。',
    'Draw and repay any time within the line; daily interest settled monthly; each draw within the longest draw term.',
  ),
  category: 'repayment',
  icon: '🔁',
  keywords: ['随借随还', '循环额度', '循环贷', 'revolving', 'credit line', 'draw', '用信', '支用', '按日计息'],
  defaults: { lineMonths: 12, maxDrawMonths: 6, allowInterestOnly: false, dayCount: 'ACT/360', paymentDay: 20, rounding: { mode: 'HALF_UP', unit: '0.01' } },
  role: 'contributor',
  provides: ['repayment'],

  compile(config, ctx) {
    const diagnostics: BlockDiagnostic[] = [];
    const invalid = (pointer: string, zh: string, en: string) => diagnostics.push({ code: 'CONFIG_INVALID', severity: 'error', pointer, message: text(zh, en) });
    const { min, max } = ctx.product.termMonths;
    if (config.maxDrawMonths > config.lineMonths) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/maxDrawMonths',
        message: text(
          `单笔用信最长 ${config.maxDrawMonths} 个月，超过额度有效期 ${config.lineMonths} 个月`,
          `The longest draw of ${config.maxDrawMonths} months exceeds the line term of ${config.lineMonths} months`,
        ),
      });
    }
    let terms: number[];
    if (config.drawTermsMonths) {
      terms = config.drawTermsMonths;
      diagnostics.push(...checkTerms(terms, ctx.product, '/drawTermsMonths'));
      terms.forEach((term, index) => {
        if (term > config.maxDrawMonths)
          invalid(
            `/drawTermsMonths/${index}`,
            `用信期限 ${term} 个月超过单笔最长 ${config.maxDrawMonths} 个月`,
            `A draw term of ${term} months exceeds the longest draw of ${config.maxDrawMonths} months`,
          );
      });
    } else {
      if (config.maxDrawMonths > max || config.maxDrawMonths < min)
        invalid(
          '/maxDrawMonths',
          `单笔用信最长 ${config.maxDrawMonths} 个月，超出产品期限范围 ${min}–${max} 个月`,
          `The longest draw of ${config.maxDrawMonths} months is outside the product's term range of ${min}–${max} months`,
        );
      terms = Array.from({ length: Math.max(config.maxDrawMonths - min + 1, 0) }, (_, index) => min + index);
    }
    const repayment: RepaymentTerms = {
      methods: config.allowInterestOnly ? ['revolving', 'interest-only'] : ['revolving'],
      defaultMethod: 'revolving',
      termsMonths: [...terms],
      defaultTermMonths: terms[terms.length - 1], // the longest draw: a borrower may always repay earlier at no cost
      dayCount: config.dayCount,
      rounding: { ...config.rounding },
      frequency: 'monthly',
      paymentDay: config.paymentDay,
      revolving: { lineMonths: config.lineMonths, maxDrawMonths: config.maxDrawMonths },
    };
    return { diagnostics, reads: [], facts: { repayment }, prepared: repayment };
  },

  evaluate(repayment) {
    return { kind: 'contribute', contribution: { repayment }, facts: { ...repayment.revolving, termsMonths: repayment.termsMonths } };
  },

  summarize(config, locale) {
    return locale === 'zh-CN' ? `额度 ${config.lineMonths} 个月，单笔 ≤ ${config.maxDrawMonths} 个月` : `line ${config.lineMonths} months, draws ≤ ${config.maxDrawMonths} months`;
  },
});
