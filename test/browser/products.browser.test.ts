import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, signIn, startHarness, type Harness } from './harness.ts';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
});
afterAll(async () => harness?.stop());

describe('the product list', () => {
  it('renames a product in both languages, and the new name stays after a reload', async () => {
    await signIn(page, harness.url, DEMO.author);
    await page.getByRole('button', { name: '重命名 salaried' }).click();
    await page.getByLabel('中文名称').fill('白领信用贷');
    await page.getByLabel('英文名称').fill('Salaried credit');
    await page.getByRole('dialog').getByRole('button', { name: '重命名' }).click();
    await page.getByRole('link', { name: '打开 白领信用贷' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: '打开 白领信用贷' }).waitFor();
    const draft = await page.evaluate(async () => (await fetch('/api/studio/products/salaried')).json());
    expect(draft.name).toEqual({ 'zh-CN': '白领信用贷', en: 'Salaried credit' });
  });
});
