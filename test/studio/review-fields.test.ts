import { describe, expect, it } from 'vitest';
import type { BlockTypeInfo } from '../../studio/src/api/types.ts';
import { fieldRows } from '../../studio/src/review/field-view.ts';
import { catalog } from './catalog-fixture.ts';

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const limit: BlockTypeInfo = {
  ...catalog.find((type) => type.type === 'age-gate')!,
  type: 'limit-range',
  ui: {
    fields: {
      '/maxAmount': { label: text('最高额度', 'Maximum amount'), unit: 'CNY' },
      '/rounding': { label: text('每期金额舍入', 'Instalment rounding') },
      '/rounding/mode': { label: text('舍入方式', 'Mode'), enumLabels: { HALF_UP: text('四舍五入', 'Round half up'), HALF_EVEN: text('银行家舍入', 'Round half even') } },
      '/termsMonths': { label: text('可选期限', 'Terms'), unit: 'months' },
      '/tiers/items/rate': { label: text('利率', 'Rate'), unit: '%' },
    },
  },
};

describe('a review field change as an approver reads it', () => {
  it('names the setting by its label and shows money with 元 and thousands separators', () => {
    expect(fieldRows({ pointer: '/config/maxAmount', before: '200000', after: '1250000' }, limit, 'zh-CN')).toEqual([
      { pointer: '/config/maxAmount', label: '最高额度', before: '200,000 元', after: '1,250,000 元' },
    ]);
  });

  it('opens a whole new config into its settings, with enum labels, lists and units, in English too', () => {
    const rows = fieldRows({ pointer: '/config', before: undefined, after: { rounding: { mode: 'HALF_UP', unit: '0.01' }, termsMonths: [12, 24, 36], tiers: [{ rate: '3.45' }] } }, limit, 'en');
    expect(rows).toEqual([
      { pointer: '/config/rounding/mode', label: 'Instalment rounding · Mode', before: '—', after: 'Round half up' },
      { pointer: '/config/rounding/unit', label: 'Instalment rounding · unit', before: '—', after: '0.01' },
      { pointer: '/config/termsMonths', label: 'Terms', before: '—', after: '12 months, 24 months, 36 months' },
      { pointer: '/config/tiers/0/rate', label: 'tiers · row 1 · Rate', before: '—', after: '3.45%' },
    ]);
  });

  it('leaves out settings that are the same on both sides, and shows a block name change per language', () => {
    const rows = fieldRows({ pointer: '/config/rounding', before: { mode: 'HALF_UP', unit: '0.01' }, after: { mode: 'HALF_EVEN', unit: '0.01' } }, limit, 'zh-CN');
    expect(rows.map((row) => [row.label, row.before, row.after])).toEqual([['每期金额舍入 · 舍入方式', '四舍五入', '银行家舍入']]);
    expect(fieldRows({ pointer: '/label', before: text('旧', 'Old'), after: text('新', 'New') }, limit, 'zh-CN')[0]).toMatchObject({ label: '积木名称', before: '旧', after: '新' });
  });
});
