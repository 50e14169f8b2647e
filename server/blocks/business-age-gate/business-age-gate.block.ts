import { defineBlockType, type BlockResult } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { parseIsoDate } from '../../engine/loan-math/dates.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { PASS_OUTPUT, failOutput } from '../shared/ports.ts';
import { valueAt } from '../shared/fields.ts';
import { fieldMissingFailure } from '../shared/field-missing.ts';
import { completedMonths } from '../shared/completed-months.ts';
import type { BusinessAgeGateConfig } from '../config-types.generated.ts';

type Subject = 'business-licence' | 'tobacco-licence' | 'property-held';

/** What compile makes of the config: the field to read and how to word the reason. */
export interface BusinessAgeGatePrepared {
  keys: string[]; // path split once, e.g. ['business', 'tobacco', 'licenceMonths']
  path: string;
  fromDate: boolean;
  minMonths: number;
  action: 'decline' | 'refer';
  code: string;
  message(months: number): LocalizedText;
}

interface SubjectInfo {
  months: string; // path of the declared months
  date?: string; // path of the start date, when the application has one
  code: string; // reason code when below the minimum
  label: LocalizedText; // for the node subtitle
  message(months: number, min: number): LocalizedText;
}

const SUBJECTS: Record<Subject, SubjectInfo> = {
  'business-licence': {
    months: 'business.licenceMonths',
    date: 'business.licenceDate',
    code: 'BUSINESS_AGE_BELOW_MIN',
    label: text('营业执照', 'business licence'),
    message: (months, min) => text(`营业执照满 ${months} 个月，不足 ${min} 个月`, `The business licence is ${months} months old, below the minimum of ${min}`),
  },
  'tobacco-licence': {
    months: 'business.tobacco.licenceMonths',
    date: 'business.tobacco.licenceDate',
    code: 'TOBACCO_LICENCE_AGE_BELOW_MIN',
    label: text('烟草许可证', 'tobacco licence'),
    message: (months, min) => text(`烟草专卖零售许可证满 ${months} 个月，不足 ${min} 个月`, `The tobacco retail licence is ${months} months old, below the minimum of ${min}`),
  },
  'property-held': {
    months: 'collateral.heldMonths',
    code: 'PROPERTY_HELD_BELOW_MIN',
    label: text('房产持有', 'property held'),
    message: (months, min) => text(`房产持有 ${months} 个月，不足 ${min} 个月`, `The property has been held for ${months} months, below the minimum of ${min}`),
  },
};

/**
 * 经营/持有年限 / Business or holding age — how long the business has been licensed, the tobacco
 * retail licence held, or the collateral property owned. Young businesses are a known risk
 * (2021 notice: enterprises under a year get enhanced review), so below the minimum the product
 * declines or, like mortgage-fast, refers to manual review and still computes an indicative offer.
 */
export const businessAgeGateBlock = defineBlockType<BusinessAgeGateConfig, BusinessAgeGatePrepared>({
  type: 'business-age-gate',
  version: 1,
  title: text('经营/持有年限', 'Business or holding age'),
  description: text(
    '营业执照、烟草许可证的年限或抵押房产的持有月数须达到下限，否则拒绝或转人工。',
    'The business licence, tobacco licence or property holding must be at least N months old; otherwise decline or refer.',
  ),
  category: 'eligibility',
  icon: '🏪',
  keywords: ['business age', 'licence', 'tobacco', 'property held', '营业执照', '经营年限', '烟草证', '持有年限'],
  defaults: { subject: 'business-licence', minMonths: 12, monthsSource: 'months', belowAction: 'decline' },
  role: 'gate',
  outputs: [PASS_OUTPUT, failOutput(text('不足', 'Below minimum'))],
  compile(config) {
    const subject = SUBJECTS[config.subject];
    const diagnostics: BlockDiagnostic[] = [];
    if (config.monthsSource === 'date' && !subject.date) {
      diagnostics.push({
        code: 'CONFIG_INVALID',
        severity: 'error',
        pointer: '/monthsSource',
        message: text('房产持有时间只能按月数判断（申请中没有取得日期）', 'Property holding can only use the declared months (the application has no acquisition date)'),
      });
    }
    const path = config.monthsSource === 'date' && subject.date ? subject.date : subject.months;
    const min = config.minMonths;
    return {
      prepared: {
        keys: path.split('.'),
        path,
        fromDate: config.monthsSource === 'date',
        minMonths: min,
        action: config.belowAction,
        code: subject.code,
        message: (months) => subject.message(months, min),
      },
      diagnostics,
      reads: [{ path, required: true }],
    };
  },
  evaluate(prepared, input): BlockResult {
    const value = valueAt(input.application, prepared.keys);
    const asOf = parseIsoDate(input.request.asOf);
    let months: number | undefined;
    if (prepared.fromDate) {
      const since = typeof value === 'string' ? parseIsoDate(value) : undefined;
      if (since && asOf) months = Math.max(0, completedMonths(since, asOf)); // 0 for a date in the future
    } else if (typeof value === 'number') months = value;
    if (months === undefined) {
      return fieldMissingFailure(prepared.action, text(`缺少 ${prepared.path}，无法判断年限`, `The age check needs ${prepared.path}, which is missing`));
    }
    const facts = { months, ...(prepared.fromDate ? { since: value } : {}) };
    if (months >= prepared.minMonths) return { kind: 'gate', passed: true, facts };
    return { kind: 'gate', passed: false, action: prepared.action, reasons: [{ code: prepared.code, message: prepared.message(months) }], facts };
  },
  summarize(config, locale) {
    const label = SUBJECTS[config.subject].label[locale];
    return locale === 'zh-CN' ? `${label} ≥ ${config.minMonths} 个月` : `${label} ≥ ${config.minMonths} months`;
  },
});
