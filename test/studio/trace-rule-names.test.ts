import { describe, expect, it } from 'vitest';
import { factLabel, factValue } from '../../studio/src/simulator/fact-labels.ts';

/** A rule set's trace facts as the simulator shows them: the rules hit by id and name, in the reader's language. */
const config = {
  rules: [
    { id: 'R001', name: { 'zh-CN': '年龄未满30岁', en: 'Applicant under 30' }, when: 'applicant.age < 30', reasonCode: 'AGE_UNDER_30', action: 'decline' },
    { id: 'R002', name: '多头借贷', when: 'applicant.bureau.inquiries3m > 20', reasonCode: 'MULTIPLE_BORROWING', action: 'refer' },
    { id: 'R003', name: { 'zh-CN': '', en: 'Court-listed defaulter' }, when: 'applicant.bureau.courtDefaulter', reasonCode: 'COURT', action: 'decline' },
  ],
};

describe('the rules a rule set hit, named in the trace', () => {
  it('names each hit rule in the reader’s language, a plain-string name in both, an empty language by the other', () => {
    expect(factValue('hits', ['R001', 'R002', 'R003'], undefined, 'zh-CN', config)).toBe('R001 年龄未满30岁、R002 多头借贷、R003 Court-listed defaulter');
    expect(factValue('hits', ['R001', 'R002', 'R003'], undefined, 'en', config)).toBe('R001 Applicant under 30, R002 多头借贷, R003 Court-listed defaulter');
  });

  it('leaves ids no item names, and lists of other values, as they are, joined', () => {
    expect(factValue('hits', ['R009'], undefined, 'en', config)).toBe('R009');
    expect(factValue('segmentTags', ['payroll', 'vip'], undefined, 'en', config)).toBe('payroll, vip');
    expect(factValue('hits', ['R001'], undefined, 'en')).toBe('R001');
  });

  it('names the facts a rule set records', () => {
    expect(factLabel('hits', undefined, new Map(), 'zh-CN')).toBe('命中');
    expect(factLabel('rulesEvaluated', undefined, new Map(), 'en')).toBe('Rules evaluated');
  });
});

describe('an age at maturity in the trace', () => {
  it('reads as years and months in the reader’s language, not as {years:23, months:0}', () => {
    expect(factLabel('ageAtMaturity', undefined, new Map(), 'zh-CN')).toBe('到期年龄');
    expect(factValue('ageAtMaturity', { years: 23, months: 0 }, undefined, 'zh-CN')).toBe('23 岁 0 个月');
    expect(factValue('ageAtMaturity', { years: 61, months: 4 }, undefined, 'en')).toBe('61 years 4 months');
  });
});
