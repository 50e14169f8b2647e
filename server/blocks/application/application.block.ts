import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import type { ApplicationConfig } from '../config-types.generated.ts';

/** Formats a money string as 万 when it is a whole number of them (the way product sheets talk). */
function amountLabel(amount: string, locale: 'zh-CN' | 'en'): string {
  const value = new Decimal(amount);
  if (locale === 'zh-CN' && value.gte(10000) && value.mod(10000).isZero()) return `${value.div(10000).toString()}万`;
  // grouped as the other blocks' summaries write amounts (CNY 1,000–200,000), exact: the digits are only regrouped
  const [whole, fraction] = value.toFixed(value.isInteger() ? 0 : 2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/**
 * 申请入口 / Application — the one start block of a flow. Its config is the product's metadata;
 * the compiler reads it to build ProductMeta, so its keys are exactly ProductMeta's (plus
 * extraFields). Every application enters the flow here.
 */
export const applicationBlock = defineBlockType<ApplicationConfig>({
  type: 'application',
  version: 1,
  title: text('申请入口', 'Application'),
  description: text(
    '产品的起点：产品名称、类型、渠道、金额与期限范围，以及产品自定义的申请字段。',
    'Where every application enters: the product name, kind, channels, amount and term bounds, and product-specific application fields.',
  ),
  category: 'start',
  icon: '📝',
  keywords: ['start', 'product', 'entry', '开始', '产品', '入口', '申请'],
  defaults: {
    productId: 'new-product',
    name: text('新产品', 'New product'),
    kind: 'consumption',
    currency: 'CNY',
    channels: ['app'],
    amount: { min: '1000', max: '200000', step: '1000' },
    termMonths: { min: 6, max: 36 },
  },
  role: 'start',
  inputs: [], // nothing comes before the start
  outputs: [{ id: 'out', label: text('申请', 'Application'), kind: 'application' }],
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const { min, max, step } = config.amount;
    if (new Decimal(min).gt(max)) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/amount/min',
        message: text(`最低金额 ${min} 高于最高金额 ${max}`, `The minimum amount ${min} is above the maximum ${max}`),
      });
    }
    // A zero step would make "round the limit down to the step" divide by zero at run time.
    if (new Decimal(step).isZero()) {
      diagnostics.push({ code: 'CONFIG_INVALID', severity: 'error', pointer: '/amount/step', message: text('金额步长必须大于 0', 'The amount step must be above 0') });
    }
    if (config.termMonths.min > config.termMonths.max) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/termMonths/min',
        message: text(
          `最短期限 ${config.termMonths.min} 个月长于最长期限 ${config.termMonths.max} 个月`,
          `The shortest term of ${config.termMonths.min} months is above the longest of ${config.termMonths.max} months`,
        ),
      });
    }
    return { prepared: config, diagnostics, reads: [] };
  },
  evaluate: () => ({ kind: 'route', port: 'out' }),
  summarize(config, locale) {
    const amount = `${amountLabel(config.amount.min, locale)}–${amountLabel(config.amount.max, locale)}`;
    const term = `${config.termMonths.min}–${config.termMonths.max}`;
    return locale === 'zh-CN' ? `${config.name['zh-CN']} · ${amount} 元 · ${term} 个月` : `${config.name.en} · CNY ${amount} · ${term} months`;
  },
});
