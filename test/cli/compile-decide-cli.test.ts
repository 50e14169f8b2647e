import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { goodApplicant, smallConsumerFlow } from '../fixtures/small-flow.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const run = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { encoding: 'utf8' });

beforeAll(() => {
  fs.writeFileSync(path.join(dir, 'flow.json'), JSON.stringify(smallConsumerFlow()));
  fs.writeFileSync(path.join(dir, 'application.json'), JSON.stringify(goodApplicant()));
  const broken = smallConsumerFlow();
  broken.blocks.find((b) => b.id === 'age')!.config.minAge = 70;
  fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify(broken));
});

describe('npm run compile / decide', () => {
  it('compiles a flow, writes the definition and exits 0', () => {
    const out = path.join(dir, 'product.json');
    const result = run('compile', [path.join(dir, 'flow.json'), '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ok small-consumer sha256:[0-9a-f]{64}/);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).format).toBe('loan-product-definition/1');
  });

  it('prints each diagnostic as file: block id: path: message and exits 1 on errors', () => {
    const file = path.join(dir, 'broken.json');
    const result = run('compile', [file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${file}: age: /blocks/1/config/minAge: error MIN_ABOVE_MAX:`);
  });

  it('explains in --help how a derived product finds its base, and --base-dir', () => {
    const result = run('compile', ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--base-dir <dir>');
    expect(result.stdout).toContain('<dir>/<baseId>/flow.json');
    expect(result.stdout).toContain('BASE_UNKNOWN');
  });

  it('finds a derived product\'s base through --base-dir, and says where it looked when it cannot', () => {
    const derived = path.join(dir, 'derived.json');
    fs.copyFileSync('examples/flash-loan-depositor/flow.json', derived);
    const lost = run('compile', [derived]);
    expect(lost.status).toBe(1);
    expect(lost.stdout).toContain('BASE_UNKNOWN');
    expect(lost.stdout).toContain(`looked in ${path.resolve(dir, '..')}; set --base-dir`);
    const found = run('compile', [derived, '--base-dir', 'examples']);
    expect(found.stdout).toMatch(/ok flash-loan-depositor sha256:/);
    expect(found.status).toBe(0);
  });

  it('prints an expression error\'s position once', () => {
    const flow = JSON.parse(fs.readFileSync('examples/agricultural/flow.json', 'utf8'));
    flow.blocks.find((b: { id: string }) => b.id === 'rating').config.expression = 'applicant.creditRatin == "good"';
    const file = path.join(dir, 'typo.json');
    fs.writeFileSync(file, JSON.stringify(flow));
    const result = run('compile', [file]);
    expect(result.status).toBe(1);
    const line = result.stdout.split('\n').find((text) => text.includes('EXPRESSION_FIELD_UNKNOWN'))!;
    expect(line).toContain('at line 1, column 1');
    expect(line.match(/line 1, column 1/g)).toHaveLength(1);
  });

  it('decides an application against a compiled product and prints the decision', () => {
    const result = run('decide', [path.join(dir, 'product.json'), path.join(dir, 'application.json'), '--amount', '30000', '--term', '6', '--as-of', '2026-11-22']);
    expect(result.status).toBe(0);
    const decision = JSON.parse(result.stdout);
    expect(decision.outcome).toBe('approve');
    expect(decision.offer.limit).toBe('30000.00');
    // 30,000 × 4.5 % / 12 = 112.50 interest in the first month.
    expect(decision.offer.schedule.rows[0].interest).toBe('112.50');
  });

  it('names the bad field of a broken application and exits 1', () => {
    const file = path.join(dir, 'bad-application.json');
    fs.writeFileSync(file, JSON.stringify({ applicant: { age: 'old' } }));
    const result = run('decide', [path.join(dir, 'flow.json'), file, '--as-of', '2026-11-22']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('/application/applicant/age');
  });
});
