import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

/**
 * The parts taken from maintained libraries (issue #13): the decision table's CSV import (papaparse
 * through shared/csv.ts), the forms' validation (@cfworker/json-schema behind rjsf), and Monaco with
 * only the editor core, its JSON language and two workers.
 */
let harness: Harness;
let page: Page;
const workers: string[] = [];

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
  page.on('request', (request) => {
    if (/worker/i.test(request.url())) workers.push(new URL(request.url()).pathname);
  });
  await signIn(page, harness.url, DEMO.author);
  await page.goto(`${harness.url}/#/products/car-loan`);
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByRole('button', { name: '适应画布' }).click();
  await page.waitForTimeout(400);
});
afterAll(async () => harness?.stop());

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const cell = (header: string, row: number) => page.getByLabel(`${header} ${row}`, { exact: true });
const csvFile = (text: string) => ({ name: 'bands.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('tables, forms and editors on maintained parts', () => {
  it('imports a decision table from a CSV whose line ends mix CRLF and LF', async () => {
    await node('vehicle').click();
    const input = page.locator('input[type="file"][aria-label="导入 CSV"]');
    await input.setInputFiles(csvFile('\uFEFFmaxAgeYears,ltvPercent\r\n2,85\n5,72.5\r\n9,"40"\n'));
    await expect.poll(() => cell('maxAgeYears', 3).inputValue()).toBe('9');
    expect(await cell('maxAgeYears', 1).inputValue()).toBe('2');
    expect(await cell('ltvPercent', 2).inputValue()).toBe('72.5');
    expect(await cell('ltvPercent', 3).inputValue()).toBe('40');
    expect(await page.locator('.decision-table tbody tr').count()).toBe(3);
  });

  it('names the line and field of a broken CSV in Chinese and keeps the table as it was', async () => {
    await page.locator('input[type="file"][aria-label="导入 CSV"]').setInputFiles(csvFile('maxAgeYears,ltvPercent\r\n3,80\n6,"70\n'));
    const alert = page.locator('.decision-table [role="alert"]');
    await expect.poll(() => alert.textContent()).toBe('CSV 导入失败：第 3 行第 2 个字段：引号没有闭合');
    expect(await page.locator('.decision-table tbody tr').count()).toBe(3);
    await page.locator('input[type="file"][aria-label="导入 CSV"]').setInputFiles(csvFile('maxAgeYears,ltv\n3,80\n'));
    await expect.poll(() => alert.textContent()).toContain('未知的列 ltv；');
  });

  it('checks a form field against its schema in the page and says what is wrong in Chinese', async () => {
    await node('age').click();
    const minAge = page.getByLabel('最低年龄', { exact: false }).first();
    await minAge.fill('130');
    const message = page.locator('.block-form').getByText('应当为 <= 120');
    await message.first().waitFor();
    await minAge.fill('18');
    await expect.poll(() => message.count()).toBe(0);
    await shot(page, 'form-validation-cfworker');
  });

  it('validates the flow document in the JSON view with the JSON worker, and opens the find widget', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.locator('.json-editor .monaco-editor').first();
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"bogus": 1,', { delay: 20 });
    // The studio's own check (flow.schema.json, cfworker) refuses the edit, in Chinese.
    const status = page.locator('.json-status');
    await expect.poll(() => status.textContent()).toContain('JSON 无效，未应用');
    expect(await status.textContent()).toContain('不允许有额外的属性');
    // Monaco's JSON worker marks the same property against the schema.
    await expect.poll(() => page.locator('.json-editor .squiggly-warning, .json-editor .squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Control+f');
    await page.locator('.json-editor .find-widget.visible').waitFor();
    await page.keyboard.type('bogus');
    await expect.poll(() => page.locator('.json-editor .find-widget .matchesCount').textContent()).toBe('第 1 项，共 1 项'); // Monaco's own words in the studio's language
    expect(await page.locator('.json-editor .find-widget textarea[aria-label]').first().getAttribute('aria-label')).toBe('查找');
    await shot(page, 'json-view-markers');
    // Back in the text, the line goes again and the document applies.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');
    await expect.poll(() => status.textContent()).toBe('已应用');
  });

  it('started no worker but the JSON one and the editor one', () => {
    const names = new Set(workers.map((path) => path.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '')));
    expect(names.has('json.worker')).toBe(true);
    expect([...names].filter((name) => name !== 'json.worker' && name !== 'editor.worker')).toEqual([]);
  });
});
