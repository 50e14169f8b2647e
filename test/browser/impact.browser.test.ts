import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseCsv } from '../../shared/csv.ts';
import { DEMO, ROOT, shot, signIn, startHarness, type Harness } from './harness.ts';

/**
 * Impact-gated approval in a real browser: the author's change (minimum age 22 → 30 on the seeded
 * flash loan) is submitted with a portfolio stored; the approver's approve button stays disabled
 * until the impact report is opened, and the report draws its ECharts charts.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
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

/** 1,000 applicants built from the samples, ages spread over 22–60 and incomes over 3,000–30,000: a few hundred are under 30. */
function portfolio(): string {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const {
      application,
      request: { channel, ...request },
    } = samples[i % samples.length];
    const applicant = {
      ...application.applicant,
      age: 22 + (i % 39),
      monthlyIncome: 3000 + ((i * 7919) % 28) * 1000,
      idNumber: `5301021980${String(i % 100).padStart(2, '0')}01${String(1000 + i).slice(-4)}`,
    };
    lines.push(JSON.stringify({ application: { ...application, channel: channel ?? 'app', applicant }, ...request }));
  }
  return `${lines.join('\n')}\n`;
}

async function submitChange(page: Page): Promise<string> {
  const api = (route: string) => `${harness.url}/api/studio${route}`;
  const upload = await page.request.post(api('/products/flash-loan/portfolios?name=applicants-2026-11'), { headers: { 'Content-Type': 'application/x-ndjson' }, data: portfolio() });
  expect(upload.status()).toBe(201);
  const draft = await (await page.request.get(api('/products/flash-loan'))).json();
  const document = structuredClone(draft.document);
  document.blocks.find((block: { type: string }) => block.type === 'age-gate').config.minAge = 30;
  const saved = await page.request.put(api('/products/flash-loan/draft'), { headers: { 'If-Match': `"${draft.revision}"` }, data: { document } });
  expect(saved.status()).toBe(200);
  const submitted = await page.request.post(api('/products/flash-loan/submit'), {
    data: { comment: '准入年龄下限调整为 30 岁', suiteFailureReason: '政策调整：22 岁边界用例已不适用 / policy change: the 22-year-old boundary case no longer applies' },
    timeout: 120_000,
  });
  expect(submitted.status()).toBe(201);
  const review = await submitted.json();
  expect(review.impact.simulation.changed).toBeGreaterThan(100);
  return review.id;
}

describe('impact-gated approval', () => {
  it('keeps approve disabled until the approver opens the impact report, then shows the charts (zh-CN and English)', async () => {
    const author = await harness.newPage();
    await signIn(author.page, harness.url, DEMO.author);
    const reviewId = await submitChange(author.page);
    // the author's 测试 tab: the failing case with its field, then the portfolio on the draft against v1 with a progress bar
    await author.page.goto(`${harness.url}/#/products/flash-loan`);
    await author.page.getByRole('tab', { name: '测试' }).click();
    await author.page.locator('.suite-case.fail').filter({ hasText: '22' }).getByText('审批结果').waitFor();
    await author.page.getByRole('button', { name: '草稿对比已发布版本' }).click();
    await author.page.locator('.portfolio-panel .impact-report').waitFor({ timeout: 120_000 });
    expect(await author.page.locator('.portfolio-progress').textContent()).toContain('已决策 1,000 / 1,000 笔');
    await shot(author.page, 'tests-tab-zh');
    // a person uploads through the studio's own button (the browser's file button would speak the browser's language); bad lines are named, not fatal
    const lines = portfolio().split('\n').slice(0, 3);
    const chooser = author.page.waitForEvent('filechooser');
    await author.page.getByRole('button', { name: '上传客群文件…' }).click();
    await (await chooser).setFiles({ name: 'walk-in-2026-12.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines[0]}\n{"application": 7}\n${lines[1]}\n`) });
    await author.page.getByText('1 行有误未存入，行号：2').waitFor();
    // the list reloads after the upload answers: wait for the new portfolio to be the chosen option
    await author.page.getByRole('combobox', { name: '已存客群' }).locator('option:checked', { hasText: 'walk-in-2026-12.jsonl' }).waitFor({ state: 'attached' });
    await author.page.locator('.portfolio-panel').scrollIntoViewIfNeeded();
    await shot(author.page, 'tests-tab-upload-zh');
    await author.context.close();

    const { context, page } = await harness.newPage();
    await signIn(page, harness.url, DEMO.approver);
    await page.goto(`${harness.url}/#/reviews/${reviewId}`);
    const approve = page.getByRole('button', { name: '批准发布' });
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    await page.getByText('审批人注意：提交时有 1 个测试用例未通过').waitFor();
    await shot(page, 'impact-review-closed-zh');

    await page.getByRole('button', { name: '打开影响报告' }).click();
    await page.locator('.impact-chart svg').first().waitFor();
    expect(await page.locator('.impact-chart svg').count()).toBe(3);
    expect(await approve.isEnabled()).toBe(true);
    const moved = await page.locator('.impact-transitions td.moved').allTextContents();
    expect(moved.length).toBeGreaterThan(0);
    await shot(page, 'impact-report-zh');
    // the figures export: a CSV the browser downloads from the API with the approver's session
    const [figures] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出汇总指标 CSV' }).click()]);
    const exported = fs.readFileSync((await figures.path())!, 'utf8');
    expect(exported.startsWith('\ufeffsection,version,group,metric,value\r\n')).toBe(true);
    const review = await (await page.request.get(`${harness.url}/api/studio/reviews/${reviewId}/impact`)).json();
    expect(exported).toContain(`\r\noutcomes,after,,decline,${review.impact.simulation.outcomes.after.decline}\r\n`);
    await page.locator('.impact-charts').scrollIntoViewIfNeeded();
    await shot(page, 'impact-charts-zh');
    await page.getByRole('button', { name: '对比轨迹' }).first().click();
    await page.locator('.trace-compare tr.moved').first().waitFor();
    // the changed applicants download as CSV from the API (shared/csv.ts): a BOM for spreadsheets, CRLF, the documented columns
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出变化申请人 CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(csv.startsWith('\uFEFFline,applicant,beforeOutcome,beforeLimit,beforeRate,beforeApr,beforeSegment,beforeReasons,afterOutcome,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [, ...changed] = parseCsv(csv).records;
    expect(changed.length).toBeGreaterThan(0);
    for (const { fields } of changed)
      expect([fields.length, fields[2], fields[8]]).toEqual([14, expect.stringMatching(/^(approve|decline|refer)$/), expect.stringMatching(/^(approve|decline|refer)$/)]);
    // the change moved young applicants from approve to decline: some row says so
    expect(changed.some(({ fields }) => fields[2] === 'approve' && fields[8] === 'decline')).toBe(true);

    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('button', { name: 'Approve and publish' }).waitFor();
    await page.getByText('Outcome transitions (rows: before, columns: after)').waitFor();
    await shot(page, 'impact-report-en');
    await page.locator('.impact-charts figure').nth(1).scrollIntoViewIfNeeded();
    await shot(page, 'impact-charts-en');
    await page.getByRole('button', { name: 'Approve and publish' }).click();
    await page.getByText('Approved: published as version 2').waitFor();
    await context.close();
  }, 180_000);
});
