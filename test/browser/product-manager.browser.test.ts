import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

let harness: Harness;
let page: Page;
const PRODUCT = 'browser-loan';

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
});
afterAll(async () => harness?.stop());

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (block: string, port: string, type: 'source' | 'target') => page.locator(`.react-flow__node[data-id="${block}"] .react-flow__handle.${type}[data-handleid="${port}"]`);

/** Drags a link from an output port to an input port with the mouse. */
async function dragLink(from: [string, string], to: [string, string], options: { release?: boolean } = {}) {
  const source = await handle(from[0], from[1], 'source').boundingBox();
  const target = await handle(to[0], to[1], 'target').boundingBox();
  if (!source || !target) throw new Error(`handle not found: ${from} → ${to}`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2 - 20, target.y + target.height / 2, { steps: 8 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
  if (options.release !== false) await page.mouse.up();
}

async function errorCount(): Promise<number> {
  const text = (await page.getByTestId('problems-count').textContent()) ?? '';
  return Number(/(\d+) 个错误/.exec(text)?.[1] ?? NaN);
}

describe('a product manager in the studio', () => {
  it('creates an empty product from the product list', async () => {
    await signIn(page, harness.url, DEMO.author);
    await page.getByRole('button', { name: '新建产品' }).click();
    await page.getByLabel('产品编号').fill(PRODUCT);
    await page.getByLabel('中文名称').fill('浏览器测试贷');
    await page.getByLabel('英文名称').fill('Browser test loan');
    await page.getByRole('button', { name: '创建' }).click();
    await node('start').waitFor();
    expect(page.url()).toContain(`#/products/${PRODUCT}`);
  });

  it('builds a flow by dragging blocks from the palette and connecting ports', async () => {
    const canvas = page.locator('.react-flow__pane');
    const drops: [string, number, number][] = [
      ['age-gate', 140, 80],
      ['limit-range', 420, 80],
      ['base-rate', 140, 640],
      ['repayment', 420, 640],
      ['offer', 660, 640],
    ];
    for (const [type, x, y] of drops) {
      await page.locator(`.palette-item[data-block-type="${type}"]`).dragTo(canvas, { targetPosition: { x, y }, force: true });
    }
    await page.locator('.palette-item[data-block-type="decline"]').click(); // click-to-add
    for (const id of ['age-gate-1', 'limit-range-1', 'base-rate-1', 'repayment-1', 'offer-1', 'decline-1']) await node(id).waitFor();
    await page.getByRole('button', { name: '自动布局' }).click();
    await page.waitForTimeout(500);

    await dragLink(['start', 'out'], ['age-gate-1', 'in']);
    await dragLink(['age-gate-1', 'fail'], ['limit-range-1', 'in'], { release: false });
    await expect.poll(() => page.locator('.refusal-tip').textContent()).toContain('失败分支只能连接到转人工或拒绝');
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    await page.getByRole('button', { name: '自动布局' }).click();
    await page.waitForTimeout(500);
    await dragLink(['age-gate-1', 'pass'], ['limit-range-1', 'in']);
    await dragLink(['age-gate-1', 'fail'], ['decline-1', 'in']);
    await dragLink(['limit-range-1', 'out'], ['base-rate-1', 'in']);
    await dragLink(['base-rate-1', 'out'], ['repayment-1', 'in']);
    await dragLink(['repayment-1', 'out'], ['offer-1', 'in']);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);
    await page.getByRole('button', { name: '自动布局' }).click();
    // Every block as dropped fits the default start block (the repayment terms within its 6–36 months).
    await expect.poll(errorCount, { timeout: 10_000 }).toBe(0);
    await shot(page, 'canvas-product');
  });

  it('shows a diagnostic on the block and in the problems panel while min age is above max age', async () => {
    await node('age-gate-1').click();
    const minAge = page.getByRole('spinbutton', { name: '最低年龄' });
    await minAge.fill('70');
    await expect.poll(() => node('age-gate-1').locator('.diag-badge.error').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.problem[data-code="MIN_ABOVE_MAX"]').count()).toBe(1);
    expect(await node('age-gate-1').locator('.block-node').getAttribute('class')).toContain('has-errors');
    await shot(page, 'inspector');
    await minAge.fill('22');
    await expect.poll(() => node('age-gate-1').locator('.diag-badge').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('.problem[data-code="MIN_ABOVE_MAX"]').count()).toBe(0);
  });

  it('copies and pastes a block with the keyboard, and undoes the paste', async () => {
    await node('limit-range-1').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node('limit-range-2').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => node('limit-range-2').count()).toBe(0);
  });

  it('undoes and redoes a delete with the keyboard', async () => {
    await node('decline-1').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => node('decline-1').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await node('decline-1').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);
  });

  it('saves, simulates an applicant and reads the offer', async () => {
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.getByLabel('申请金额').fill('100000');
    await page.getByLabel('期限（月）').selectOption('12');
    await page.getByRole('combobox', { name: '还款方式', exact: true }).selectOption('equal-installment');
    await page.getByLabel('决策日期').fill('2026-01-15');
    await page.locator('#root_applicant_age').fill('35');
    await page.getByRole('button', { name: '运行模拟' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent(), { timeout: 10_000 }).toBe('批准');
    expect(await page.getByTestId('offer-limit').textContent()).toBe('¥100,000.00');
    expect(await page.getByTestId('offer-rate').textContent()).toContain('3.45%');
    await page.locator('.schedule-chart[data-periods="12"] svg').waitFor();
    expect(await node('age-gate-1').locator('.block-node').getAttribute('class')).toContain('path-on');
    expect(await node('decline-1').locator('.block-node').getAttribute('class')).toContain('path-dim');
    await page.locator('.schedule-chart').scrollIntoViewIfNeeded();
    await shot(page, 'simulator-schedule');
  });

  it('submits for approval; the approver approves; a channel sees the new version', async () => {
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByLabel('说明').fill('新产品：年龄 22–65，额度 1–50 万');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.toast', { hasText: '已提交审批' }).waitFor();

    const approver = await harness.newPage();
    await signIn(approver.page, harness.url, DEMO.approver);
    await approver.page.goto(`${harness.url}/#/reviews`);
    await approver.page.getByRole('link', { name: '查看 浏览器测试贷' }).click();
    await approver.page.locator('.diff-list').waitFor();
    await approver.page.locator('.react-flow__node').first().waitFor();
    expect(await approver.page.locator('.block-node.diff-added').count()).toBeGreaterThanOrEqual(6);
    await shot(approver.page, 'version-diff');
    await approver.page.getByLabel('审批意见').fill('同意发布');
    await approver.page.getByRole('button', { name: '批准发布' }).click();
    await approver.page.locator('.toast', { hasText: '已批准' }).waitFor();
    await approver.context.close();

    const response = await fetch(`${harness.url}/api/v1/products/${PRODUCT}`, { headers: { 'X-API-Key': DEMO.appKey } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.version).toBe(1);
    expect(body.id).toBe(PRODUCT);
  });
});
