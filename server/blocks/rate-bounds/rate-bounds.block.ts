import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal } from '../../engine/money.ts';
import type { Contribution } from '../../engine/offer-parts.ts';
import { text } from '../../engine/text.ts';
import type { RateBoundsConfig } from '../config-types.generated.ts';

type PreparedRateBounds = Required<Pick<Contribution, 'rateBounds'>>;

/** 利率上下限: the final rate (base + adjustments) is clamped into [floor, ceiling] by the runtime. */
export const rateBoundsBlock = defineBlockType<RateBoundsConfig, PreparedRateBounds>({
  type: 'rate-bounds',
  version: 1,
  title: text('利率上下限', 'Rate floor and ceiling'),
  description: text('最终执行利率（基准 + 加减点）不低于下限、不高于上限。', 'Keeps the final rate (base + adjustments) between a floor and a ceiling.'),
  category: 'pricing',
  icon: '⇕',
  keywords: ['下限', '上限', 'floor', 'ceiling', '利率', 'rate', 'clamp'],
  defaults: { floor: '3.00', ceiling: '6.00' },
  role: 'contributor',
  provides: ['rate-bounds'],

  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    if (config.floor !== undefined && config.ceiling !== undefined && new Decimal(config.floor).gt(config.ceiling)) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/floor',
        message: text(`利率下限 ${config.floor}% 高于上限 ${config.ceiling}%`, `The rate floor ${config.floor} % is above the ceiling ${config.ceiling} %`),
      });
    }
    if (config.ceiling !== undefined && new Decimal(config.ceiling).lte(0)) {
      diagnostics.push({ code: 'CONFIG_INVALID', severity: 'error', pointer: '/ceiling', message: text('利率上限必须大于 0', 'The rate ceiling must be above 0') });
    }
    const rateBounds = { ...(config.floor !== undefined && { floor: config.floor }), ...(config.ceiling !== undefined && { ceiling: config.ceiling }) };
    return { diagnostics, reads: [], facts: { rateFloor: config.floor, rateCeiling: config.ceiling }, prepared: { rateBounds } };
  },

  evaluate(prepared) {
    return { kind: 'contribute', contribution: prepared, facts: { ...prepared.rateBounds } };
  },

  summarize(config, locale) {
    const zh = [config.floor !== undefined && `≥ ${config.floor}%`, config.ceiling !== undefined && `≤ ${config.ceiling}%`].filter(Boolean).join('，');
    const en = [config.floor !== undefined && `≥ ${config.floor} %`, config.ceiling !== undefined && `≤ ${config.ceiling} %`].filter(Boolean).join(', ');
    return locale === 'zh-CN' ? zh : en;
  },
});
