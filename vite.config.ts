import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * One config for the studio build (`vite build` → studio/dist) and the test projects:
 * - `unit`: pure engine, blocks, compiler, runtime, server (supertest), examples — Node, parallel;
 *   every fast-check property runs with one fixed seed (test/setup/fast-check-seed.ts; FAST_CHECK_SEED=n or =random to explore);
 * - `browser`: real Chromium driven by playwright-core against a real server — run one file at a time.
 */
export default defineConfig({
  root: 'studio',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['test/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['test/setup/fast-check-seed.ts'], // fixed fast-check seed; FAST_CHECK_SEED explores others
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          root: '.',
          include: ['test/browser/**/*.browser.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
