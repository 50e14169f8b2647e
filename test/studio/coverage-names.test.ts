import { describe, expect, it } from 'vitest';
import type { BlockTypeInfo, FlowDocument } from '../../studio/src/api/types.ts';
import { coverageItemName } from '../../studio/src/impact/coverage-names.ts';

const types = new Map([
  [
    'rule-set',
    {
      type: 'rule-set',
      title: { 'zh-CN': '规则集', en: 'Rule set' },
      outputs: [
        { id: 'pass', label: { 'zh-CN': '通过', en: 'Pass' }, kind: 'application' },
        { id: 'fail', label: { 'zh-CN': '不通过', en: 'Fail' }, kind: 'application' },
      ],
    },
  ],
  ['pricing-table', { type: 'pricing-table', title: { 'zh-CN': '定价决策表', en: 'Pricing decision table' }, outputs: [] }],
]) as unknown as Map<string, BlockTypeInfo>;
const document = {
  blocks: [
    {
      id: 'admission',
      type: 'rule-set',
      label: { 'zh-CN': '准入规则', en: 'Admission rules' },
      position: { x: 0, y: 0 },
      config: {
        rules: [
          { id: 'r-017', name: '近 6 个月查询过多' },
          { id: 'r-018', name: { 'zh-CN': '多头借贷', en: 'Borrowing from many lenders' } },
        ],
      },
    },
    { id: 'grid', type: 'pricing-table', position: { x: 0, y: 0 }, config: { rows: [{ id: 'vip' }, {}, {}] } },
  ],
  links: [],
} as unknown as FlowDocument;

describe('coverage items by name', () => {
  it('names a branch by its block and port labels', () => {
    expect(coverageItemName({ blockId: 'admission', port: 'fail' }, document, types, 'zh-CN')).toBe('准入规则 › 不通过');
    expect(coverageItemName({ blockId: 'admission', port: 'fail' }, document, types, 'en')).toBe('Admission rules › Fail');
  });

  it('names a rule by its id and name, in the reader’s language when it has two', () => {
    expect(coverageItemName({ blockId: 'admission', ruleId: 'r-017' }, document, types, 'zh-CN')).toBe('准入规则 › r-017 近 6 个月查询过多');
    expect(coverageItemName({ blockId: 'admission', ruleId: 'r-018' }, document, types, 'en')).toBe('Admission rules › r-018 Borrowing from many lenders');
  });

  it('numbers a pricing-table row, whether it has an id or only its position (#3)', () => {
    expect(coverageItemName({ blockId: 'grid', rowId: 'vip' }, document, types, 'zh-CN')).toBe('定价决策表 › 第 1 行');
    expect(coverageItemName({ blockId: 'grid', rowId: '#3' }, document, types, 'en')).toBe('Pricing decision table › row 3');
  });

  it('keeps the ids of a block no longer in the document', () => {
    expect(coverageItemName({ blockId: 'gone', port: 'pass' }, document, types, 'zh-CN')).toBe('gone › pass');
  });
});
