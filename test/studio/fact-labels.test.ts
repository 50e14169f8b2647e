import { describe, expect, it } from 'vitest';
import type { BlockTypeInfo } from '../../studio/src/api/types.ts';
import { applicationLabels, applicationMoneyFields, factLabel, factValue } from '../../studio/src/simulator/fact-labels.ts';

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
    expect(factLabel('someFutureFact', limitRange, named, 'zh-CN')).toBe('someFutureFact');
  });

  it('names the facts blocks record beyond their config in both languages (limit formula, age at maturity, lists matched)', () => {
    expect(factLabel('formulaCap', undefined, named, 'zh-CN')).toBe('公式额度');
    expect(factLabel('formulaCap', undefined, named, 'en')).toBe('Limit by formula');
    expect(factLabel('ageAtMaturity', undefined, named, 'zh-CN')).toBe('到期年龄');
    expect(factLabel('matched', undefined, named, 'en')).toBe('Lists matched');
  });

  it('writes money as money, rates as percentages and ages as years and months, never as JSON', () => {
    const capped = { ui: { fields: { '/maxLimit': { label: { 'zh-CN': '最高额度', en: 'Maximum limit' }, unit: 'CNY' } } } } as unknown as BlockTypeInfo;
    expect(factValue('maxLimit', '100000.00', capped, 'zh-CN')).toBe('¥100,000.00');
    expect(factValue('formulaCap', '60000.00', undefined, 'en')).toBe('¥60,000.00');
    expect(factValue('value', '3357.38', undefined, 'zh-CN')).toBe('¥3,357.38');
    expect(factValue('ageAtMaturity', { years: 33, months: 0 }, undefined, 'zh-CN')).toBe('33 岁 0 个月');
    expect(factValue('ageAtMaturity', { years: 61, months: 3 }, undefined, 'en')).toBe('61 years 3 months');
    expect(factValue('rateRange', { min: '3.00', max: '8.00' }, undefined, 'zh-CN')).toBe('3.00% – 8.00%');
    expect(factValue('annualRate', '5.4000', undefined, 'zh-CN')).toBe('5.40%');
    expect(factValue('annualRate', '3.4575', undefined, 'en')).toBe('3.4575%');
    expect(factValue('rateFloor', '4.3500', undefined, 'en')).toBe('4.35%');
    expect(factValue('adjustmentBpRange', { min: -20, max: 30 }, undefined, 'en')).toBe('-20 bp – +30 bp');
    expect(factValue('matched', ['existing-customers', 'payroll'], undefined, 'zh-CN')).toBe('existing-customers、payroll');
    expect(factValue('source', 'fixed', undefined, 'zh-CN')).toBe('固定利率');
    expect(factValue('value', null, undefined, 'zh-CN')).toBe(null); // a formula that gave nothing stays empty (shown as —)
  });

  it('writes option values in words where the field declares their labels', () => {
    const repayment = {
      ui: { fields: { '/methods': { enumLabels: { 'equal-installment': { 'zh-CN': '等额本息', en: 'Equal installments' }, bullet: { 'zh-CN': '到期一次还本付息', en: 'Bullet' } } } } },
    } as unknown as BlockTypeInfo;
    expect(factValue('methods', ['equal-installment', 'bullet'], repayment, 'zh-CN')).toBe('等额本息、到期一次还本付息');
    expect(factValue('methods', 'bullet', repayment, 'en')).toBe('Bullet');
    expect(factValue('max', '500000.00', limitRange, 'zh-CN')).toBe('500000.00');
  });

  it('knows which application fields are money, nested or inside an array, from their unit', () => {
    const withUnits = {
      type: 'object',
      properties: {
        collateral: { type: 'object', properties: { appraisedValue: { type: 'string', 'x-unit': 'CNY' }, buildingAge: { type: 'integer', 'x-unit': 'years' } } },
        debts: { type: 'array', items: { type: 'object', properties: { monthlyPayment: { type: 'string', 'x-unit': 'CNY' } } } },
      },
    };
    expect([...applicationMoneyFields(withUnits)].sort()).toEqual(['appraisedValue', 'monthlyPayment']);
  });
});
