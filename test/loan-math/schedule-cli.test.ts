import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const runCli = (stdin: string, args: string[] = []) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/schedule.ts', ...args], { cwd: repo, input: stdin, encoding: 'utf8' });

describe('schedule CLI', () => {
  it('prints the schedule of the example request as indented JSON and exits 0', () => {
    const request =
      '{"principal":"100000.00","annualRate":"6","termMonths":12,"method":"equal-installment","dayCount":"30/360","rounding":{"mode":"HALF_UP","unit":"0.01"},"startDate":"2026-01-15","fees":[{"kind":"upfront","amount":"1000.00","deducted":true}]}';
    const run = runCli(request);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\{\n {2}"rows": \[/);
    const result = JSON.parse(run.stdout);
    expect(result.rows[0]).toMatchObject({ period: 1, dueDate: '2026-02-15', payment: '8606.64', principal: '8106.64', interest: '500.00', balance: '91893.36' });
    expect(result.netDisbursed).toBe('99000.00');
  });

  it('names the offending field on stderr and exits 1 for a bad request', () => {
    const run = runCli('{"principal":"-5","annualRate":"6","termMonths":12,"method":"equal-installment"}');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: /principal: must be a positive amount, got "-5"\n');
  });

  it('exits 1 when stdin is not JSON', () => {
    const run = runCli('principal=5');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: stdin is not valid JSON/);
  });

  it('explains its usage with --help', () => {
    const run = runCli('', ['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: npm run schedule < request\.json/);
  });
});
