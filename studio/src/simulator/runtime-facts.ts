import type { LocalizedText } from '../api/types.ts';

/** How a trace fact's value reads: money (¥36,000.00), a percentage, basis points, a {min, max} range of either, years and months, or a list. */
export type FactKind = 'money' | 'percent' | 'bp' | 'percent-range' | 'bp-range' | 'years-months' | 'list';

/**
 * Facts blocks record (the rule set's and the age gate's are named in the message dictionaries, sim.fact.*) in the trace that are not config fields nor application fields, named in
 * both languages with the kind of value they hold. Keys are the runtime's (server/blocks/*); a key
 * missing here still shows, under its own name.
 */
export const RUNTIME_FACTS: Record<string, { label: LocalizedText; kind?: FactKind }> = {
  maturityDate: { label: { 'zh-CN': '到期日', en: 'Maturity date' } },
  matched: { label: { 'zh-CN': '命中名单', en: 'Lists matched' }, kind: 'list' },
  formula: { label: { 'zh-CN': '额度公式', en: 'Limit formula' } },
  value: { label: { 'zh-CN': '公式计算结果', en: 'Formula result' }, kind: 'money' },
  formulaCap: { label: { 'zh-CN': '公式额度', en: 'Limit by formula' }, kind: 'money' },
  limitMax: { label: { 'zh-CN': '额度上限', en: 'Limit ceiling' }, kind: 'money' },
  limitMin: { label: { 'zh-CN': '额度下限', en: 'Limit floor' }, kind: 'money' },
  limitMaxByChannel: { label: { 'zh-CN': '本渠道额度上限', en: 'Limit ceiling on this channel' }, kind: 'money' },
  limitMaxOtherChannels: { label: { 'zh-CN': '其他渠道额度上限', en: 'Limit ceiling on other channels' }, kind: 'money' },
  incomeCap: { label: { 'zh-CN': '收入倍数额度', en: 'Limit by income' }, kind: 'money' },
  incomeMoney: { label: { 'zh-CN': '月收入', en: 'Monthly income' }, kind: 'money' },
  monthlyIncome: { label: { 'zh-CN': '月收入', en: 'Monthly income' }, kind: 'money' },
  multiple: { label: { 'zh-CN': '倍数', en: 'Multiple' } },
  collateralCap: { label: { 'zh-CN': '抵押物额度', en: 'Limit by collateral' }, kind: 'money' },
  vehicleCap: { label: { 'zh-CN': '车辆抵押额度', en: 'Limit by vehicle' }, kind: 'money' },
  netValue: { label: { 'zh-CN': '抵押物净值', en: 'Net collateral value' }, kind: 'money' },
  valueUsed: { label: { 'zh-CN': '采用的车辆价值', en: 'Vehicle value used' }, kind: 'money' },
  valuationUsed: { label: { 'zh-CN': '采用的评估价值', en: 'Valuation used' }, kind: 'money' },
  requestedAmount: { label: { 'zh-CN': '申请金额', en: 'Amount requested' }, kind: 'money' },
  ltvPercent: { label: { 'zh-CN': '抵押率', en: 'Loan-to-value' }, kind: 'percent' },
  rateFloor: { label: { 'zh-CN': '利率下限', en: 'Rate floor' }, kind: 'percent' },
  rateCeiling: { label: { 'zh-CN': '利率上限', en: 'Rate ceiling' }, kind: 'percent' },
  rateRange: { label: { 'zh-CN': '利率区间', en: 'Rate range' }, kind: 'percent-range' },
  lpr: { label: { 'zh-CN': 'LPR', en: 'LPR' }, kind: 'percent' },
  spreadBp: { label: { 'zh-CN': '加点', en: 'Spread' }, kind: 'bp' },
  totalBp: { label: { 'zh-CN': '合计加减点', en: 'Total adjustment' }, kind: 'bp' },
  adjustmentBpRange: { label: { 'zh-CN': '加减点区间', en: 'Adjustment range' }, kind: 'bp-range' },
  source: { label: { 'zh-CN': '定价方式', en: 'Pricing' } },
  segmentTags: { label: { 'zh-CN': '客群标签', en: 'Segment tags' }, kind: 'list' },
  feeCodes: { label: { 'zh-CN': '费用', en: 'Fees' }, kind: 'list' },
  termsMonths: { label: { 'zh-CN': '可选期限（月）', en: 'Terms offered (months)' }, kind: 'list' },
  beforeSeries: { label: { 'zh-CN': '早于 LPR 序列', en: 'Before the LPR series' } },
};

/** Words for the few runtime values that are codes: the pricing source. */
export const RUNTIME_VALUES: Record<string, Record<string, LocalizedText>> = {
  source: { fixed: { 'zh-CN': '固定利率', en: 'Fixed rate' }, lpr: { 'zh-CN': 'LPR 加点', en: 'LPR plus spread' } },
};
