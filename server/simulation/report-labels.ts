import { ELSE_OUTPUT } from '../engine/ports.ts';
import type { DefinitionBlock, ProductDefinition } from '../engine/product-definition.ts';
import { bothLanguages, type LocalizedText } from '../engine/text.ts';

/**
 * What the report's codes mean, in both UI languages: each reason code and segment key the report
 * lists, and no other (a product with 3,000 rules names only the codes that were given).
 */
export interface ReportLabels {
  reasonCodes: Record<string, LocalizedText>;
  segments: Record<string, LocalizedText>;
}

/**
 * Codes whose message carries the applicant's figures ("年龄 17 岁，低于下限 18 岁"): the engine's own
 * and the built-in blocks' fixed codes. A report labels the code, not one applicant's figures.
 */
export const FIXED_REASON_LABELS: Readonly<Record<string, LocalizedText>> = {
  NO_LIMIT: { 'zh-CN': '路径上没有额度积木', en: 'No credit limit block on the decision path' },
  LIMIT_BELOW_MINIMUM: { 'zh-CN': '测算额度低于最低额度', en: 'Calculated limit below the minimum loan amount' },
  REQUESTED_BELOW_MINIMUM: { 'zh-CN': '申请金额低于最低额度', en: 'Requested amount below the minimum loan amount' },
  OFFER_INCOMPLETE: { 'zh-CN': '路径上缺少定价或还款方式', en: 'Pricing or repayment method missing on the decision path' },
  PATH_INCOMPLETE: { 'zh-CN': '决策路径未到达结果积木', en: 'Decision path ended before an outcome' },
  FIELD_MISSING: { 'zh-CN': '缺少必填信息', en: 'Required information missing' },
  AGE_BELOW_MIN: { 'zh-CN': '年龄低于下限', en: 'Age below the minimum' },
  AGE_ABOVE_MAX: { 'zh-CN': '年龄超过上限', en: 'Age above the maximum' },
  AGE_AT_MATURITY_ABOVE_MAX: { 'zh-CN': '到期年龄超过上限', en: 'Age at loan maturity above the maximum' },
  BUSINESS_AGE_BELOW_MIN: { 'zh-CN': '经营年限不足', en: 'Too short a time in business' },
  TOBACCO_LICENCE_AGE_BELOW_MIN: { 'zh-CN': '烟草专卖许可证年限不足', en: 'Tobacco retail licence held too briefly' },
  PROPERTY_HELD_BELOW_MIN: { 'zh-CN': '房产持有时间不足', en: 'Property held too briefly' },
  PROVIDENT_MONTHS_TOO_FEW: { 'zh-CN': '公积金连续缴存月数不足', en: 'Too few consecutive months of housing provident fund contributions' },
  PROVIDENT_CONTRIBUTION_TOO_LOW: { 'zh-CN': '公积金缴存额过低', en: 'Housing provident fund contribution too low' },
  BUREAU_CURRENT_OVERDUE: { 'zh-CN': '征信当前逾期', en: 'Credit report: currently overdue' },
  BUREAU_CONSECUTIVE_OVERDUE: { 'zh-CN': '征信连续逾期超限', en: 'Credit report: too many consecutive overdue months' },
  BUREAU_CUMULATIVE_OVERDUE: { 'zh-CN': '征信累计逾期超限', en: 'Credit report: too many overdue months in the last 24 months' },
  BUREAU_INQUIRIES: { 'zh-CN': '征信查询次数过多', en: 'Credit report: too many inquiries' },
  BUREAU_CARD_UTILISATION: { 'zh-CN': '信用卡使用率过高', en: 'Credit card utilisation too high' },
  BUREAU_SEVERE_RECORD: { 'zh-CN': '征信有呆账、代偿或失信记录', en: 'Credit report: bad debt, guarantor compensation or court-listed defaulter' },
  ON_BLACKLIST: { 'zh-CN': '命中黑名单', en: 'On the blacklist' },
  NOT_ON_WHITELIST: { 'zh-CN': '不在白名单内', en: 'Not on the whitelist' },
  REGION_NOT_SERVED: { 'zh-CN': '所在地区不在服务区域', en: 'Region outside the service area' },
};

/** The fallback branch every segment switch has, named as its port on the canvas (其他 / Else). */
const ELSE_SEGMENT: LocalizedText = ELSE_OUTPUT.label;

const isText = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && typeof (value as LocalizedText)['zh-CN'] === 'string' && typeof (value as LocalizedText).en === 'string';

/**
 * The reason labels a block's config defines: every object in it with a `reasonCode` and a `message`
 * (condition gate, decline, refer…) or a `name` (a rule-set's rule, whose message defaults to its
 * name; a plain-string name is the same in both languages). Several rules may give one code; the label then says how many share it.
 */
function configReasons(config: unknown, found: Map<string, LocalizedText[]>): void {
  if (Array.isArray(config)) {
    for (const item of config) configReasons(item, found);
    return;
  }
  if (typeof config !== 'object' || config === null) return;
  const entry = config as Record<string, unknown>;
  if (typeof entry.reasonCode === 'string') {
    const label = typeof entry.name === 'string' || isText(entry.name) ? bothLanguages(entry.name) : isText(entry.message) ? entry.message : undefined;
    if (label && entry.enabled !== false) {
      const labels = found.get(entry.reasonCode) ?? [];
      if (!labels.some((known) => known['zh-CN'] === label['zh-CN'] && known.en === label.en)) labels.push(label);
      found.set(entry.reasonCode, labels);
    }
  }
  for (const value of Object.values(entry)) if (typeof value === 'object' && value !== null) configReasons(value, found);
}

function shared(labels: LocalizedText[]): LocalizedText {
  if (labels.length === 1) return labels[0];
  return { 'zh-CN': `${labels[0]['zh-CN']} 等 ${labels.length} 条规则`, en: `${labels[0].en} and ${labels.length - 1} more ${labels.length === 2 ? 'rule' : 'rules'}` };
}

function definitionLabels(blocks: DefinitionBlock[]): ReportLabels {
  const reasons = new Map<string, LocalizedText[]>();
  const segments: Record<string, LocalizedText> = {};
  for (const block of blocks) {
    configReasons(block.config, reasons);
    if (block.type !== 'segment-switch') continue;
    for (const branch of (block.config.branches ?? []) as { id?: unknown; label?: unknown }[]) {
      if (typeof branch.id === 'string' && isText(branch.label) && !(branch.id in segments)) segments[branch.id] = branch.label;
    }
    segments.else ??= ELSE_SEGMENT;
  }
  return { reasonCodes: Object.fromEntries([...reasons].map(([code, labels]) => [code, shared(labels)])), segments };
}

/** The entries of `table` for `keys` only, in sorted key order so the report's bytes do not depend on discovery order. */
function only(keys: Iterable<string>, ...tables: Record<string, LocalizedText>[]): Record<string, LocalizedText> {
  const picked: Record<string, LocalizedText> = {};
  for (const key of [...new Set(keys)].sort()) {
    const label = tables.find((table) => Object.hasOwn(table, key))?.[key];
    if (label) picked[key] = { 'zh-CN': label['zh-CN'], en: label.en };
  }
  return picked;
}

/**
 * Labels of the codes and segments a report lists, read from the versions' definitions once per
 * report (never per applicant). Where the versions word a code differently, the after version's
 * (the last definition) wins; a code no definition or fixed table knows is left out (shown as its code).
 */
export function reportLabels(definitions: ProductDefinition[], codes: Iterable<string>, segments: Iterable<string>): ReportLabels {
  const perVersion = [...definitions].reverse().map((definition) => definitionLabels(definition.blocks));
  return {
    reasonCodes: only(codes, ...perVersion.map((labels) => labels.reasonCodes), FIXED_REASON_LABELS),
    segments: only(segments, ...perVersion.map((labels) => labels.segments)),
  };
}

/** What a reason code means, zh-CN and English, by code: the `reasonCodes` part of a report's labels, served with suite runs and traces too. */
export type ReasonLabels = ReportLabels['reasonCodes'];

/**
 * The labels of the reason codes a suite run names — what each case was given, and what a failing
 * case expected instead — read from the definition the suite ran against, so the 测试 tab, the submit
 * dialog and the review show "label · CODE" as the impact report does.
 */
export function suiteReasonLabels(
  definition: ProductDefinition,
  results: readonly { differences: readonly { field: string; expected: unknown; actual: unknown }[]; decision?: { reasonCodes: string[] } }[],
): ReasonLabels {
  const codes: string[] = [];
  for (const result of results) {
    codes.push(...(result.decision?.reasonCodes ?? []));
    for (const difference of result.differences) {
      if (difference.field !== 'reasonCodes') continue;
      for (const side of [difference.expected, difference.actual]) if (Array.isArray(side)) codes.push(...side.filter((code): code is string => typeof code === 'string'));
    }
  }
  return reportLabels([definition], codes, []).reasonCodes;
}

/** The labels of the reason codes some decisions give (both traces of one applicant): the after version's wording where the versions differ. */
export function decisionReasonLabels(definitions: ProductDefinition[], decisions: readonly ({ reasons: { code: string }[] } | undefined)[]): ReasonLabels {
  return reportLabels(
    definitions,
    decisions.flatMap((decision) => decision?.reasons.map((reason) => reason.code) ?? []),
    [],
  ).reasonCodes;
}
