import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

/**
 * A product manager builds a 9-block product from an empty canvas as a person does: types the names
 * at human speed, drags blocks out of the palette and links ports with the mouse, lays it out, then
 * simulates an applicant and reads why the limit is what it is, block by block.
 */
let harness: Harness;
let page: Page;
const PRODUCT = 'nine-blocks';
const TYPING = { delay: 60 };

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
});
afterAll(async () => harness?.stop());

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (block: string, port: string, type: 'source' | 'target') => page.locator(`.react-flow__node[data-id="${block}"] .react-flow__handle.${type}[data-handleid="${port}"]`);

async function centre(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the mouse on `from`, moves in steps like a hand does, releases on `to`. */
async function drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 6, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function link(from: [string, string], to: [string, string]): Promise<void> {
  await drag(await centre(handle(from[0], from[1], 'source')), await centre(handle(to[0], to[1], 'target')));
}

/** Every block inside the visible canvas. */
const blocksOffCanvas = () =>
  page.evaluate(() => {
    const pane = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.left < pane.left - 1 || box.right > pane.right + 1 || box.top < pane.top - 1 || box.bottom > pane.bottom + 1;
      })
      .map((el) => el.dataset.id);
  });

describe('building a 9-block product from an empty canvas with the mouse', () => {
  it('creates the product, typing its id and names', async () => {
    await signIn(page, harness.url, DEMO.author);
    await page.getByRole('button', { name: '新建产品' }).click();
    await page.getByLabel('产品编号').click();
    await page.keyboard.type(PRODUCT, TYPING);
    await page.getByLabel('中文名称').click();
    await page.keyboard.type('九积木消费贷', TYPING);
    await page.getByLabel('英文名称').click();
    await page.keyboard.type('Nine-block consumer loan', TYPING);
    await page.getByRole('button', { name: '创建' }).click();
    await node('start').waitFor();
  });

  it('drags eight blocks out of the palette and the start block into the corner', async () => {
    const pane = (await page.locator('.canvas .react-flow').boundingBox())!;
    // the start block to the top-left corner, by its title
    await drag(await centre(node('start').locator('.block-title')), { x: pane.x + 140, y: pane.y + 50 });
    const drops: [string, number, number][] = [
      ['age-gate', 360, 60],
      ['bureau-gate', 600, 60],
      ['limit-range', 120, 260],
      ['base-rate', 360, 260],
      ['rate-bounds', 600, 260],
      ['repayment', 120, 460],
      ['offer', 360, 460],
      ['decline', 600, 460],
    ];
    for (const [type, x, y] of drops) {
      const item = page.locator(`.palette-item[data-block-type="${type}"]`);
      await item.scrollIntoViewIfNeeded();
      await drag(await centre(item), { x: pane.x + x, y: pane.y + y });
      await node(`${type}-1`).waitFor();
    }
    expect(await page.locator('.react-flow__node').count()).toBe(9);
    expect(await blocksOffCanvas()).toEqual([]);
  });

  it('links the ports with the mouse, fail branches to the decline block', async () => {
    await link(['start', 'out'], ['age-gate-1', 'in']);
    await link(['age-gate-1', 'pass'], ['bureau-gate-1', 'in']);
    await link(['age-gate-1', 'fail'], ['decline-1', 'in']);
    await link(['bureau-gate-1', 'pass'], ['limit-range-1', 'in']);
    await link(['bureau-gate-1', 'fail'], ['decline-1', 'in']);
    await link(['limit-range-1', 'out'], ['base-rate-1', 'in']);
    await link(['base-rate-1', 'out'], ['rate-bounds-1', 'in']);
    await link(['rate-bounds-1', 'out'], ['repayment-1', 'in']);
    await link(['repayment-1', 'out'], ['offer-1', 'in']);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(9);
    await shot(page, 'nine-blocks-linked-zh-CN');
  });

  it('lays the product out legibly, the decline outcome in a lane below the main path', async () => {
    await page.getByRole('button', { name: '自动布局', exact: true }).click();
    await page.waitForTimeout(600);
    const zoom = await page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a);
    expect(zoom).toBeGreaterThanOrEqual(0.7);
    expect(await blocksOffCanvas()).toEqual([]);
    const top = async (id: string) => (await node(id).boundingBox())!.y;
    const bottom = async (id: string) => (await node(id).boundingBox())!.y + (await node(id).boundingBox())!.height;
    const mainBottom = Math.max(await bottom('age-gate-1'), await bottom('bureau-gate-1'));
    expect(await top('decline-1')).toBeGreaterThan(mainBottom);
    // The repayment block offers up to 60 months: the product's longest term says so too.
    await node('start').locator('.block-title').click();
    const longest = page.getByRole('spinbutton', { name: '最长期限' });
    await longest.click({ clickCount: 3 });
    await page.keyboard.type('60', TYPING);
    await expect.poll(() => page.getByTestId('problems-count').textContent(), { timeout: 10_000 }).toMatch(/^0 个错误/);
    await page.keyboard.press('Control+s');
    await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    await shot(page, 'nine-blocks-laid-out-zh-CN');
  });

  it('simulates an applicant: the answer is in view, the limit explained, the path block by block', async () => {
    await page.getByRole('tab', { name: '模拟' }).click();
    await page.waitForTimeout(400);
    expect(await blocksOffCanvas()).toEqual([]); // the wider panel did not push blocks off the canvas
    await page.getByLabel('申请金额').click();
    await page.keyboard.type('150000', TYPING);
    await page.getByLabel('决策日期').fill('2026-01-15');
    for (const [field, value] of [
      ['age', '35'],
      ['bureau_inquiries2m', '1'],
      ['bureau_maxConsecutiveOverdue24m', '0'],
      ['bureau_totalOverduePeriods24m', '0'],
    ]) {
      await page.locator(`#root_applicant_${field}`).click();
      await page.keyboard.type(value!, TYPING);
    }
    await page.getByRole('button', { name: '运行模拟' }).click();
    const outcome = page.getByTestId('outcome');
    await expect.poll(() => outcome.textContent(), { timeout: 10_000 }).toBe('批准');
    await page.waitForTimeout(300);
    const panel = (await page.locator('.tab-body').boundingBox())!;
    const seen = (await outcome.boundingBox())!;
    expect(seen.y).toBeGreaterThanOrEqual(panel.y - 1);
    expect(seen.y + seen.height).toBeLessThanOrEqual(panel.y + panel.height);
    // 150,000 asked; the limit block allows up to 500,000 (its default): the request set the amount.
    expect(await page.getByTestId('caps-sentence').textContent()).toBe('按申请金额批准 ¥150,000.00；最高可批 ¥500,000.00（「额度区间」）。');
    const steps = page.getByTestId('trace').locator('.trace-step');
    expect(await steps.count()).toBe(8); // start, two gates, limit, rate, bounds, repayment, offer
    expect(await steps.nth(1).locator('.trace-result').textContent()).toBe('通过');
    expect(await steps.nth(1).locator('.trace-facts').textContent()).toContain('年龄（周岁）35');
    await shot(page, 'nine-blocks-simulated-zh-CN');

    await steps.nth(3).locator('.trace-head').click(); // the limit block: selected and centred
    await expect.poll(() => node('limit-range-1').getAttribute('class')).toContain('selected');
    // The canvas glides to the block (a 300 ms animation): wait until it has arrived at the centre.
    const offCentre = async () => {
      const pane = (await page.locator('.canvas .react-flow').boundingBox())!;
      const block = await centre(node('limit-range-1'));
      return Math.max(Math.abs(block.x - (pane.x + pane.width / 2)), Math.abs(block.y - (pane.y + pane.height / 2)));
    };
    await expect.poll(offCentre, { timeout: 5_000 }).toBeLessThan(30);
  });

  it('draws the schedule with round money ticks', async () => {
    await page.locator('.schedule-chart svg').waitFor();
    const ticks = await page.locator('.schedule-chart svg text').allTextContents();
    const money = ticks.filter((text) => text.startsWith('¥'));
    expect(money.length).toBeGreaterThanOrEqual(4);
    for (const text of money) {
      expect(text).toMatch(/^¥\d{1,3}(,\d{3})*$/); // whole yuan, separators, no cents
      const value = Number(text.replace(/[¥,]/g, ''));
      expect(value % 1000 === 0 || value < 1000 ? value % 100 : 0).toBe(0); // a round step, not ¥3,357.38
    }
  });

  it('shows the same product in English with English names only', async () => {
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('tab', { name: 'Simulator' }).waitFor();
    expect(await node('age-gate-1').locator('.block-title').textContent()).toBe('Age');
    const titles = await page.locator('.block-title').allTextContents();
    expect(titles.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => page.getByTestId('caps-sentence').textContent(), { timeout: 10_000 }).toBe('Granted the ¥150,000.00 asked for; at most ¥500,000.00 (“Limit range”).');
    await shot(page, 'nine-blocks-simulated-en');
  });
});
