import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal } from '../../engine/money.ts';
import type { RateAdjustment } from '../../engine/offer-parts.ts';
import type { LocalizedText } from '../../engine/text.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { SegmentAdjustmentConfig } from '../config-types.generated.ts';

/** One segment rule: matches by tag or by condition, never both. */
export interface SegmentRule {
  id: string; // unique in the block; the adjustment code is SEGMENT_<ID>
  tag?: string; // matches when applicant.segmentTags contains it
  when?: string; // matches when this condition is true (missing fields make it false)
  bp: number; // basis points added to the rate; negative = discount
  label: LocalizedText; // shown in the decision, e.g. 按揭客户 / Mortgage customer
}

interface PreparedRule {
  id: string;
  tag?: string;
  matches?: (application: unknown) => boolean; // condition rules
  adjustment: RateAdjustment; // built once
}

interface PreparedSegmentAdjustment {
  rules: PreparedRule[];
  maxDiscount?: Decimal; // positive
  capLabel?: LocalizedText;
}

const SEGMENT_TAGS = 'applicant.segmentTags';

/** The adjustment code of a rule: stable, derived from its id ("mortgage-customer" → SEGMENT_MORTGAGE_CUSTOMER). */
export const segmentCode = (id: string): string => `SEGMENT_${id.toUpperCase().replace(/-/g, '_')}`;

function tagsOf(application: Record<string, unknown>): ReadonlySet<unknown> {
  const applicant = application.applicant as { segmentTags?: unknown } | undefined;
  return new Set(Array.isArray(applicant?.segmentTags) ? applicant.segmentTags : []);
}

/** 客群加减点: every matching segment rule adds its basis points, the total discount optionally capped. */
export const segmentAdjustmentBlock = defineBlockType<SegmentAdjustmentConfig, PreparedSegmentAdjustment>({
  type: 'segment-adjustment',
  version: 1,
  title: text('客群加减点', 'Segment adjustment'),
  description: text(
    '按客群标签或条件加减点，命中的规则全部生效，可设优惠合计上限。',
    'Adds basis points for customer segments by tag or condition; every matching rule applies; the total discount can be capped.',
  ),
  category: 'pricing',
  icon: '±',
  keywords: ['客群', '减点', '加点', '优惠', 'segment', 'discount', 'bp', '按揭客户', '存款大户'],
  defaults: {
    rules: [
      { id: 'mortgage-customer', tag: 'mortgage-customer', bp: -15, label: text('按揭客户', 'Mortgage customer') },
      { id: 'large-depositor', when: 'applicant.depositAum >= 500000', bp: -20, label: text('存款大户（AUM ≥ 50 万）', 'Large depositor (AUM ≥ 500,000)') },
    ],
    maxTotalDiscountBp: 30,
  },
  role: 'contributor',
  provides: ['rate-adjustment'],

  compile(config, ctx) {
    const diagnostics: BlockDiagnostic[] = [];
    const reads = new Map<string, FieldRead>();
    const duplicate = duplicateCheck((id) => text(`规则编号 ${id} 重复`, `Rule id ${id} appears twice`));
    const rules: PreparedRule[] = [];
    config.rules.forEach((rule, index) => {
      const at = `/rules/${index}`;
      diagnostics.push(...duplicate(rule.id, `${at}/id`));
      if ((rule.tag === undefined) === (rule.when === undefined)) {
        diagnostics.push({
          code: 'CONFIG_INVALID',
          severity: 'error',
          pointer: at,
          message: text(`规则 ${rule.id} 须填写客群标签或条件，二者选一`, `Rule ${rule.id} needs either a segment tag or a condition, not both`),
        });
      }
      const prepared: PreparedRule = { id: rule.id, tag: rule.tag, adjustment: { bp: rule.bp, code: segmentCode(rule.id), label: rule.label } };
      if (rule.tag !== undefined) reads.set(SEGMENT_TAGS, { path: SEGMENT_TAGS, required: false });
      if (rule.when !== undefined) {
        const { compiled, diagnostics: found } = ctx.expression(rule.when, `${at}/when`, 'boolean');
        diagnostics.push(...found);
        // A missing field makes the condition null, which counts as "does not match" (no adjustment).
        if (compiled) prepared.matches = (application) => compiled.evaluate(application) === true;
        for (const path of compiled?.reads ?? []) reads.set(path, { path, required: false });
      }
      rules.push(prepared);
    });
    const negative = config.rules.reduce((sum, rule) => (rule.bp < 0 ? sum.plus(rule.bp) : sum), new Decimal(0));
    const positive = config.rules.reduce((sum, rule) => (rule.bp > 0 ? sum.plus(rule.bp) : sum), new Decimal(0));
    const max = config.maxTotalDiscountBp;
    const lowest = max === undefined ? negative : Decimal.max(negative, -max);
    return {
      diagnostics,
      reads: [...reads.values()],
      facts: { adjustmentBpRange: { min: lowest.toNumber(), max: positive.toNumber() } },
      prepared: {
        rules,
        maxDiscount: max === undefined ? undefined : new Decimal(max),
        capLabel: max === undefined ? undefined : text(`客群优惠合计不超过 ${max}bp`, `Segment discounts are capped at ${max} bp in total`),
      },
    };
  },

  evaluate(prepared, { application }) {
    const tags = tagsOf(application);
    const adjustments: RateAdjustment[] = [];
    let total = new Decimal(0);
    for (const rule of prepared.rules) {
      const matched = rule.tag !== undefined ? tags.has(rule.tag) : rule.matches!(application);
      if (!matched) continue;
      adjustments.push(rule.adjustment);
      total = total.plus(rule.adjustment.bp);
    }
    const matched = adjustments.map((adjustment) => adjustment.code);
    if (prepared.maxDiscount && total.lt(prepared.maxDiscount.neg())) {
      // A separate, visible correction keeps every matched rule in the decision and shows why the sum is smaller.
      adjustments.push({ bp: prepared.maxDiscount.neg().minus(total).toNumber(), code: 'SEGMENT_DISCOUNT_CAP', label: prepared.capLabel! });
      total = prepared.maxDiscount.neg();
    }
    return { kind: 'contribute', contribution: { rateAdjustments: adjustments }, facts: { matched, totalBp: total.toNumber(), segmentTags: [...tags] } };
  },

  summarize(config, locale) {
    const parts = config.rules.slice(0, 3).map((rule) => `${rule.label[locale]} ${rule.bp > 0 ? '+' : ''}${rule.bp}${locale === 'zh-CN' ? 'bp' : ' bp'}`);
    const more = config.rules.length > 3 ? (locale === 'zh-CN' ? ` 等 ${config.rules.length} 条` : ` +${config.rules.length - 3} more`) : '';
    return parts.join(locale === 'zh-CN' ? '，' : ', ') + more;
  },
});
