import { describe, expect, it } from 'vitest';
import type { BlockTypeInfo } from '../../studio/src/api/types.ts';
import { applicationLabels, factLabel, factValue } from '../../studio/src/simulator/fact-labels.ts';

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

  it('names facts the runtime records everywhere with the simulator’s own words, and keeps any other key', () => {
    expect(factLabel('termMonths', limitRange, named, 'zh-CN')).toBe('期限（月）');
    expect(factLabel('beforeSeries', limitRange, named, 'zh-CN')).toBe('beforeSeries');
  });

  it('writes option values in words where the field declares their labels', () => {
    const repayment = { ui: { fields: { '/methods': { enumLabels: { 'equal-installment': { 'zh-CN': '等额本息', en: 'Equal installments' }, bullet: { 'zh-CN': '到期一次还本付息', en: 'Bullet' } } } } } } as unknown as BlockTypeInfo;
    expect(factValue('methods', ['equal-installment', 'bullet'], repayment, 'zh-CN')).toBe('等额本息、到期一次还本付息');
    expect(factValue('methods', 'bullet', repayment, 'en')).toBe('Bullet');
    expect(factValue('max', '500000.00', limitRange, 'zh-CN')).toBe('500000.00');
  });
});
