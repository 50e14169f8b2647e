import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, ROOT, signIn, startHarness, type Harness } from './harness.ts';

/**
 * Reason codes and rules in the reader's language (#16): an author names a rule-set's rule in
 * Chinese and English by typing in the rule table; the 测试 tab, the submit dialog, the review's
 * failing cases and the side-by-side traces show "label · CODE" as the impact report does, in zh-CN
 * and in English; the simulator's trace gives the English rule name to an English reader.
 */
let harness: Harness;
const SHOTS = process.env.REASON_LABEL_SHOTS ?? path.join(ROOT, 'test/browser/screenshots');
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  harness = await startHarness();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => harness?.stop());

interface Sample {
  application: { applicant: Record<string, unknown> };
  request: Record<string, unknown>;
}
const samplesDir = path.join(ROOT, 'examples/flash-loan/samples');
const samples: Sample[] = fs
  .readdirSync(samplesDir)
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(samplesDir, file), 'utf8')));

/** 390 applicants built from the samples, ages spread over 22–60: the rule "under 30" moves a few dozen. */
function portfolio(rows = 390): string {
  return `${Array.from({ length: rows }, (_, i) => {
    const {
      application,
      request: { channel, ...request },
    } = samples[i % samples.length];
    return JSON.stringify({ application: { ...application, channel: channel ?? 'app', applicant: { ...application.applicant, age: 22 + (i % 39) } }, ...request });
  }).join('\n')}\n`;
}

const api = (route: string) => `${harness.url}/api/studio${route}`;
const cell = (page: Page, header: string, row: number) => page.getByLabel(`${header} ${row}`, { exact: true });

/** Types into one cell of the decision table as a person does (click, keyboard), and leaves it so it commits. */
async function typeInto(page: Page, header: string, row: number, text: string): Promise<void> {
  await cell(page, header, row).click();
  await page.keyboard.type(text, { delay: 50 });
  await page.keyboard.press('Tab');
  await expect.poll(() => cell(page, header, row).inputValue()).toBe(text);
}

describe('rules and reason codes in the reader’s language', () => {
  it('names a rule in both languages by typing, and every screen shows reason codes as "label · CODE" in zh-CN and English', async () => {
    const { page } = await harness.newPage();
    await signIn(page, harness.url, DEMO.author);
    // set-up through the API: a portfolio, and the whitelist gate replaced by a rule set whose rule has a Chinese name only (as products stored before)
    expect((await page.request.post(api('/products/flash-loan/portfolios?name=applicants-2026-12'), { headers: { 'Content-Type': 'application/x-ndjson' }, data: portfolio() })).status()).toBe(201);
    const draft = await (await page.request.get(api('/products/flash-loan'))).json();
    const document = structuredClone(draft.document);
    const gate = document.blocks.find((block: { id: string }) => block.id === 'customer');
    gate.type = 'rule-set';
    gate.config = { rules: [{ id: 'R001', name: '年龄未满30岁', when: 'applicant.age < 30', reasonCode: 'AGE_UNDER_30', action: 'decline' }] };
    expect((await page.request.put(api('/products/flash-loan/draft'), { headers: { 'If-Match': `"${draft.revision}"` }, data: { document } })).status()).toBe(200);

    // the author gives the rule its English name, and adds a second rule named in both languages
    await page.goto(`${harness.url}/#/products/flash-loan`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: '适应画布' }).click();
    await page.locator('.react-flow__node[data-id="customer"]').click();
    expect(await cell(page, 'name.zh-CN', 1).inputValue()).toBe('年龄未满30岁');
    expect(await cell(page, 'name.en', 1).inputValue()).toBe('');
    await typeInto(page, 'name.en', 1, 'Applicant under 30');
    await page.getByRole('button', { name: '添加一行' }).click();
    await typeInto(page, 'id', 2, 'R002');
    await typeInto(page, 'name.zh-CN', 2, '多头借贷');
    await typeInto(page, 'name.en', 2, 'Multiple borrowing');
    await typeInto(page, 'when', 2, 'applicant.bureau.inquiries3m > 20');
    await typeInto(page, 'reasonCode', 2, 'MULTIPLE_BORROWING');
    await typeInto(page, 'action', 2, 'refer');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
    await expect.poll(() => page.getByText('/rules/1/').count()).toBe(0); // the live check caught up with the last cell
    await page.locator('.decision-table .table-scroll').evaluate((box) => box.scrollTo({ left: 0 }));
    // the columns are headed in the reader's language, the CSV header as the tooltip
    expect(await page.locator('.decision-table th[title="name.zh-CN"]').innerText()).toBe('规则名称 · 中文');
    expect(await page.locator('.decision-table th[title="name.en"]').innerText()).toBe('规则名称 · 英文');
    await snap(page, 'rule-table-both-languages-zh');
    const saved = (await (await page.request.get(api('/products/flash-loan'))).json()).document.blocks.find((block: { id: string }) => block.id === 'customer').config.rules;
    expect(saved.map((rule: { name: unknown }) => rule.name)).toEqual([
      { 'zh-CN': '年龄未满30岁', en: 'Applicant under 30' },
      { 'zh-CN': '多头借贷', en: 'Multiple borrowing' },
    ]);

    // 测试 tab: the failing cases' reason codes with what they mean
    await page.getByRole('tab', { name: '测试' }).click();
    const suite = page.locator('.test-suite');
    await suite
      .locator('.suite-case.fail', { hasText: '边界：22岁可以申请' })
      .locator('td', { hasText: /^年龄未满30岁 · AGE_UNDER_30$/ })
      .waitFor();
    await suite
      .locator('.suite-case.fail', { hasText: '不在老客户名单：拒绝' })
      .locator('td', { hasText: /^不在白名单内 · NOT_ON_WHITELIST$/ })
      .waitFor();
    await suite.getByText('客群名单 › R002 多头借贷').waitFor(); // coverage: the rule no case reaches, by its block's and its own name
    await snap(page, 'tests-tab-labels-zh');
    await page.getByRole('button', { name: '切换语言' }).click();
    await suite
      .locator('.suite-case.fail', { hasText: 'Boundary: age 22 is admitted' })
      .locator('td', { hasText: /^Applicant under 30 · AGE_UNDER_30$/ })
      .waitFor();
    await suite
      .locator('.suite-case.fail', { hasText: 'Not on the existing-customer list' })
      .locator('td', { hasText: /^Not on the whitelist · NOT_ON_WHITELIST$/ })
      .waitFor();
    await suite.getByText('Customer list › R002 Multiple borrowing').waitFor();
    expect(await page.locator('.test-suite').innerText()).not.toContain('年龄未满30岁');
    await snap(page, 'tests-tab-labels-en');
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.locator('.react-flow__node[data-id="customer"]').click();
    await expect.poll(() => page.locator('.decision-table th[title="name.en"]').innerText()).toBe('Rule name · English');
    expect(await page.locator('.decision-table th[title="reasonCode"]').innerText()).toBe('Reason code');
    await page.locator('.decision-table .table-scroll').evaluate((box) => box.scrollTo({ left: 0 }));
    await snap(page, 'rule-table-both-languages-en');

    // the simulator's trace: the rule's reason in English for the English reader
    await page.getByRole('tab', { name: 'Simulator' }).click();
    const sample = page.getByRole('combobox', { name: 'Sample application' });
    await sample.selectOption({ label: (await sample.locator('option', { hasText: 'age 22' }).textContent())! });
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.locator('.trace-reason', { hasText: 'Rule R001 hit: Applicant under 30' }).waitFor();
    const ruleStep = page.locator('.trace-step[data-block-id="customer"]');
    expect(await ruleStep.locator('.trace-facts').innerText()).toMatch(/Rules evaluated\s+1\s+Hits\s+R001 Applicant under 30/);
    await page.locator('.trace-reason').first().scrollIntoViewIfNeeded();
    await snap(page, 'simulator-trace-en');
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.locator('.trace-reason', { hasText: '命中规则 R001：年龄未满30岁' }).waitFor();
    expect(await ruleStep.locator('.trace-facts').innerText()).toMatch(/已执行规则数\s+1\s+命中\s+R001 年龄未满30岁/);
    await snap(page, 'simulator-trace-zh');

    // submitting: the dialog's failing cases, labelled
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByLabel('说明').click();
    await page.keyboard.type('白名单准入改为规则集：未满 30 岁拒绝', { delay: 50 });
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByLabel('测试未通过仍提交的理由').click();
    await page
      .getByRole('dialog')
      .locator('td', { hasText: /^年龄未满30岁 · AGE_UNDER_30$/ })
      .waitFor();
    await page
      .getByRole('dialog')
      .locator('td', { hasText: /^不在白名单内 · NOT_ON_WHITELIST$/ })
      .waitFor();
    await snap(page, 'submit-failing-cases-zh');
    await page.keyboard.type('白名单由年龄规则取代，相关用例将更新', { delay: 50 });
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.toast', { hasText: '客群模拟正在后台运行' }).waitFor();
    const review = (await (await page.request.get(api('/reviews?status=open&productId=flash-loan'))).json()).reviews[0];

    // the approver: failing cases and both traces of a changed applicant, labelled, in both languages
    const approver = await harness.newPage();
    const reviewer = approver.page;
    await signIn(reviewer, harness.url, DEMO.approver);
    await reviewer.goto(`${harness.url}/#/reviews/${review.id}`);
    await reviewer.getByRole('button', { name: '打开影响报告' }).click({ timeout: 120_000 });
    await reviewer.locator('.failing-cases td', { hasText: /^不在白名单内 · NOT_ON_WHITELIST$/ }).waitFor();
    await snap(reviewer, 'review-failing-cases-zh');
    await reviewer.locator('.impact-changed tr', { hasText: '拒绝：年龄未满30岁 · AGE_UNDER_30' }).first().getByRole('button', { name: '对比轨迹' }).click();
    const traces = reviewer.locator('.trace-compare');
    await traces.locator('td', { hasText: '客群名单 · 未通过 (年龄未满30岁 · AGE_UNDER_30)' }).waitFor();
    await traces.locator('th', { hasText: '变更后：拒绝' }).waitFor();
    await traces
      .locator('td', { hasText: /^年龄准入 · 通过$/ })
      .first()
      .waitFor(); // a gate's port is said by its result, not as "→ pass"
    await traces.scrollIntoViewIfNeeded();
    await snap(reviewer, 'trace-compare-zh');
    await reviewer.getByRole('button', { name: '切换语言' }).click();
    await traces.locator('td', { hasText: 'Customer list · Failed (Applicant under 30 · AGE_UNDER_30)' }).waitFor();
    await traces.locator('th', { hasText: 'After: Decline' }).waitFor();
    await snap(reviewer, 'trace-compare-en');
    // a changed applicant who was declined by the whitelist before: the before side says why, in English
    await reviewer.locator('.impact-changed tr', { hasText: 'Decline: Not on the whitelist · NOT_ON_WHITELIST' }).first().getByRole('button', { name: 'Compare traces' }).click();
    await traces.locator('td', { hasText: 'Customer list · Failed (Not on the whitelist · NOT_ON_WHITELIST)' }).waitFor();
    await reviewer.locator('.failing-cases td', { hasText: /^Applicant under 30 · AGE_UNDER_30$/ }).waitFor();
    await reviewer.locator('.failing-cases').scrollIntoViewIfNeeded();
    await snap(reviewer, 'review-failing-cases-en');
    expect(await reviewer.locator('.review-impact').innerText()).not.toMatch(/On no whitelist|年龄未满30岁/);
  });
});
