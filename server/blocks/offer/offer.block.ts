import { defineBlockType } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import type { OfferConfig } from '../config-types.generated.ts';

/**
 * 批准/出具报价 / Offer — ends a path with approval. The block itself decides nothing more: the
 * runtime builds the offer from the path's contributions (limit = min of caps + uplifts, rounded
 * down to the step; rate = base + adjustments within bounds; APR; schedule), and the compiler
 * checks every path here passes a limit, exactly one base price and one repayment block.
 */
export const offerBlock = defineBlockType<OfferConfig>({
  type: 'offer',
  version: 1,
  title: text('批准/出具报价', 'Offer'),
  description: text(
    '批准并出具报价：额度、利率、年化利率、费用和还款计划由路径上的积木汇总计算。',
    'Approves and makes the offer: limit, rate, APR, fees and schedule come from the blocks on the path.',
  ),
  category: 'outcome',
  icon: '✅',
  keywords: ['approve', 'offer', 'outcome', 'end', '批准', '报价', '通过', '结束'],
  defaults: {},
  role: 'outcome',
  evaluate: () => ({ kind: 'outcome', outcome: 'approve' }),
  summarize: (config, locale) => config.note?.[locale] ?? (locale === 'zh-CN' ? '批准' : 'approve'),
});
