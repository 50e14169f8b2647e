import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

/**
 * A product manager builds the flash loan's test suite: saves a simulated applicant as a test
 * case (the form says which field is wrong, in words, under the field) and reads the coverage by
 * the names the canvas shows, in zh-CN and in English.
 */
let harness: Harness;
let page: Page;
const HUMAN = { delay: 50 };
const api = (route: string) => `${harness.url}/api/studio${route}`;

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
  await signIn(page, harness.url, DEMO.author);
}, 180_000);
afterAll(async () => harness?.stop());

/** Clicks into a field and types, as a person does. */
async function typeInto(label: string, text: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label, { exact: true }).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text, HUMAN);
}

describe('test suite authoring', () => {
  it('saves a simulated applicant as a test case; a wrong field is named under itself and focused, figures read as money', async () => {
    await page.goto(`${harness.url}/#/products/flash-loan`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByLabel('样例申请').selectOption({ index: 1 }); // existing customer, income 10,000 × 6 = 60,000, asks 50,000 over 12 months
    await page.getByRole('button', { name: '运行模拟' }).click();
    await page.getByRole('button', { name: '另存为测试用例' }).click();
    const dialog = page.getByRole('dialog', { name: '另存为测试用例（确认预期结果）' });
    await dialog.waitFor();

    await typeInto('用例编号（小写字母、数字、连字符）', 'Approve 50000!');
    await dialog.getByLabel('固定 额度（元）').check();
    await typeInto('额度（元）', '¥50,000.00'); // as it reads on screen
    expect(await dialog.getByTestId('money-limit').textContent()).toBe('¥50,000.00');
    await dialog.getByLabel('固定 还款方式').check();
    expect(await dialog.getByLabel('还款方式', { exact: true }).locator('option:checked').textContent()).toBe('等额本息'); // a name, not equal-installment
    await dialog.getByRole('button', { name: '保存' }).click();

    // each problem under its field, in Chinese; the cursor goes to the first one
    const idInput = dialog.getByLabel('用例编号（小写字母、数字、连字符）');
    expect(await idInput.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#case-id-error').textContent()).toBe('只能用小写字母、数字和连字符，以字母或数字开头，最多 80 个字符');
    expect(await page.locator('#case-titleZh-error').textContent()).toBe('必填');
    expect(await page.locator('#case-titleEn-error').textContent()).toBe('必填');
    expect(await dialog.innerText()).not.toMatch(/REQUEST_INVALID|\/testCase|pattern/);
    await expect.poll(() => idInput.evaluate((element) => element === document.activeElement)).toBe(true);
    await shot(page, 'suite-save-case-errors-zh');

    await page.keyboard.press('Control+a');
    await page.keyboard.type('approve-income-50000', HUMAN);
    await typeInto('中文标题', '老客户：月收入1万，申请5万12期');
    await typeInto('英文标题', 'Existing customer asks 50,000 over 12 months');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.toast', { hasText: '已保存为测试用例' }).waitFor();
    expect(await dialog.count()).toBe(0);
    const stored = await (await page.request.get(api('/products/flash-loan'))).json();
    const saved = stored.samples.find((sample: { id: string }) => sample.id === 'approve-income-50000');
    expect(saved.expected.offer).toEqual({ limit: '50000.00', repaymentMethod: 'equal-installment' }); // only what was ticked, as a plain decimal
    // the new case is among the samples at once, without a reload
    expect(await page.getByLabel('样例申请').locator('option').allTextContents()).toContain('老客户：月收入1万，申请5万12期');

    // the same id again: the server's refusal lands under the id field, in words
    await page.getByRole('button', { name: '另存为测试用例' }).click();
    await dialog.waitFor();
    await typeInto('用例编号（小写字母、数字、连字符）', 'approve-income-50000');
    await typeInto('中文标题', '重复');
    await typeInto('英文标题', 'Duplicate');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#case-id-error').textContent()).toBe('本产品已有同编号的测试用例，请换一个编号');
    expect(await dialog.innerText()).not.toContain('TEST_CASE_EXISTS');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // the same in English
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('button', { name: 'Save as test case' }).click();
    const english = page.getByRole('dialog', { name: 'Save as test case (confirm what is expected)' });
    await english.getByLabel('Case id (lower-case letters, digits, hyphens)').click();
    await page.keyboard.type('Case 1', HUMAN);
    await english.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#case-id-error').textContent()).toBe('Use lower-case letters, digits and hyphens, starting with a letter or digit, at most 80 characters');
    expect(await page.locator('#case-titleEn-error').textContent()).toBe('Required');
    expect(await english.getByLabel('Repayment method', { exact: true }).locator('option:checked').textContent()).toBe('Equal instalments');
    expect(await english.getByLabel('Contract annual rate (%)', { exact: true }).inputValue()).toBe('5.40'); // as a rate is written, not 5.4000
    await shot(page, 'suite-save-case-errors-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => english.count()).toBe(0);
    await page.getByRole('button', { name: 'Switch language' }).click();
  });

  it('names the branches no case reaches by block and branch, as the canvas does (zh-CN and English)', async () => {
    // without the two cases that fail the customer list and the bureau check, those two branches go untested
    for (const id of ['decline-not-customer', 'decline-bureau']) expect((await page.request.delete(api(`/products/flash-loan/test-cases/${id}`))).status()).toBe(204);
    await page.goto(`${harness.url}/#/products/flash-loan`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('tab', { name: '测试' }).click();
    const branches = page.locator('.test-suite tr', { hasText: '分支（输出端口）' });
    await expect.poll(() => branches.locator('td').first().textContent()).toBe('10/12');
    expect(await branches.locator('td').nth(1).textContent()).toBe('未覆盖：客群名单 › 不通过、征信准入 › 不通过');
    await shot(page, 'suite-coverage-names-zh');
    await page.getByRole('button', { name: '切换语言' }).click();
    const english = page.locator('.test-suite tr', { hasText: 'Branches (output ports)' });
    await expect.poll(() => english.locator('td').nth(1).textContent()).toBe('Not reached: Customer list › Fail, Credit bureau record › Fail');
    await shot(page, 'suite-coverage-names-en');
    await page.getByRole('button', { name: 'Switch language' }).click();
  });

  it('says which fields of a case cannot run, by their names, in the Tests tab', async () => {
    const mistyped = {
      id: 'age-mistyped',
      title: { 'zh-CN': '年龄写成了文字', en: 'Age written as text' },
      application: { applicant: { age: 'abc', monthlyIncome: 8000, lists: ['existing-customers'] } },
      request: { asOf: '2026-11-22' },
      expected: { outcome: 'approve' },
    };
    expect((await page.request.post(api('/products/flash-loan/test-cases'), { data: { testCase: mistyped } })).status()).toBe(201);
    // the Tests tab is still open from before: coming back to the window runs the suite again, with the new case
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const errors = page.locator('.suite-case', { hasText: '年龄写成了文字' }).locator('.case-errors');
    await expect.poll(() => errors.innerText()).toContain('申请人 › 年龄（周岁）：请填写数字');
    expect(await errors.innerText()).toContain('申请人 › 人行征信：必填');
    expect(await errors.innerText()).not.toMatch(/\/application|must /);
    await shot(page, 'suite-invalid-case-zh');
    expect((await page.request.delete(api('/products/flash-loan/test-cases/age-mistyped'))).status()).toBe(204);
  });

  it('simulates: the schedule fits its panel, a mistyped amount or a missing field is named where it was typed, in words (zh-CN and English)', async () => {
    await page.goto(`${harness.url}/#/products/flash-loan`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByLabel('样例申请').selectOption({ index: 1 });
    expect(await page.locator('.application-form').innerText()).not.toContain('lists-1'); // the list's entries go under its own label
    await page.getByRole('button', { name: '运行模拟' }).click();
    const schedule = page.locator('.table-scroll.schedule');
    await schedule.waitFor();
    await page.waitForTimeout(400); // the panel has widened and the canvas refitted
    // every column in view (no balance cut to "¥45,935.4") and each due date on one line
    expect(await schedule.evaluate((box) => box.scrollWidth - box.clientWidth)).toBeLessThanOrEqual(0);
    const lines = await schedule.locator('tbody tr:first-child td:nth-child(2)').evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBe(1);
    await shot(page, 'simulator-schedule-fits');

    const amount = page.getByLabel('申请金额');
    await amount.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('5万', HUMAN);
    await page.getByRole('button', { name: '运行模拟' }).click();
    expect(await page.locator('#sim-amount-error').textContent()).toBe('请填写金额（正数，至多两位小数），如 50000 或 50000.00');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    const panel = page.locator('.simulator');
    expect(await panel.innerText()).not.toMatch(/REQUEST_INVALID|\/requestedAmount/);

    // written as it reads on paper, it is taken
    await amount.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('50,000', HUMAN);
    await page.getByRole('button', { name: '运行模拟' }).click();
    await expect.poll(() => page.locator('#sim-amount-error').count()).toBe(0);
    await expect.poll(() => panel.innerText()).toContain('¥50,000.00');

    // a required application field left empty: named by its labels, under the field too
    const age = page.getByLabel('年龄（周岁）', { exact: false }).first();
    await age.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: '运行模拟' }).click();
    await expect.poll(() => panel.locator('[role=alert]').innerText()).toContain('申请人 › 年龄（周岁）：必填');
    expect(await panel.innerText()).not.toMatch(/APPLICATION_INVALID|\/application\/|required property/);
    expect(await panel.locator('.application-form .error-detail, .application-form .text-danger').first().innerText()).toContain('必填');
    await shot(page, 'simulator-missing-age-zh');
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => panel.locator('[role=alert]').innerText()).toMatch(/Applicant › Age[^:]*: Required/);
    await shot(page, 'simulator-missing-age-en');
    await page.getByRole('button', { name: 'Switch language' }).click();
    // the problems follow the language switch, under the field too (they are not kept as text)
    await expect.poll(() => panel.locator('[role=alert]').innerText()).toContain('申请人 › 年龄（周岁）：必填');
    expect(await panel.locator('.application-form .error-detail, .application-form .text-danger').first().innerText()).toContain('必填');
  });

  it('asks for the reason where it is typed when a failing suite is submitted without one, never with a bare code', async () => {
    // set-up: the minimum age goes to 30, so the 22-year-old boundary case fails
    const draft = await (await page.request.get(api('/products/flash-loan'))).json();
    const document = structuredClone(draft.document);
    document.blocks.find((block: { type: string }) => block.type === 'age-gate').config.minAge = 30;
    expect((await page.request.put(api('/products/flash-loan/draft'), { headers: { 'If-Match': `"${draft.revision}"` }, data: { document } })).status()).toBe(200);
    await page.goto(`${harness.url}/#/products/flash-loan`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: '提交审批' }).click();
    const dialog = page.getByRole('dialog', { name: '提交审批' });
    await dialog.getByLabel('说明').click();
    await page.keyboard.type('准入年龄下限调整为 30 岁', HUMAN);
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    const reason = dialog.getByLabel('测试未通过仍提交的理由');
    await reason.waitFor();
    await dialog.getByRole('button', { name: '提交', exact: true }).click(); // no reason yet
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('请填写「测试未通过仍提交的理由」，审批人会看到它');
    expect(await dialog.innerText()).not.toContain('SUITE_FAILING');
    expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
    await shot(page, 'submit-failing-no-reason-zh');
    await page.keyboard.type('政策调整：22 岁边界用例不再适用', HUMAN); // straight on, the cursor is there
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.toast', { hasText: '已提交审批' }).waitFor();
    const open = await (await page.request.get(api('/reviews?status=open&productId=flash-loan'))).json();
    expect(open.reviews[0].impact.suiteFailureReason).toBe('政策调整：22 岁边界用例不再适用');
  });

  it('starts the decision date at the bank’s day in Shanghai, written 2026-12-04, even while it is still the 3rd in UTC', async () => {
    const { context, page: early } = await harness.newPage();
    await early.clock.install({ time: new Date('2026-12-03T17:30:00Z') }); // 01:30 on 4 December in Shanghai
    await signIn(early, harness.url, DEMO.author);
    await early.goto(`${harness.url}/#/products/flash-loan`);
    await early.locator('.react-flow__node').first().waitFor();
    await early.getByRole('tab', { name: '模拟' }).click();
    expect(await early.getByLabel('决策日期').inputValue()).toBe('2026-12-04');
    await context.close();
  });

  it('reads the trace of a mortgage: collateral values as money, the branch taken by its name', async () => {
    await page.goto(`${harness.url}/#/products/mortgage-fast`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByLabel('样例申请').selectOption({ index: 1 });
    await page.getByRole('button', { name: '运行模拟' }).click();
    const trace = page.getByTestId('trace');
    await trace.waitFor();
    const text = await trace.innerText();
    expect(text).toContain('¥1,500,000.00'); // the appraised value, was 1500000.00
    expect(text).not.toMatch(/\b\d{6,}\.\d\d\b/); // no money left unformatted
    expect(text).not.toMatch(/\belse\b/); // the branch by its label, was "branch: else"
  });
});
