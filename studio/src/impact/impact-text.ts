import { useCallback } from 'react';
import { useT } from '../i18n/use-t.ts';

/**
 * The impact report's and the test suite's UI text, zh-CN and English side by side (kept apart
 * from the shared dictionaries so this feature's strings live with it; the type requires both).
 */
const TEXT = {
  'impact.title': { 'zh-CN': '影响报告', en: 'Impact report' },
  'impact.open': { 'zh-CN': '打开影响报告', en: 'Open the impact report' },
  'impact.opening': { 'zh-CN': '正在打开…', en: 'Opening…' },
  'impact.mustOpen': { 'zh-CN': '批准前请先打开影响报告', en: 'Open the impact report before approving' },
  'impact.none': { 'zh-CN': '本次提交未做客群模拟（{reason}）', en: 'No portfolio simulation for this submission ({reason})' },
  'impact.none.no-published-version': { 'zh-CN': '尚无已发布版本', en: 'nothing is published yet' },
  'impact.none.no-portfolio': { 'zh-CN': '产品未存放客群样本', en: 'the product has no stored portfolio' },
  'impact.portfolio': { 'zh-CN': '客群样本 {name}：{rows} 笔申请，对比已发布 v{version}', en: 'Portfolio {name}: {rows} applications, compared with published v{version}' },
  'impact.changed': { 'zh-CN': '{count} 位申请人的结果或报价发生变化', en: '{count} applicants change outcome or offer' },
  'impact.badRows': { 'zh-CN': '{count} 行无法决策', en: '{count} rows could not be decided' },
  'impact.outcomes': { 'zh-CN': '审批结果', en: 'Outcomes' },
  'impact.before': { 'zh-CN': '变更前', en: 'Before' },
  'impact.after': { 'zh-CN': '变更后', en: 'After' },
  'impact.draft': { 'zh-CN': '草稿', en: 'draft' },
  'impact.approve': { 'zh-CN': '通过', en: 'Approve' },
  'impact.decline': { 'zh-CN': '拒绝', en: 'Decline' },
  'impact.refer': { 'zh-CN': '转人工', en: 'Refer' },
  'impact.transitions': { 'zh-CN': '结果迁移（行：变更前，列：变更后）', en: 'Outcome transitions (rows: before, columns: after)' },
  'impact.segments': { 'zh-CN': '分客群通过率', en: 'Approval rate by segment' },
  'impact.channels': { 'zh-CN': '分渠道通过率', en: 'Approval rate by channel' },
  'impact.segment': { 'zh-CN': '客群', en: 'Segment' },
  'impact.channel': { 'zh-CN': '渠道', en: 'Channel' },
  'impact.noSegment': { 'zh-CN': '（分群前已拒绝）', en: '(declined before segmenting)' },
  'impact.noChannel': { 'zh-CN': '（未注明）', en: '(not given)' },
  'impact.applications': { 'zh-CN': '申请笔数', en: 'Applications' },
  'impact.approvedTotal': { 'zh-CN': '批准额度合计', en: 'Approved limits in total' },
  'impact.limit': { 'zh-CN': '额度分布（元）', en: 'Limit distribution (CNY)' },
  'impact.rate': { 'zh-CN': '执行利率分布（%）', en: 'Contract rate distribution (%)' },
  'impact.apr': { 'zh-CN': '年化利率（APR）分布（%）', en: 'APR distribution (%)' },
  'impact.mean': { 'zh-CN': '均值', en: 'Mean' },
  'impact.reasons': { 'zh-CN': '拒绝/转人工原因（前 10）', en: 'Reason codes (top 10)' },
  'impact.changedList': { 'zh-CN': '结果或报价变化的申请人', en: 'Applicants whose outcome or offer changed' },
  'impact.line': { 'zh-CN': '行号', en: 'Line' },
  'impact.applicant': { 'zh-CN': '申请人（脱敏）', en: 'Applicant (masked)' },
  'impact.exportCsv': { 'zh-CN': '导出 CSV', en: 'Export CSV' },
  'impact.chartsLoading': { 'zh-CN': '图表加载中…', en: 'Loading charts…' },
  'suite.title': { 'zh-CN': '测试用例', en: 'Test cases' },
  'suite.summary': { 'zh-CN': '{passed}/{cases} 通过', en: '{passed} of {cases} pass' },
  'suite.reason': { 'zh-CN': '测试未通过仍提交的理由', en: 'Reason for submitting with failing test cases' },
  'suite.reasonHint': { 'zh-CN': '有测试用例未通过。请修正，或写明理由（审批人可见）后再提交。', en: 'Some test cases fail. Fix them, or write a reason the approver will read, then submit again.' },
  'suite.failing': { 'zh-CN': '未通过的用例', en: 'Failing cases' },
  'suite.field': { 'zh-CN': '字段', en: 'Field' },
  'suite.expected': { 'zh-CN': '预期', en: 'Expected' },
  'suite.actual': { 'zh-CN': '实际', en: 'Actual' },
  'suite.pass': { 'zh-CN': '通过', en: 'Pass' },
  'suite.fail': { 'zh-CN': '未通过', en: 'Fail' },
  'suite.invalid': { 'zh-CN': '输入无效', en: 'Invalid input' },
  'suite.coverage': { 'zh-CN': '覆盖率', en: 'Coverage' },
  'suite.blocks': { 'zh-CN': '积木', en: 'Blocks' },
  'suite.ports': { 'zh-CN': '分支（输出端口）', en: 'Branches (output ports)' },
  'suite.rules': { 'zh-CN': '规则集规则', en: 'Rule-set rules' },
  'suite.rows': { 'zh-CN': '定价表行', en: 'Pricing-table rows' },
  'suite.unreached': { 'zh-CN': '未覆盖：{items}', en: 'Not reached: {items}' },
  'suite.noCases': { 'zh-CN': '本产品还没有测试用例。在「模拟」中试算后可另存为测试用例。', en: 'This product has no test cases yet. Simulate an applicant and save it as a test case.' },
  'suite.notCompiling': { 'zh-CN': '草稿有编译错误，修正后自动运行测试。', en: 'The draft has compile errors; the suite runs again once it compiles.' },
  'suite.failedCases': { 'zh-CN': '审批人注意：提交时有 {failed} 个测试用例未通过', en: 'Note for the approver: test cases failing at submission: {failed}' },
  'suite.coverageLine': { 'zh-CN': '覆盖：积木 {blocks}，分支 {ports}，规则 {rules}，定价行 {rows}', en: 'Coverage: blocks {blocks}, branches {ports}, rules {rules}, pricing rows {rows}' },
  'suite.saveAs': { 'zh-CN': '另存为测试用例', en: 'Save as test case' },
  'suite.saveTitle': { 'zh-CN': '另存为测试用例（确认预期结果）', en: 'Save as test case (confirm what is expected)' },
  'suite.saved': { 'zh-CN': '已保存为测试用例', en: 'Saved as a test case' },
  'suite.save': { 'zh-CN': '保存', en: 'Save' },
  'suite.caseId': { 'zh-CN': '用例编号（小写字母、数字、连字符）', en: 'Case id (lower-case letters, digits, hyphens)' },
  'suite.titleZh': { 'zh-CN': '中文标题', en: 'Chinese title' },
  'suite.titleEn': { 'zh-CN': '英文标题', en: 'English title' },
  'suite.expectedOutcome': { 'zh-CN': '预期结果', en: 'Expected outcome' },
  'suite.expectedReasons': { 'zh-CN': '预期原因代码（逗号分隔）', en: 'Expected reason codes (comma-separated)' },
  'suite.pin': { 'zh-CN': '固定', en: 'Pin' },
  'suite.figure.limit': { 'zh-CN': '额度（元）', en: 'Limit (CNY)' },
  'suite.figure.rateAnnual': { 'zh-CN': '执行年利率（%）', en: 'Contract annual rate (%)' },
  'suite.figure.aprSimple': { 'zh-CN': '年化利率 APR（单利，%）', en: 'APR, simple (%)' },
  'suite.figure.firstPayment': { 'zh-CN': '首期还款（元）', en: 'First instalment (CNY)' },
  'suite.figure.totalInterest': { 'zh-CN': '总利息（元）', en: 'Total interest (CNY)' },
  'suite.figure.termMonths': { 'zh-CN': '期限（月）', en: 'Term (months)' },
  'suite.figure.repaymentMethod': { 'zh-CN': '还款方式', en: 'Repayment method' },
} satisfies Record<string, { 'zh-CN': string; en: string }>;

export type ImpactTextKey = keyof typeof TEXT;
export const IMPACT_TEXT = TEXT;

/** `it(key, params)` in the current language, with `{name}` placeholders filled. */
export function useImpactT() {
  const { locale, lt } = useT();
  const it = useCallback((key: ImpactTextKey, params?: Record<string, string | number>) => TEXT[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`)), [locale]);
  return { it, locale, lt };
}
