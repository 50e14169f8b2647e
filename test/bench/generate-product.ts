import type { FlowBlock, FlowDocument, FlowLink } from '../../server/engine/flow-document.ts';
import { expressionOf, type Condition } from './conditions.ts';
import { Random } from './prng.ts';

/**
 * A credit factory at the scale of the issue: ~100 admission rules, 1,500 pre-approval strategy rows
 * (one decision table per customer segment), 3,000 approval rules, segment routing, three limits,
 * a score-band pricing table and repayment. Generated from a seed, so every run and every machine
 * gets the same product. The model is engine-neutral; `flowDocument()` renders it for our studio,
 * zen-graph.ts and json-rules.ts render the same model for the other engines.
 */
export const PRODUCT_ID = 'credit-factory';
export const DEFAULT_SEED = 20261122;

export interface RuleSpec {
  id: string;
  name: { 'zh-CN': string; en: string }; // what the credit team calls the rule, in both languages (the impact report's labels)
  condition: Condition;
  action: 'decline' | 'refer';
  reasonCode: string;
}

/** One row of a segment's pre-approval strategy table (first hit, table order). */
export interface StrategyRow {
  id: string;
  scoreMin?: number; // inclusive
  scoreMax?: number; // exclusive
  regions: string[];
  rating: string;
  bp: number;
}

export interface Segment {
  id: string; // output port of the segment switch; 'else' for the fallback
  label: { 'zh-CN': string; en: string };
  condition?: Condition; // absent for else
  multiple: number; // income multiple of the segment's limit
  strategies: StrategyRow[];
}

export interface ScoreBand {
  min?: number;
  max?: number;
  bp: number;
}

export interface CreditFactoryModel {
  admission: RuleSpec[];
  segments: Segment[]; // in priority order, else last
  approval: RuleSpec[];
  scoreBands: ScoreBand[];
  limit: { min: number; max: number; step: number; turnoverShare: string };
  rate: { base: string; floor: string; ceiling: string };
  terms: number[];
}

/** The bank's service area; applications from elsewhere hit region rules. */
export const SERVING_REGIONS = ['罗平县', '师宗县', '陆良县', '富源县', '会泽县', '宣威市', '麒麟区', '沾益区', '马龙区', '弥勒市', '泸西县', '丘北县'];
export const OTHER_REGIONS = Array.from({ length: 60 }, (_, i) => `外县${String(i + 1).padStart(2, '0')}`);
export const RATINGS = ['excellent', 'good', 'fair', 'poor', 'unrated'];
const REGION_GROUPS = [SERVING_REGIONS.slice(0, 3), SERVING_REGIONS.slice(3, 6), SERVING_REGIONS.slice(6, 8), SERVING_REGIONS.slice(8, 10), SERVING_REGIONS.slice(10)];

/**
 * Numeric fields rules test, with the range a clean applicant stays in. "high" rules hit above the
 * clean maximum, "low" rules below the clean minimum, so a clean applicant hits nothing and a planted
 * trait hits a chosen rule. Decline fields and refer fields are kept apart, so a planted refer trait
 * never declines.
 */
export interface FieldRange {
  field: string;
  min: number;
  max: number;
  step: number;
  side: 'high' | 'low';
  action: 'decline' | 'refer';
}
export const RULE_FIELDS: FieldRange[] = [
  { field: 'applicant.bureau.maxConsecutiveOverdue24m', min: 0, max: 1, step: 1, side: 'high', action: 'decline' },
  { field: 'applicant.bureau.totalOverduePeriods24m', min: 0, max: 3, step: 1, side: 'high', action: 'decline' },
  { field: 'applicant.bureau.inquiries1m', min: 0, max: 2, step: 1, side: 'high', action: 'decline' },
  { field: 'applicant.bureau.inquiries3m', min: 0, max: 4, step: 1, side: 'high', action: 'decline' },
  { field: 'applicant.monthlyDebtPayments', min: 0, max: 30000, step: 500, side: 'high', action: 'decline' },
  { field: 'applicant.age', min: 22, max: 55, step: 1, side: 'high', action: 'decline' },
  { field: 'business.licenceMonths', min: 12, max: 240, step: 1, side: 'low', action: 'decline' },
  { field: 'applicant.bureau.inquiries6m', min: 0, max: 6, step: 1, side: 'high', action: 'refer' },
  { field: 'applicant.bureau.cardUtilisation', min: 0, max: 0.8, step: 0.01, side: 'high', action: 'refer' },
  { field: 'applicant.score', min: 450, max: 950, step: 1, side: 'low', action: 'refer' },
  { field: 'applicant.residenceYears', min: 1, max: 30, step: 0.1, side: 'low', action: 'refer' },
];
const FLAG_FIELDS = ['applicant.bureau.currentOverdue', 'applicant.bureau.badDebt', 'applicant.bureau.compensation', 'applicant.bureau.courtDefaulter', 'business.abnormalOperations'];

/** What a loan officer calls each field a rule tests, zh-CN and English (shared/domain/glossary.md), so a generated rule reads like a bank's own. */
const FIELD_NAMES: Record<string, [string, string]> = {
  'applicant.bureau.maxConsecutiveOverdue24m': ['近24个月最长连续逾期期数', 'Longest consecutive overdue run in 24 months'],
  'applicant.bureau.totalOverduePeriods24m': ['近24个月累计逾期期数', 'Overdue periods in 24 months'],
  'applicant.bureau.inquiries1m': ['近1个月审批查询次数', 'Approval inquiries in the last month'],
  'applicant.bureau.inquiries3m': ['近3个月审批查询次数', 'Approval inquiries in the last 3 months'],
  'applicant.bureau.inquiries6m': ['近6个月审批查询次数', 'Approval inquiries in the last 6 months'],
  'applicant.bureau.cardUtilisation': ['信用卡使用率', 'Credit card utilisation'],
  'applicant.monthlyDebtPayments': ['月还款额', 'Monthly debt payments'],
  'applicant.age': ['年龄', 'Age'],
  'business.licenceMonths': ['营业执照月数', 'Months since the business licence'],
  'applicant.score': ['内部评分', 'Internal score'],
  'applicant.residenceYears': ['居住年限', 'Years at the address'],
  'applicant.region': ['所在地区', 'Region'],
};
const FLAG_NAMES: Record<string, [string, string]> = {
  'applicant.bureau.currentOverdue': ['征信当前逾期', 'Currently overdue on the credit report'],
  'applicant.bureau.badDebt': ['征信有呆账', 'Bad debt on the credit report'],
  'applicant.bureau.compensation': ['征信有代偿', 'Guarantor compensation on the credit report'],
  'applicant.bureau.courtDefaulter': ['失信被执行人', 'Court-listed defaulter'],
  'business.abnormalOperations': ['列入经营异常名录', 'Listed for abnormal operations'],
};

const SHOWN_OPERATOR: Record<string, string> = { '>=': '≥', '<=': '≤' };

/** A rule's name from its condition: "近3个月审批查询次数 > 6" / "Approval inquiries in the last 3 months > 6". */
function conditionName(condition: Condition): { 'zh-CN': string; en: string } {
  const [zh, en] = FIELD_NAMES['field' in condition ? condition.field : ''] ?? ['', ''];
  switch (condition.kind) {
    case 'compare': {
      const op = SHOWN_OPERATOR[condition.op] ?? condition.op;
      return { 'zh-CN': `${zh} ${op} ${condition.value}`, en: `${en} ${op} ${condition.value}` };
    }
    case 'equals':
      return { 'zh-CN': `${zh}为 ${String(condition.value)}`, en: `${en} is ${String(condition.value)}` };
    case 'in':
      return { 'zh-CN': `${zh}为 ${condition.values.join('、')}`, en: `${en} is ${condition.values.join(', ')}` };
    case 'all': {
      const parts = condition.of.map(conditionName);
      return { 'zh-CN': parts.map((part) => part['zh-CN']).join(' 且 '), en: parts.map((part, i) => (i ? part.en[0].toLowerCase() + part.en.slice(1) : part.en)).join(' and ') };
    }
  }
}

const round = (value: number, step: number) => Number((Math.round(value / step) * step).toFixed(step < 1 ? 2 : 0));

/** A threshold rule beyond the clean range of one field: `field > max + k·step` or `field < min − k·step`. */
function thresholdRule(random: Random, range: FieldRange): Condition {
  const distance = random.int(0, range.step < 1 ? 15 : range.field.endsWith('Payments') ? 40 : 12) * range.step;
  if (range.side === 'high') return { kind: 'compare', field: range.field, op: random.chance(0.5) ? '>' : '>=', value: round(range.max + range.step + distance, range.step) };
  const bottom = range.min - distance;
  return { kind: 'compare', field: range.field, op: '<', value: round(Math.max(bottom, range.step), range.step) };
}

function generatedRule(random: Random, id: string, action: 'decline' | 'refer'): RuleSpec {
  const fields = RULE_FIELDS.filter((range) => range.action === action);
  const shape = random.next();
  let condition: Condition;
  if (action === 'decline' && shape < 0.15) condition = { kind: 'equals', field: 'applicant.region', value: random.pick(OTHER_REGIONS) };
  else if (action === 'decline' && shape < 0.22)
    condition = { kind: 'in', field: 'applicant.region', values: [random.pick(OTHER_REGIONS), random.pick(OTHER_REGIONS), random.pick(OTHER_REGIONS)].filter((v, i, all) => all.indexOf(v) === i) };
  else if (shape < 0.4) {
    const [a, b] = [random.pick(fields), random.pick(fields)];
    condition = a.field === b.field ? thresholdRule(random, a) : { kind: 'all', of: [thresholdRule(random, a), thresholdRule(random, b)] };
  } else condition = thresholdRule(random, random.pick(fields));
  return { id, name: conditionName(condition), condition, action, reasonCode: action === 'decline' ? `DECLINE_${id}` : `REFER_${id}` };
}

function admissionRules(random: Random): RuleSpec[] {
  const fixed: RuleSpec[] = [
    ...FLAG_FIELDS.map(
      (field, i): RuleSpec => ({
        id: `A${String(i + 1).padStart(3, '0')}`,
        name: { 'zh-CN': FLAG_NAMES[field][0], en: FLAG_NAMES[field][1] },
        condition: { kind: 'equals', field, value: true },
        action: 'decline',
        reasonCode: `ADMISSION_${field.split('.').pop()!.toUpperCase()}`,
      }),
    ),
    { id: 'A006', name: { 'zh-CN': '年龄超过65岁', en: 'Aged over 65' }, condition: { kind: 'compare', field: 'applicant.age', op: '>', value: 65 }, action: 'decline', reasonCode: 'ADMISSION_AGE' },
    {
      id: 'A007',
      name: { 'zh-CN': '不在服务区域', en: 'Outside the service area' },
      condition: { kind: 'in', field: 'applicant.region', values: OTHER_REGIONS.slice(0, 20) },
      action: 'decline',
      reasonCode: 'ADMISSION_REGION',
    },
  ];
  const rules = [...fixed];
  for (let i = fixed.length; i < 100; i++) rules.push(generatedRule(random, `A${String(i + 1).padStart(3, '0')}`, random.chance(0.7) ? 'decline' : 'refer'));
  return rules;
}

function strategyTable(random: Random, segment: string): StrategyRow[] {
  const ratingBase: Record<string, number> = { excellent: -30, good: -10, fair: 15, poor: 45, unrated: 25 };
  const rows: StrategyRow[] = [];
  for (let band = 0; band < 15; band++) {
    for (let group = 0; group < REGION_GROUPS.length; group++) {
      for (const rating of RATINGS) {
        rows.push({
          id: `${segment}-${band}-${group}-${rating}`,
          ...(band > 0 ? { scoreMin: 450 + 30 * band } : {}),
          ...(band < 14 ? { scoreMax: 480 + 30 * band } : {}),
          regions: REGION_GROUPS[group],
          rating,
          bp: ratingBase[rating] + (7 - band) * 5 + group * 3 + random.int(-5, 5),
        });
      }
    }
  }
  for (let i = rows.length - 1; i > 0; i--) {
    // credit teams do not keep their tables sorted
    const j = random.int(0, i);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}

/** The engine-neutral model of the credit factory for a seed. */
export function generateModel(seed = DEFAULT_SEED): CreditFactoryModel {
  const random = new Random(seed);
  const admission = admissionRules(random);
  const segments: Segment[] = [
    {
      id: 'civil',
      label: { 'zh-CN': '公职人员', en: 'Civil servants' },
      condition: { kind: 'in', field: 'applicant.employer.category', values: ['civil-servant', 'public-institution'] },
      multiple: 15,
      strategies: [],
    },
    { id: 'payroll', label: { 'zh-CN': '代发工资', en: 'Payroll customers' }, condition: { kind: 'compare', field: 'applicant.payrollMonths', op: '>=', value: 6 }, multiple: 12, strategies: [] },
    {
      id: 'mortgage',
      label: { 'zh-CN': '按揭客户', en: 'Mortgage customers' },
      condition: { kind: 'compare', field: 'applicant.mortgageOnTimeMonths', op: '>=', value: 12 },
      multiple: 10,
      strategies: [],
    },
    { id: 'else', label: { 'zh-CN': '其他客户', en: 'Other customers' }, multiple: 6, strategies: [] },
  ];
  for (const segment of segments) segment.strategies = strategyTable(random, segment.id);
  const approval = Array.from({ length: 3000 }, (_, i) => generatedRule(random, `R${String(i + 1).padStart(4, '0')}`, random.chance(0.5) ? 'decline' : 'refer'));
  const scoreBands: ScoreBand[] = [{ max: 500, bp: 60 }];
  [40, 25, 10, 0, -5, -10, -15].forEach((bp, i) => scoreBands.push({ min: 500 + 50 * i, max: 550 + 50 * i, bp }));
  scoreBands.push({ min: 850, bp: -20 });
  return {
    admission,
    segments,
    approval,
    scoreBands,
    limit: { min: 10000, max: 500000, step: 1000, turnoverShare: '0.25' },
    rate: { base: '4.35', floor: '3.85', ceiling: '9.00' },
    terms: [12, 24, 36],
  };
}

const block = (id: string, type: string, config: Record<string, unknown>, x: number, y = 0): FlowBlock => ({ id, type, typeVersion: 1, config, position: { x, y } });
const link = (from: string, fromPort: string, to: string): FlowLink => ({ id: `${from}_${fromPort}_${to}`, from: { block: from, port: fromPort }, to: { block: to, port: 'in' } });
const ruleConfig = (rules: RuleSpec[]) => ({ rules: rules.map((rule) => ({ id: rule.id, name: rule.name, when: expressionOf(rule.condition), reasonCode: rule.reasonCode, action: rule.action })) });

/** The model as a flow document our studio edits and our compiler compiles. */
export function flowDocument(model: CreditFactoryModel): FlowDocument {
  const blocks: FlowBlock[] = [
    block(
      'start',
      'application',
      {
        productId: PRODUCT_ID,
        name: { 'zh-CN': '信贷工厂·小微经营贷', en: 'Credit factory small-business loan' },
        kind: 'business',
        currency: 'CNY',
        channels: ['app', 'branch', 'partner'],
        amount: { min: String(model.limit.min), max: String(model.limit.max), step: String(model.limit.step) },
        termMonths: { min: model.terms[0], max: model.terms[model.terms.length - 1] },
        lprReference: { tenor: '1Y', rate: '3.00', effectiveDate: '2025-05-20' },
      },
      0,
    ),
    block('admission', 'rule-set', ruleConfig(model.admission), 200),
    block('segment', 'segment-switch', { branches: model.segments.filter((s) => s.condition).map((s) => ({ id: s.id, label: s.label, when: expressionOf(s.condition!) })) }, 400),
    block('approval', 'rule-set', ruleConfig(model.approval), 1000),
    block('limit-range', 'limit-range', { min: String(model.limit.min), max: String(model.limit.max), step: String(model.limit.step) }, 1200),
    block(
      'turnover',
      'formula-limit',
      { expression: `business.annualTurnover * ${model.limit.turnoverShare}`, label: { 'zh-CN': '年营业额 × 25%', en: 'Annual turnover × 25 %' }, code: 'TURNOVER_SHARE' },
      1400,
    ),
    block('base', 'base-rate', { mode: 'fixed', fixedRate: model.rate.base }, 1600),
    block(
      'score-pricing',
      'pricing-table',
      {
        code: 'SCORE_BAND',
        label: { 'zh-CN': '评分定价', en: 'Score-band pricing' },
        inputs: [{ id: 'score', label: { 'zh-CN': '内部评分', en: 'Internal score' }, expression: 'applicant.score', type: 'number' }],
        rows: model.scoreBands.map((band) => ({
          when: { score: { ...(band.min !== undefined ? { min: band.min } : {}), ...(band.max !== undefined ? { max: band.max } : {}) } },
          adjustmentBp: band.bp,
        })),
        hitPolicy: 'first',
        defaultBp: 0,
      },
      1800,
    ),
    block('bounds', 'rate-bounds', { floor: model.rate.floor, ceiling: model.rate.ceiling }, 2000),
    block(
      'repay',
      'repayment',
      {
        methods: ['equal-installment', 'equal-principal', 'interest-only'],
        defaultMethod: 'equal-installment',
        termsMonths: model.terms,
        methodMaxTermMonths: { 'interest-only': 12 },
        defaultTermMonths: 12,
        dayCount: '30/360',
        rounding: { mode: 'HALF_UP', unit: '0.01' },
        frequency: 'monthly',
      },
      2200,
    ),
    block('approve', 'offer', {}, 2400),
  ];
  const links: FlowLink[] = [link('start', 'out', 'admission'), link('admission', 'pass', 'segment')];
  model.segments.forEach((segment, index) => {
    blocks.push(
      block(
        `strategy-${segment.id}`,
        'pricing-table',
        {
          code: `STRATEGY_${segment.id.toUpperCase()}`,
          label: { 'zh-CN': `${segment.label['zh-CN']}预审批策略`, en: `${segment.label.en} pre-approval strategy` },
          inputs: [
            { id: 'score', label: { 'zh-CN': '内部评分', en: 'Internal score' }, expression: 'applicant.score', type: 'number' },
            { id: 'region', label: { 'zh-CN': '区县', en: 'County' }, expression: 'applicant.region', type: 'string' },
            { id: 'rating', label: { 'zh-CN': '信用评级', en: 'Credit rating' }, expression: 'applicant.creditRating', type: 'string' },
          ],
          rows: segment.strategies.map((row) => ({
            id: row.id,
            when: {
              score: { ...(row.scoreMin !== undefined ? { min: row.scoreMin } : {}), ...(row.scoreMax !== undefined ? { max: row.scoreMax } : {}) },
              region: { in: row.regions },
              rating: { equals: row.rating },
            },
            adjustmentBp: row.bp,
          })),
          hitPolicy: 'first',
          defaultBp: 0,
        },
        600,
        index * 200,
      ),
    );
    blocks.push(block(`income-${segment.id}`, 'income-multiple', { multiple: segment.multiple, incomeField: 'applicant.monthlyIncome' }, 800, index * 200));
    links.push(link('segment', segment.id, `strategy-${segment.id}`), link(`strategy-${segment.id}`, 'out', `income-${segment.id}`), link(`income-${segment.id}`, 'out', 'approval'));
  });
  links.push(
    link('approval', 'pass', 'limit-range'),
    link('limit-range', 'out', 'turnover'),
    link('turnover', 'out', 'base'),
    link('base', 'out', 'score-pricing'),
    link('score-pricing', 'out', 'bounds'),
    link('bounds', 'out', 'repay'),
    link('repay', 'out', 'approve'),
  );
  return { schemaVersion: 1, blocks, links };
}
