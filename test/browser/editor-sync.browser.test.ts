import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

/**
 * The editor stays current while someone else acts: the approver decides in another browser (a
 * second context: another desk, not another tab of this window, so no focus event helps), or a
 * colleague saves the draft. Nothing here reloads the author's page or fakes a focus event.
 */
let harness: Harness;
let author: Page;
let approver: { context: BrowserContext; page: Page };
const PRODUCT = 'car-loan';
const HUMAN = { delay: 50 };

beforeAll(async () => {
  harness = await startHarness();
  ({ page: author } = await harness.newPage());
  await signIn(author, harness.url, DEMO.author);
  approver = await harness.newPage();
  await signIn(approver.page, harness.url, DEMO.approver);
}, 180_000);
afterAll(async () => harness?.stop());

const badge = () => author.locator('.editor-title .badge').textContent();
const api = (route: string) => `${harness.url}/api/studio${route}`;

/** A colleague's save through the API (another author's session would do the same): the start block's Chinese name. */
async function colleagueRenames(name: string): Promise<number> {
  const draft = await (await author.request.get(api(`/products/${PRODUCT}`))).json();
  const document = structuredClone(draft.document);
  document.blocks.find((block: { type: string }) => block.type === 'application').label = { 'zh-CN': name, en: name };
  const saved = await author.request.put(api(`/products/${PRODUCT}/draft`), { headers: { 'If-Match': `"${draft.revision}"` }, data: { document } });
  expect(saved.status()).toBe(200);
  return (await saved.json()).revision;
}

/** Submits the draft from the editor as the author would, typing the comment. */
async function submit(comment: string) {
  await author.getByRole('button', { name: '提交审批' }).click();
  await author.getByLabel('说明').click();
  await author.keyboard.type(comment, HUMAN);
  await author.getByRole('button', { name: '提交', exact: true }).click();
  await author.locator('.toast', { hasText: '已提交审批' }).waitFor();
}

/** The approver opens the product's open review in the second browser and decides it. */
async function decide(action: '批准发布' | '驳回', comment: string) {
  const open = await (await approver.page.request.get(api(`/reviews?status=open&productId=${PRODUCT}`))).json();
  await approver.page.goto(`${harness.url}/#/reviews/${open.reviews[0].id}`);
  const field = approver.page.getByLabel('审批意见');
  if (action === '驳回') {
    // rejecting without a comment: the field itself says so and takes the cursor
    await approver.page.getByRole('button', { name: action }).click();
    expect(await approver.page.locator('#decision-comment-error').textContent()).toBe('驳回时必须填写意见');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
  } else await field.click();
  await approver.page.keyboard.type(comment, HUMAN);
  await approver.page.getByRole('button', { name: action }).click();
  await approver.page.locator('.toast', { hasText: action === '驳回' ? '已驳回' : '已批准' }).waitFor();
}

describe('the editor follows decisions and saves made elsewhere', () => {
  it('shows the approval and the new version in the author’s header without a reload', async () => {
    await colleagueRenames('汽车消费贷·新版');
    await author.goto(`${harness.url}/#/products/${PRODUCT}`);
    await author.locator('.react-flow__node').first().waitFor();
    expect(await badge()).toBe('已发布');
    expect(await author.getByTestId('latest-version').textContent()).toBe('v1');
    await submit('调整产品名称');
    await expect.poll(badge).toBe('审批中');
    // the header links to the open review
    await expect.poll(() => author.getByTestId('open-review').getAttribute('href')).toMatch(/^#\/reviews\//);
    const loadedAt = await author.evaluate(() => performance.timeOrigin);

    await decide('批准发布', '同意');
    // within two polls of an open review, with no focus event and no reload
    await expect.poll(badge, { timeout: 12_000 }).toBe('已发布');
    await expect.poll(() => author.getByTestId('latest-version').textContent()).toBe('v2');
    await author.locator('.toast', { hasText: 'approver 已批准，发布为版本 2' }).waitFor();
    expect(await author.getByTestId('open-review').count()).toBe(0);
    expect(await author.evaluate(() => performance.timeOrigin)).toBe(loadedAt); // the same page: never reloaded
    await shot(author, 'editor-sync-approved');
  });

  it('shows the approver’s rejection and comment in the open editor', async () => {
    await colleagueRenames('汽车消费贷·第三版');
    await author.evaluate(() => window.dispatchEvent(new Event('focus'))); // back from the colleague's desk
    await expect.poll(() => author.locator('.react-flow__node[data-id="start"]').textContent()).toContain('第三版');
    await submit('再次调整名称');
    await expect.poll(badge).toBe('审批中');
    await decide('驳回', '请补充定价依据');
    await expect.poll(() => author.getByTestId('review-rejected').textContent(), { timeout: 12_000 }).toContain('approver 驳回了审批：请补充定价依据');
    expect(await badge()).toBe('已发布'); // version 2 stays live
    await shot(author, 'editor-sync-rejected');
    await author.getByRole('button', { name: '知道了' }).click();
    expect(await author.getByTestId('review-rejected').count()).toBe(0);
  });

  it('loads a colleague’s newer draft when nothing is unsaved, and keeps unsaved edits for the 409 choice otherwise', async () => {
    const node = author.locator('.react-flow__node[data-id="start"]');
    await colleagueRenames('同事改的名称');
    await author.evaluate(() => window.dispatchEvent(new Event('focus'))); // coming back to the window
    await expect.poll(() => node.textContent()).toContain('同事改的名称');
    await author.locator('.toast', { hasText: '已载入 author 保存的最新草稿' }).waitFor();
    expect(await author.getByTestId('save-state').textContent()).toBe('已保存');

    // now an unsaved edit of mine, then the colleague saves again: mine stays, a banner warns
    await node.click();
    const name = author.locator('.name-fields').getByLabel('中文名称');
    await name.click();
    await author.keyboard.press('Control+a');
    await author.keyboard.type('我的名称', HUMAN);
    await expect.poll(() => author.getByTestId('save-state').textContent()).toBe('有未保存的修改');
    await colleagueRenames('同事第二次改');
    await author.evaluate(() => window.dispatchEvent(new Event('focus')));
    await author.getByTestId('newer-draft').waitFor();
    expect(await name.inputValue()).toBe('我的名称');
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true); // typing goes on where it was
    await shot(author, 'editor-sync-newer-draft');
    await author.keyboard.press('Control+s');
    const dialog = author.getByRole('dialog', { name: '保存冲突' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '保留我的并覆盖' }).click();
    await expect.poll(() => author.getByTestId('save-state').textContent()).toBe('已保存');
    const after = await (await author.request.get(api(`/products/${PRODUCT}`))).json();
    expect(after.document.blocks.find((b: { id: string }) => b.id === 'start').label).toMatchObject({ 'zh-CN': '我的名称' });
    expect(await author.getByTestId('newer-draft').count()).toBe(0);
  });

  it('asks the server nothing while the tab is hidden, looks again the moment it is shown, and every few seconds while in review', async () => {
    await submit('隐藏标签页时不轮询');
    await expect.poll(badge).toBe('审批中');
    const asked: number[] = [];
    author.on('request', (request) => new URL(request.url()).pathname === '/api/studio/products' && asked.push(Date.now()));
    const setVisibility = (state: 'hidden' | 'visible') =>
      author.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    asked.length = 0;
    await author.waitForTimeout(11_000); // two review intervals
    expect(asked).toEqual([]);
    const shown = Date.now();
    await setVisibility('visible');
    await expect.poll(() => asked.length, { timeout: 2_000 }).toBeGreaterThan(0); // at once, not at the next tick
    expect(asked[0] - shown).toBeLessThan(2_000);
    await author.waitForTimeout(11_000);
    expect(asked.length).toBeGreaterThanOrEqual(3); // on showing, then every 5 s while the review is open
  });
});
