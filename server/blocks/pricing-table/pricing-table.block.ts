import { defineBlockType } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import { compilePricingTable } from './pricing-table.compile.ts';
import { evaluatePricingTable } from './pricing-table.evaluate.ts';
import type { PreparedPricingTable, PricingTableConfig } from './pricing-table.types.ts';

export type { PricingTableConfig, TableCondition, TableInput, TableRow } from './pricing-table.types.ts';

/**
 * 定价决策表: rate adjustments from a decision table. Bands are min-inclusive, max-exclusive;
 * 1,500+ rows stay fast (a sorted band index for one numeric input, prepared matchers otherwise).
 */
export const pricingTableBlock = defineBlockType<PricingTableConfig, PreparedPricingTable>({
  type: 'pricing-table',
  version: 1,
  title: text('定价决策表', 'Pricing decision table'),
  description: text('按评分、金额、期限等条件查表加减点；支持首行命中或累加，可导入导出 CSV。', 'Looks up rate adjustments by score, amount, term or other inputs; first hit or sum of hits; CSV import and export.'),
  category: 'pricing',
  icon: '▦',
  keywords: ['决策表', '定价表', '评分定价', '风险定价', 'decision table', 'pricing table', 'score', 'risk-based pricing', 'CSV'],
  defaults: {
    code: 'SCORE_PRICING',
    label: text('评分定价', 'Score-based pricing'),
    inputs: [{ id: 'score', label: text('内部评分', 'Internal score'), expression: 'applicant.score', type: 'number' }],
    rows: [
      { id: 'excellent', when: { score: { min: 800 } }, adjustmentBp: -20, label: text('评分 ≥ 800', 'Score ≥ 800') },
      { id: 'good', when: { score: { min: 700, max: 800 } }, adjustmentBp: 0, label: text('评分 700–799', 'Score 700–799') },
      { id: 'fair', when: { score: { min: 600, max: 700 } }, adjustmentBp: 50, label: text('评分 600–699', 'Score 600–699') },
      { id: 'weak', when: { score: { max: 600 } }, adjustmentBp: 120, label: text('评分 < 600', 'Score < 600') },
    ],
    hitPolicy: 'first',
    defaultBp: 0,
  },
  role: 'contributor',
  provides: ['rate-adjustment'],

  compile: compilePricingTable,
  evaluate: (prepared, { application }) => evaluatePricingTable(prepared, application),

  summarize(config, locale) {
    const columns = config.inputs.map((input) => input.label[locale]).join(locale === 'zh-CN' ? '、' : ', ');
    return locale === 'zh-CN' ? `${columns}，${config.rows.length} 行` : `${columns}, ${config.rows.length} rows`;
  },
});
