import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../server/simulation/simulation-jobs.ts';

describe('a simulation’s time left', () => {
  it('is taken at the pace since the first chunk, so the threads’ start-up does not inflate it', () => {
    // 100,000 rows; the threads take 2 s to start, then decide 500 rows every 100 ms
    const first = { at: 2_100, rows: 500 };
    expect(timeLeft(first, first, 100_000)).toBeNull(); // one reading: no pace yet
    // at 1,000 rows, 2.2 s in: 500 rows took 100 ms, 99,000 are left → 19.8 s (counting the start-up would say 2.2 s ÷ 1,000 × 99,000 = 217.8 s)
    expect(timeLeft(first, { at: 2_200, rows: 1_000 }, 100_000)).toBe(19_800);
    expect(timeLeft(first, { at: 21_900, rows: 100_000 }, 100_000)).toBe(0);
  });
});
