import { describe, expect, it } from 'vitest';
import type { ReasonLabels } from '../../server/contracts.ts';
import { describeDifference } from '../../studio/src/impact/DifferenceCells.tsx';
import { labelledReasons } from '../../studio/src/impact/report-labels.ts';

/** Labels as the server sends them with a suite run (written by hand here, not taken from the server's table). */
const labels: ReasonLabels = {
  NOT_ON_WHITELIST: { 'zh-CN': '不在白名单内', en: 'Not on the whitelist' },
  AGE_UNDER_30: { 'zh-CN': '年龄未满30岁', en: 'Applicant under 30' },
};

describe('a failing case’s reason codes read as "label · CODE", in the reader’s language', () => {
  it('labels expected and actual reason codes of a differing case', () => {
    expect(describeDifference({ field: 'reasonCodes', expected: ['NOT_ON_WHITELIST'], actual: ['AGE_UNDER_30'] }, 'zh-CN', labels)).toEqual({
      label: '原因代码',
      expected: '不在白名单内 · NOT_ON_WHITELIST',
      actual: '年龄未满30岁 · AGE_UNDER_30',
    });
    expect(describeDifference({ field: 'reasonCodes', expected: ['NOT_ON_WHITELIST', 'AGE_UNDER_30'], actual: [] }, 'en', labels)).toEqual({
      label: 'Reason codes',
      expected: 'Not on the whitelist · NOT_ON_WHITELIST, Applicant under 30 · AGE_UNDER_30',
      actual: '(none)',
    });
  });

  it('shows a code without a label alone, and leaves other lists as they are', () => {
    expect(labelledReasons(labels, ['UNKNOWN_CODE', 'NOT_ON_WHITELIST'], 'en')).toBe('UNKNOWN_CODE, Not on the whitelist · NOT_ON_WHITELIST');
    expect(describeDifference({ field: 'reasonCodes', expected: ['NOT_ON_WHITELIST'], actual: [] }, 'zh-CN').expected).toBe('NOT_ON_WHITELIST'); // a review stored before labels were sent
  });
});
