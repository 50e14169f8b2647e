import { describe, expect, it } from 'vitest';
import type { BlockTypeInfo, FlowDocument } from '../../studio/src/api/types.ts';
import { formatDate, formatDateTime, isIsoDate } from '../../studio/src/i18n/format.ts';
import { groupThousands, ungroup } from '../../studio/src/inspector/money-text.ts';
import { diagnosticText } from '../../studio/src/problems/diagnostic-text.ts';
import { catalog } from './catalog-fixture.ts';

const types = new Map<string, BlockTypeInfo>(catalog.map((type) => [type.type, type]));
types.set('repayment', {
  ...types.get('age-gate')!,
  type: 'repayment',
  title: { 'zh-CN': '还款方式', en: 'Repayment' },
  ui: { fields: { '/methods/items': { enumLabels: { 'interest-only': { 'zh-CN': '先息后本', en: 'Interest-only' } } } } },
});
const document: FlowDocument = {
  schemaVersion: 1,
  blocks: [
    { id: 'age-gate-1', type: 'age-gate', typeVersion: 1, config: {}, position: { x: 0, y: 0 }, label: { 'zh-CN': '年龄准入', en: 'Age check' } },
    { id: 'age-gate-10', type: 'age-gate', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'repayment-1', type: 'repayment', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
  ],
  links: [],
};

describe('text a product manager reads', () => {
  it('names blocks by their titles, not their ids, in both languages', () => {
    const message = { 'zh-CN': '积木 age-gate-1 与 age-gate-10 的年龄区间重叠', en: 'Blocks age-gate-1 and age-gate-10 overlap' };
    expect(diagnosticText({ message }, 'zh-CN', document, types)).toBe('积木「年龄准入」与「age-gate」的年龄区间重叠');
    expect(diagnosticText({ message }, 'en', document, types)).toBe('Blocks "Age check" and "age-gate" overlap');
  });

  it('reads enum values in a message as their labels', () => {
    const message = { 'zh-CN': '默认方式 interest-only 不在可选方式之中', en: 'The default interest-only is not offered' };
    expect(diagnosticText({ message }, 'zh-CN', document, types)).toBe('默认方式 先息后本 不在可选方式之中');
    expect(diagnosticText({ message }, 'en', document, types)).toBe('The default Interest-only is not offered');
  });

  it('writes dates as 2026-12-03 in both languages, never 2026年12月3日', () => {
    expect(formatDate('2026-12-03', 'zh-CN')).toBe('2026-12-03');
    expect(formatDate('2026-12-03', 'en')).toBe('2026-12-03');
    expect(formatDateTime(new Date(2026, 11, 3, 8, 5).toISOString(), 'en')).toBe('2026-12-03 08:05');
    expect(formatDateTime(new Date(2026, 11, 3, 8, 5).toISOString(), 'zh-CN')).toBe('2026-12-03 08:05');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });

  it('groups money in thousands exactly, and reads typed separators back out', () => {
    expect(groupThousands('1250000')).toBe('1,250,000');
    expect(groupThousands('99999999999999.99')).toBe('99,999,999,999,999.99');
    expect(groupThousands('1000.5')).toBe('1,000.5');
    expect(groupThousands('abc')).toBe('abc');
    expect(ungroup('1,250，000 .00')).toBe('1250000.00');
  });
});
