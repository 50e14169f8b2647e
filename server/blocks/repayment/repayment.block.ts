import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import type { RepaymentMethod, RepaymentTerms } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import { checkDefaults, checkMaturityWindow, checkTerms } from './repayment-checks.ts';
import type { RepaymentConfig } from '../config-types.generated.ts';

const METHOD_LABELS: Record<Exclude<RepaymentMethod, 'revolving'>, [string, string]> = {
  'equal-installment': ['等额本息', 'Equal instalments'],
  'equal-principal': ['等额本金', 'Equal principal'],
  'interest-only': ['先息后本', 'Interest-only, principal at maturity'],
  bullet: ['到期一次还本付息', 'Principal and interest at maturity'],
  flat: ['等本等息', 'Flat (equal principal, equal interest)'],
};

/** 还款方式: the methods, terms and schedule conventions of the offer; the runtime picks the requested or default. */
export const repaymentBlock = defineBlockType<RepaymentConfig, RepaymentTerms>({
  type: 'repayment',
  version: 1,
  title: text('还款方式', 'Repayment'),
  description: text(
    '可选还款方式与期限、计息规则、还款日、宽限期和按收获季对齐的到期窗口。',
    'Repayment methods and terms, day count, rounding, payment day, principal grace and a harvest-aligned maturity window.',
  ),
  category: 'repayment',
  icon: '📅',
  keywords: ['等额本息', '等额本金', '先息后本', '到期还本', '期限', 'term', 'installment', 'amortisation', 'grace', '宽限期', '按季结息'],
  defaults: {
    methods: ['equal-installment', 'equal-principal', 'interest-only', 'bullet'],
    defaultMethod: 'equal-installment',
    termsMonths: [6, 12, 24, 36], // within the default start block's 6–36 months, so a dropped block compiles clean
    methodMaxTermMonths: { 'interest-only': 12, bullet: 12 },
    defaultTermMonths: 12,
    dayCount: '30/360',
    rounding: { mode: 'HALF_UP', unit: '0.01' },
    frequency: 'monthly',
    paymentDay: 20,
  },
  role: 'contributor',
  provides: ['repayment'],

  compile(config, ctx) {
    const diagnostics: BlockDiagnostic[] = [...checkTerms(config.termsMonths, ctx.product, '/termsMonths'), ...checkDefaults(config)];
    if (config.graceMonths !== undefined && config.graceMonths > 0 && config.graceMonths >= config.termsMonths[0]) {
      diagnostics.push({
        code: 'CONFIG_INVALID',
        severity: 'error',
        pointer: '/graceMonths',
        message: text(
          `本金宽限期 ${config.graceMonths} 个月不短于最短期限 ${config.termsMonths[0]} 个月`,
          `A principal grace of ${config.graceMonths} months is not shorter than the shortest term of ${config.termsMonths[0]} months`,
        ),
      });
    }
    if (config.maturityWindow) diagnostics.push(...checkMaturityWindow(config.maturityWindow, '/maturityWindow'));
    const terms: RepaymentTerms = structuredClone(config);
    return { diagnostics, reads: [], facts: { repayment: terms }, prepared: terms };
  },

  evaluate(terms) {
    return { kind: 'contribute', contribution: { repayment: terms }, facts: { methods: terms.methods, termsMonths: terms.termsMonths } };
  },

  summarize(config, locale) {
    const [zh, en] = METHOD_LABELS[config.defaultMethod as Exclude<RepaymentMethod, 'revolving'>] ?? [config.defaultMethod, config.defaultMethod];
    const terms = config.termsMonths.join('/');
    const more = config.methods.length - 1;
    if (locale === 'zh-CN') return `${zh}${more ? `等 ${more + 1} 种` : ''}，${terms} 个月`;
    return `${en}${more ? ` (+${more})` : ''}, ${terms} months`;
  },
});
