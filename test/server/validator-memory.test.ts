import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './spawn-server.ts';

/**
 * Issue #11, finding 13: every changed draft whose product fields differ compiles a new
 * validator for the whole application dictionary. The validator cache drops old ones, but V8's
 * compilation cache kept the generated code of each (~200 KB) for the life of the process, so the
 * heap grew without end. Measured in a child process with `--expose-gc`, after the cache is full:
 * the heap may grow a little per schema (noise, Ajv's bookkeeping), never by a validator's size.
 */
describe('memory across distinct product schemas', () => {
  it('stays flat once the validator cache is full', () => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/server/validator-memory-child.ts', '48', '96'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { perSchemaKb: number; cache: { validators: number } };
    expect(result.cache.validators).toBe(32);
    // Before the fix: ~205 KB per schema (96 schemas: +19 MB). After: ~2 KB, whatever the count.
    expect(result.perSchemaKb, JSON.stringify(result)).toBeLessThan(48);
  }, 200_000);
});
