import { describe, expect, it } from 'vitest';
import type { BlockTypeInfo } from '../../studio/src/api/types.ts';
import { applicationLabels, factLabel } from '../../studio/src/simulator/fact-labels.ts';

const schema = {
  type: 'object',
  properties: {
    applicant: {
      type: 'object',
      'x-label': { 'zh-CN': '申请人', en: 'Applicant' },
      properties: { age: { type: 'integer', 'x-label': { 'zh-CN': '年龄（周岁）', en: 'Age (years)' } } },
    },
    debts: { type: 'array', items: { type: 'object', properties: { monthlyPayment: { type: 'string', 'x-label': { 'zh-CN': '月还款', en: 'Monthly payment' } } } } },
  },
};
const limitRange = { ui: { fields: { '/max': { label: { 'zh-CN': '最高额度', en: 'Maximum' } } } } } as unknown as BlockTypeInfo;

describe('trace fact names', () => {
  const named = applicationLabels(schema);

  it('names a fact after the block config field it repeats', () => {
    expect(factLabel('max', limitRange, named, 'zh-CN')).toBe('最高额度');
    expect(factLabel('max', limitRange, named, 'en')).toBe('Maximum');
  });

  it('names a fact after the application field it read, nested or inside an array', () => {
    expect(factLabel('age', undefined, named, 'zh-CN')).toBe('年龄（周岁）');
    expect(factLabel('monthlyPayment', undefined, named, 'en')).toBe('Monthly payment');
  });

  it('keeps the runtime key for a computed fact nobody declared', () => {
    expect(factLabel('annualRate', limitRange, named, 'zh-CN')).toBe('annualRate');
  });
});
