import { describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../server/contracts.ts';
import { labelled, labelledCodes } from '../../studio/src/impact/report-labels.ts';

const labels: SimulationReport['labels'] = {
  reasonCodes: { REFER_R0001: { 'zh-CN': '人工规则 R0001', en: 'Manual rule R0001' }, AGE_BELOW_MIN: { 'zh-CN': '年龄低于下限', en: 'Age below the minimum' } },
  segments: { civil: { 'zh-CN': '公职人员', en: 'Civil servants' }, else: { 'zh-CN': '其他', en: 'Else' } },
};

/** What the PM and the approver read in the report's tables: the product's words, with the code beside them. */
describe('reason codes and segments as the report reader sees them', () => {
  it('shows the label in the reader’s language and the code together', () => {
    expect(labelled(labels, 'reasonCodes', 'REFER_R0001', 'zh-CN')).toBe('人工规则 R0001 · REFER_R0001');
    expect(labelled(labels, 'reasonCodes', 'REFER_R0001', 'en')).toBe('Manual rule R0001 · REFER_R0001');
    expect(labelled(labels, 'segments', 'civil', 'zh-CN')).toBe('公职人员 · civil');
    expect(labelled(labels, 'segments', 'else', 'zh-CN')).toBe('其他 · else');
    expect(labelled(labels, 'segments', 'else', 'en')).toBe('else'); // not "Else · else"
  });

  it('lists an applicant’s reasons with the language’s punctuation', () => {
    expect(labelledCodes(labels, ['AGE_BELOW_MIN', 'REFER_R0001'], 'zh-CN')).toBe('年龄低于下限 · AGE_BELOW_MIN、人工规则 R0001 · REFER_R0001');
    expect(labelledCodes(labels, ['AGE_BELOW_MIN', 'REFER_R0001'], 'en')).toBe('Age below the minimum · AGE_BELOW_MIN, Manual rule R0001 · REFER_R0001');
  });

  it('shows the code alone for an old report without labels or a code no product names', () => {
    expect(labelled(undefined, 'reasonCodes', 'REFER_R0001', 'zh-CN')).toBe('REFER_R0001');
    expect(labelled(labels, 'reasonCodes', 'ADMISSION_CURRENTOVERDUE', 'zh-CN')).toBe('ADMISSION_CURRENTOVERDUE');
    expect(labelled(labels, 'segments', 'B', 'en')).toBe('B');
  });
});
