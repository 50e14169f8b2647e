import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
});
afterAll(async () => harness?.stop());

describe('one’s own account', () => {
  it('changes the password from the header: a wrong current password and a mismatch are explained, then the new one signs in', async () => {
    await signIn(page, harness.url, DEMO.approver);
    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('当前密码').fill('not my password at all');
    await dialog.getByLabel('新密码', { exact: true }).fill('晚风吹过滇池红嘴鸥飞回西伯利亚');
    await dialog.getByLabel('再次输入新密码').fill('晚风吹过滇池红嘴鸥飞回西伯利亚!');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('两次输入的新密码不一致').waitFor();
    await dialog.getByLabel('再次输入新密码').fill('晚风吹过滇池红嘴鸥飞回西伯利亚');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('当前密码不正确').waitFor();
    await dialog.getByLabel('当前密码').fill(DEMO.approver.password);
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改，其他设备上的登录已退出').waitFor();
    await shot(page, 'account-password-changed');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    const old = await page.evaluate(async (password) => (await fetch('/api/studio/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'approver', password }) })).status, DEMO.approver.password);
    expect(old).toBe(401);
    await signIn(page, harness.url, { username: 'approver', password: '晚风吹过滇池红嘴鸥飞回西伯利亚' });
  });

  it('lets an admin create a user, disable and enable them, and refuses to disable the last admin', async () => {
    const { page: admin } = await harness.newPage();
    await signIn(admin, harness.url, { username: 'admin', password: 'admin-demo-pass' });
    await admin.getByRole('link', { name: '用户' }).click();
    await admin.getByRole('table', { name: '用户管理' }).waitFor();
    await admin.getByRole('button', { name: '新建用户' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('zhao.lei');
    await dialog.getByLabel('显示名称').fill('赵磊');
    await dialog.getByLabel('产品经理（编辑）').uncheck();
    await dialog.getByLabel('审批人').check();
    await dialog.getByLabel('初始密码').fill('抚仙湖的湖水清澈见底二十多米');
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await admin.getByText('已创建用户 zhao.lei').waitFor();
    const row = admin.getByRole('row', { name: /zhao\.lei/ });
    await row.getByText('审批人').waitFor();

    await admin.getByRole('button', { name: '停用 zhao.lei' }).click();
    await row.getByText('已停用').waitFor();
    await shot(admin, 'users-admin');
    const { page: other } = await harness.newPage();
    await other.goto(`${harness.url}/`);
    expect(await other.evaluate(async () => (await fetch('/api/studio/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'zhao.lei', password: '抚仙湖的湖水清澈见底二十多米' }) })).status)).toBe(403);
    await admin.getByRole('button', { name: '启用 zhao.lei' }).click();
    await row.getByText('正常').waitFor();
    expect(await other.evaluate(async () => (await fetch('/api/studio/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'zhao.lei', password: '抚仙湖的湖水清澈见底二十多米' }) })).status)).toBe(200);

    await admin.getByRole('button', { name: '停用 admin' }).click();
    await admin.getByText('这是最后一位正常状态的管理员：请先设置另一位管理员').waitFor();
  });
});
