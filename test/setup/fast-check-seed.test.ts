import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAST_CHECK_SEED, fastCheckSeed } from './fast-check-seed.ts';

describe('fast-check runs with a fixed seed (test/setup/fast-check-seed.ts)', () => {
  it('the global seed is set for every property of the unit project', () => {
    const expected = process.env.FAST_CHECK_SEED ? fastCheckSeed(process.env.FAST_CHECK_SEED) : DEFAULT_FAST_CHECK_SEED;
    if (process.env.FAST_CHECK_SEED !== 'random') expect(fc.readConfigureGlobal().seed).toBe(expected);
    expect(Number.isSafeInteger(fc.readConfigureGlobal().seed)).toBe(true);
  });

  it('two runs of a property draw the same values (no random seed in CI)', () => {
    const draws = () => fc.sample(fc.integer(), { numRuns: 5, seed: fc.readConfigureGlobal().seed });
    expect(draws()).toEqual(draws());
    const seen: number[][] = [[], []];
    for (const run of seen)
      fc.assert(
        fc.property(fc.integer(), (n) => {
          run.push(n);
        }),
        { numRuns: 20 },
      );
    expect(seen[0]).toEqual(seen[1]);
  });

  it('a failure names its seed and how to rerun it', () => {
    let message = '';
    try {
      fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (n) => n < 50));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`seed: ${fc.readConfigureGlobal().seed}`);
    expect(message).toContain(`FAST_CHECK_SEED=${fc.readConfigureGlobal().seed}`);
    expect(message).toMatch(/Counterexample: \[5\d\]/);
  });

  it('FAST_CHECK_SEED accepts an integer or "random" and rejects anything else', () => {
    expect(fastCheckSeed(undefined)).toBe(DEFAULT_FAST_CHECK_SEED);
    expect(fastCheckSeed('42')).toBe(42);
    expect(Number.isSafeInteger(fastCheckSeed('random'))).toBe(true);
    expect(() => fastCheckSeed('abc')).toThrow(/FAST_CHECK_SEED/);
  });
});
