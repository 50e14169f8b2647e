import { describe, expect, it } from 'vitest';
import { describeDifference } from '../../studio/src/impact/DifferenceCells.tsx';

/** The approver reads a failing case as figures, not JSON: what the review showed was `offer.limit "36000.00" → null`. */
describe('a failing case as the approver reads it', () => {
  it('prints money, rates, months, methods, outcomes and a missing offer in Chinese', () => {
    expect(describeDifference({ field: 'offer.limit', expected: '36000.00', actual: null }, 'zh-CN')).toEqual({ label: '额度（元）', expected: '¥36,000.00', actual: '—（无报价）' });
    expect(describeDifference({ field: 'offer.aprSimple', expected: '5.40', actual: '5.4123' }, 'zh-CN')).toEqual({ label: '年化利率 APR（单利，%）', expected: '5.40%', actual: '5.4123%' });
    expect(describeDifference({ field: 'offer.termMonths', expected: 12, actual: 24 }, 'zh-CN').actual).toBe('24 个月');
    expect(describeDifference({ field: 'offer.repaymentMethod', expected: 'equal-installment', actual: 'bullet' }, 'zh-CN').expected).toBe('等额本息');
    expect(describeDifference({ field: 'outcome', expected: 'approve', actual: 'decline' }, 'zh-CN')).toEqual({ label: '审批结果', expected: '通过', actual: '拒绝' });
    expect(describeDifference({ field: 'reasonCodes', expected: [], actual: ['AGE_BELOW_MIN', 'DTI_TOO_HIGH'] }, 'zh-CN')).toEqual({
      label: '原因代码',
      expected: '（无）',
      actual: 'AGE_BELOW_MIN、DTI_TOO_HIGH',
    });
  });

  it('prints the same in English', () => {
    expect(describeDifference({ field: 'outcome', expected: 'approve', actual: 'refer' }, 'en')).toEqual({ label: 'Outcome', expected: 'Approve', actual: 'Refer' });
    expect(describeDifference({ field: 'offer.firstPayment', expected: '3088.47', actual: null }, 'en')).toEqual({ label: 'First instalment (CNY)', expected: '¥3,088.47', actual: '— (no offer)' });
    expect(describeDifference({ field: 'offer.termMonths', expected: 12, actual: 6 }, 'en').expected).toBe('12 months');
  });

  it('keeps what it cannot name as the case file spells it', () => {
    expect(describeDifference({ field: 'offer.unknownFigure', expected: '1', actual: 'not an offer figure' }, 'en')).toEqual({ label: undefined, expected: '1', actual: 'not an offer figure' });
  });
});
