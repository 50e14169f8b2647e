import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import type { Contribution } from '../../engine/offer-parts.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import type { LimitRangeConfig } from '../config-types.generated.ts';

/** What evaluate needs: the contribution is the same for every application, so it is built once. */
interface LimitRangePrepared {
  contribution: Contribution;
  facts: Record<string, string>;
}

/** 万 for round ten-thousands ("50万"), yuan otherwise: how Chinese product sheets write limits. */
const zhMoney = (value: string): string => {
  const amount = new Decimal(value);
  return amount.gte(10000) && amount.mod(10000).isZero() ? `${amount.div(10000).toString()}万` : `${amount.toString()} 元`;
};
const enMoney = (value: string): string => `CNY ${Number(value).toLocaleString('en-US')}`;

/**
 * 额度区间 / Limit range: a fixed maximum (segment caps such as 50万, channel caps such as 20万),
 * plus, when set, the product's floor and rounding step.
 */
export const limitRangeBlock = defineBlockType<LimitRangeConfig, LimitRangePrepared>({
  type: 'limit-range',
  version: 1,
  title: text('额度区间', 'Limit range'),
  description: text(
    '给额度设一个固定上限（如客群上限 50 万），并可设最低额度（低于则拒绝）和取整步长（向下取整）。',
    'Caps the limit at a fixed amount (e.g. a 500,000 segment cap) and can set the minimum limit (below it the applicant is declined) and the step the limit is rounded down to.',
  ),
  category: 'limit',
  icon: '↕',
  keywords: ['额度', '上限', '下限', '取整', 'cap', 'floor', 'step', 'maximum', 'minimum'],
  defaults: { min: '10000', max: '500000', step: '1000' },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    if (config.min !== undefined && new Decimal(config.min).gt(config.max)) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/min',
        message: text(`最低额度 ${config.min} 元高于最高额度 ${config.max} 元`, `The minimum limit ${config.min} is above the maximum ${config.max}`),
      });
    }
    if (config.step !== undefined && new Decimal(config.step).isZero()) {
      diagnostics.push({
        code: 'CONFIG_INVALID',
        severity: 'error',
        pointer: '/step',
        message: text('取整步长必须大于 0', 'The rounding step must be above 0'),
      });
    }
    const max = moneyString(config.max);
    const contribution: Contribution = {
      limitCaps: [{ amount: max, code: 'LIMIT_RANGE_MAX', label: text(`额度上限 ${zhMoney(config.max)}`, `Limit cap ${enMoney(config.max)}`) }],
    };
    const facts: Record<string, string> = { max };
    if (config.min !== undefined) facts.min = contribution.limitFloor = moneyString(config.min);
    if (config.step !== undefined) facts.step = contribution.limitStep = new Decimal(config.step).toString();
    return { prepared: { contribution, facts }, diagnostics, reads: [], facts: { limitMax: max, ...(facts.min ? { limitMin: facts.min } : {}) } };
  },
  evaluate(prepared) {
    // A fresh copy per application: the runtime merges contributions and must not share our arrays.
    const { contribution } = prepared;
    return { kind: 'contribute', contribution: { ...contribution, limitCaps: contribution.limitCaps?.map((cap) => ({ ...cap })) }, facts: { ...prepared.facts } };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const format = zh ? zhMoney : enMoney;
    const range = config.min !== undefined ? `${format(config.min)}–${format(config.max)}` : zh ? `≤ ${format(config.max)}` : `up to ${format(config.max)}`;
    if (config.step === undefined) return range;
    return zh ? `${range}，按 ${config.step} 元取整` : `${range}, step ${config.step}`;
  },
});
