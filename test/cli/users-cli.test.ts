import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { ROOT } from '../server/spawn-server.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

/** Runs `npm run users -- …` (as tsx server/cli/users.ts) on a data directory, with `input` on stdin. */
function users(dataDir: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'server/cli/users.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(input ?? '');
  });
}

const stored = async (dataDir: string, username: string) => (await LowdbStore.open(dataDir)).getUser(username);

describe('npm run users', () => {
  it('creates the first admin from a piped password, lists, disables, enables and resets a password', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-users-cli-'));
    dirs.push(dataDir);
    const created = await users(dataDir, ['create', 'ops.admin', '--roles', 'admin', '--display-name', '运维 Ops'], 'first root passphrase\n');
    expect(created).toMatchObject({ code: 0, stdout: 'created ops.admin (admin)\n' });
    expect(await verifyPassword('first root passphrase', (await stored(dataDir, 'ops.admin'))!.passwordHash)).toBe(true);

    const author = await users(dataDir, ['create', 'li.wei', '--roles', 'author,approver']);
    const generated = /password: (\S+)/.exec(author.stdout)![1];
    expect(generated.length).toBeGreaterThanOrEqual(20);
    expect(await verifyPassword(generated, (await stored(dataDir, 'li.wei'))!.passwordHash)).toBe(true);

    expect((await users(dataDir, ['list'])).stdout).toBe('ops.admin\tadmin\tenabled\t运维 Ops\nli.wei\tauthor,approver\tenabled\tli.wei\n');
    expect((await users(dataDir, ['disable', 'li.wei'])).stdout).toBe('li.wei disabled\n');
    expect((await stored(dataDir, 'li.wei'))!.disabled).toBe(true);
    expect((await users(dataDir, ['enable', 'li.wei'])).code).toBe(0);
    expect((await stored(dataDir, 'li.wei'))!.disabled).toBeUndefined();
    expect((await users(dataDir, ['reset-password', 'li.wei'], 'another good passphrase')).code).toBe(0);
    expect(await verifyPassword('another good passphrase', (await stored(dataDir, 'li.wei'))!.passwordHash)).toBe(true);

    const lastAdmin = await users(dataDir, ['disable', 'ops.admin']);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toMatch(/^LAST_ADMIN: /);
    expect((await users(dataDir, ['create', 'x.y', '--roles', 'root'])).code).toBe(2);
    expect((await users(dataDir, ['create', 'weak.one', '--roles', 'author'], 'short')).stderr).toMatch(/PASSWORD_WEAK.*at least 12/);
    const audit = await (await LowdbStore.open(dataDir)).listAudit();
    expect(audit.map((event) => `${event.actor} ${event.action}`)).toContain('cli user.create');
    expect(JSON.stringify(audit)).not.toMatch(/passphrase/);
  }, 120_000); // spawns real processes: slow on a busy machine

  it('refuses to touch a data directory a live server holds', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-users-cli-'));
    dirs.push(dataDir);
    await fs.writeFile(path.join(dataDir, 'server.pid'), `${process.pid}\n`); // this test process stands in for the server
    const refused = await users(dataDir, ['list']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`A server (process ${process.pid}) is using`);
  }, 120_000); // spawns real processes: slow on a busy machine
});
