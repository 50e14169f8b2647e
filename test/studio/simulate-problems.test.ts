import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../studio/src/api/types.ts';
import { placeProblems, plainAmount } from '../../studio/src/simulator/simulate-problems.ts';

const schema = {
  type: 'object',
  properties: {
    applicant: {
      type: 'object',
      'x-label': { 'zh-CN': '申请人', en: 'Applicant' },
      properties: {
        age: { type: 'integer', 'x-label': { 'zh-CN': '年龄（周岁）', en: 'Age (years)' } },
        bureau: {
          type: 'object',
          'x-label': { 'zh-CN': '人行征信', en: 'Credit bureau' },
          properties: { inquiries3m: { type: 'integer', 'x-label': { 'zh-CN': '近3个月查询次数', en: 'Inquiries, 3 months' } } },
        },
      },
    },
  },
} as unknown as JsonSchema;
const labels = { requestedAmount: '申请金额', termMonths: '期限（月）', repaymentMethod: '还款方式', asOf: '决策日期' };

describe('a refused simulation, placed on its fields', () => {
  it('puts an application problem in the form’s error schema and names it by its labels', () => {
    const placed = placeProblems([{ pointer: '/application/applicant/age', message: "must have required property 'age'" }], schema, 'zh-CN', labels);
    expect(placed.application).toEqual({ applicant: { age: { __errors: ['必填'] } } });
    expect(placed.lines).toEqual([{ label: '申请人 › 年龄（周岁）', message: '必填' }]);
  });

  it('names a nested field in English and keeps a message it has no words for as the server wrote it', () => {
    const placed = placeProblems([{ pointer: '/application/applicant/bureau/inquiries3m', message: 'is not what the bank expects' }], schema, 'en', labels);
    expect(placed.lines).toEqual([{ label: 'Applicant › Credit bureau › Inquiries, 3 months', message: 'is not what the bank expects' }]);
  });

  it('puts a request problem under its input', () => {
    const placed = placeProblems([{ pointer: '/requestedAmount', message: 'must be a positive amount with at most 2 decimals, got "5万"' }], schema, 'zh-CN', labels);
    expect(placed.request.requestedAmount).toBe('请填写金额（正数，至多两位小数），如 50000 或 50000.00');
    expect(placed.lines[0].label).toBe('申请金额');
  });

  it('takes an amount as people write it, and refuses what is not one', () => {
    expect(plainAmount('50,000')).toBe('50000');
    expect(plainAmount('¥50,000.50')).toBe('50000.50');
    expect(plainAmount('5万')).toBeUndefined();
    expect(plainAmount('0')).toBeUndefined();
    expect(plainAmount('12.345')).toBeUndefined();
  });
});
