import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
  await signIn(page, harness.url, DEMO.author);
});
afterAll(async () => harness?.stop());

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
/** Off-screen blocks are not rendered (onlyRenderVisibleElements): fit the whole flow first. */
const fitView = async () => {
  await page.getByRole('button', { name: '适应画布' }).click();
  await page.waitForTimeout(400);
};

const handle = (block: string, port: string, type: 'source' | 'target') => page.locator(`.react-flow__node[data-id="${block}"] .react-flow__handle.${type}[data-handleid="${port}"]`);

/** Drags a link from an output port to an input port with the mouse. */
async function dragLink(from: [string, string], to: [string, string]) {
  const source = (await handle(from[0], from[1], 'source').boundingBox())!;
  const target = (await handle(to[0], to[1], 'target').boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2 - 10, target.y + target.height / 2, { steps: 8 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** A second author session through the API, to change a draft behind the first one's back. */
async function apiSession() {
  const response = await fetch(`${harness.url}/api/studio/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(DEMO.author) });
  const cookie = response.headers.get('set-cookie')!.split(';')[0];
  return (path: string, init: RequestInit = {}) => fetch(`${harness.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', Cookie: cookie, ...(init.headers ?? {}) } });
}

describe('derived products, conflicts and review diffs', () => {
  it('switches the whole UI to English and keeps the choice after a reload', async () => {
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'Loan products' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Loan products' }).waitFor();
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByRole('heading', { name: '贷款产品' }).waitFor();
  });

  it('shows a derived product’s inherited blocks and records an overridden field, which can be reset to base', async () => {
    await page.getByRole('button', { name: '新建产品' }).click();
    await page.getByLabel('派生自已有产品').check({ force: true });
    await page.getByLabel('基础产品').selectOption('mortgage-fast');
    await page.getByLabel('产品编号').fill('mortgage-fast-vip');
    await page.getByLabel('中文名称').fill('房抵快贷·优客版');
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('.banner.info').waitFor();
    await fitView();
    await node('age').click();
    const row = page.locator('.override-list li[data-field="maxAge"]');
    expect(await row.textContent()).toContain('继承');
    await page.getByRole('spinbutton', { name: '最高年龄', exact: true }).fill('60');
    await expect.poll(() => row.textContent()).toContain('已覆盖');
    await shot(page, 'derived-overrides');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
    const saved = await (await (await apiSession())('/api/studio/products/mortgage-fast-vip')).json();
    expect(saved.document.overrides.blocks.age).toEqual({ maxAge: 60 });
    await row.getByRole('button').click();
    await expect.poll(() => row.textContent()).toContain('继承');
  });

  it('keeps my edits through a 409 conflict and overwrites after showing theirs', async () => {
    await page.goto(`${harness.url}/#/products/merchant`);
    await page.locator('.react-flow__node').first().waitFor();
    await fitView();
    const api = await apiSession();
    const theirs = await (await api('/api/studio/products/merchant')).json();
    const bumped = await api('/api/studio/products/merchant/draft', { method: 'PUT', headers: { 'If-Match': `"${theirs.revision}"` }, body: JSON.stringify({ document: theirs.document }) });
    expect(bumped.status).toBe(200);

    await node('start').click();
    await page.getByLabel('积木名称').fill('我的修改');
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: '保存冲突' });
    await dialog.waitFor();
    expect(await page.evaluate(() => localStorage.getItem('studio.backup.merchant'))).toContain('我的修改');
    await shot(page, 'save-conflict');
    await dialog.getByRole('button', { name: '保留我的并覆盖' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
    const after = await (await api('/api/studio/products/merchant')).json();
    expect(after.document.blocks.find((b: { id: string }) => b.id === 'start').label).toBe('我的修改');
  });

  it('colours changed and removed blocks in the review diff and lists the changed fields', async () => {
    await page.goto(`${harness.url}/#/products/mortgage-fast`);
    await page.locator('.react-flow__node').first().waitFor();
    await fitView();
    await node('age').click();
    await page.getByRole('spinbutton', { name: '最高年龄', exact: true }).fill('60');
    await node('discount').click();
    await page.keyboard.press('Delete');
    await dragLink(['price', 'out'], ['bounds', 'in']);
    await expect.poll(() => page.getByTestId('problems-count').textContent(), { timeout: 10_000 }).toMatch(/^0 个错误/);
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByLabel('说明').fill('最高年龄 60，删除一个积木');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.toast', { hasText: '已提交审批' }).or(page.locator('.dialog .form-error')).first().waitFor();

    const approver = await harness.newPage();
    await signIn(approver.page, harness.url, DEMO.approver);
    await approver.page.goto(`${harness.url}/#/reviews`);
    await approver.page.getByRole('link', { name: '查看 房抵快贷' }).click();
    await approver.page.locator('.diff-list').waitFor();
    await approver.page.locator('.react-flow__node').first().waitFor();
    await approver.page.waitForTimeout(500);
    await shot(approver.page, 'version-diff-changes');
    // The changed block by its title and the changed setting by its label and unit, not by pointer.
    expect(await approver.page.locator('.diff-changed-head', { hasText: '年龄准入' }).count()).toBe(1);
    const maxAge = approver.page.locator('.diff-table tr[data-pointer="/config/maxAge"]');
    expect(await maxAge.locator('th').textContent()).toBe('最高年龄');
    expect(await maxAge.locator('td.after').textContent()).toBe('60 年');
    expect(await approver.page.locator('.block-node.diff-removed').count()).toBeGreaterThanOrEqual(1);
    await approver.page.locator('.diff-changed-head', { hasText: '年龄准入' }).click(); // centres the changed block
    await expect.poll(() => approver.page.locator('.block-node.diff-changed').count()).toBeGreaterThanOrEqual(1);
    await approver.page.getByLabel('审批意见').fill('同意');
    await approver.page.getByRole('button', { name: '批准发布' }).click();
    await approver.page.locator('.toast', { hasText: '已批准，发布为版本 2' }).waitFor();
    await approver.context.close();
  });

  it('lists the version history, compares a version with the draft, and rolls back to version 1 through a rollback review', async () => {
    await page.goto(`${harness.url}/#/products/mortgage-fast`);
    await page.getByRole('tab', { name: '版本' }).click();
    await page.locator('.version').nth(1).waitFor();
    expect(await page.locator('.version strong').allInnerTexts()).toEqual(['v2', 'v1']);
    await expect.poll(() => page.getByTestId('latest-version').textContent()).toBe('v2'); // the editor was opened before v2 was published
    // Version 1 against the draft (= version 2): the maximum age changed and the discount block is gone.
    await page.getByRole('button', { name: '与草稿比较 v1' }).click();
    await page.locator('.version-diff .diff-list').waitFor();
    expect(await page.locator('.version-diff .diff-changed-head', { hasText: 'age' }).count()).toBe(1);
    expect(await page.locator('.version-diff .diff-changed td code', { hasText: '/maxAge' }).count()).toBe(1);
    expect(await page.locator('.version-diff .diff-removed', { hasText: 'discount' }).count()).toBe(1);
    await shot(page, 'versions-compare-with-draft');
    await page.locator('.version-diff .diff-changed-head', { hasText: 'age' }).click(); // centres the block on the canvas
    await expect.poll(() => page.locator('.react-flow__node[data-id="age"].selected').count()).toBe(1);
    await page.getByRole('button', { name: '与草稿比较 v2' }).click(); // the draft is what version 2 published
    await page.locator('.version-diff', { hasText: '没有差异' }).waitFor();
    expect(await page.locator('.version-diff').count()).toBe(1); // one comparison open at a time
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '回滚到此版本 v1' }).click();
    await page.locator('.toast', { hasText: '已创建回滚审批' }).waitFor();
    const reviews = await (await (await apiSession())('/api/studio/reviews?status=open')).json();
    expect(reviews.reviews).toContainEqual(expect.objectContaining({ productId: 'mortgage-fast', kind: 'rollback', rollbackOf: 1 }));
  });

  it('creates a product from a template; an expression completes field names and marks the compile error', async () => {
    await page.goto(`${harness.url}/#/products`);
    await page.getByRole('button', { name: '新建产品' }).click();
    await page.getByLabel('从模板').check({ force: true });
    await page.getByLabel('模板', { exact: true }).selectOption('salaried');
    await page.getByLabel('产品编号').fill('salaried-copy');
    await page.getByLabel('中文名称').fill('白领贷（复制）');
    await page.getByRole('button', { name: '创建' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    await fitView();
    await node('eligibility').click();
    const editor = page.locator('.expression-editor .monaco-editor').first();
    await editor.waitFor({ timeout: 15_000 });
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('applicant.', { delay: 30 });
    await expect.poll(() => page.locator('.suggest-widget .monaco-list-row').allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringContaining('applicant.age'));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.expression-editor .squiggly-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.problem[data-code^="EXPRESSION_"]').count()).toBeGreaterThan(0);
    await shot(page, 'expression-editor');
  });
});
