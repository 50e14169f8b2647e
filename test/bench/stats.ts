/** Order statistics of timings in milliseconds. */
export interface Timing {
  median: number;
  p99: number;
  mean: number;
  min: number;
  count: number;
}

export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length, min: sorted[0], count: sorted.length };
}

export const ms = (value: number, digits = 3) => `${value.toFixed(digits)} ms`;

/** Runs `work` n times and returns its timing (each call timed on its own). */
export function timeEach(n: number, work: (i: number) => unknown): Timing {
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    work(i);
    samples[i] = performance.now() - started;
  }
  return timing(samples);
}
