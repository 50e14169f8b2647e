import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * monaco-editor's JSON language features start their worker through `internal/common/workers.js`,
 * which also imports every editor contribution (≈ 580 KB the studio does not use); they get the same
 * worker start from studio/src/monaco/language-worker.ts instead. See studio/README.md, "Monaco".
 */
function monacoLanguageWorkerOnly(): Plugin {
  const replacement = fileURLToPath(new URL('./studio/src/monaco/language-worker.ts', import.meta.url));
  return {
    name: 'monaco-language-worker-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.endsWith('/internal/common/workers.js') && importer?.includes('/monaco-editor/esm/vs/languages/features/')) return replacement;
      return null;
    },
  };
}

/**
 * One config for the studio build (`vite build` → studio/dist) and the test projects:
 * - `unit`: pure engine, blocks, compiler, runtime, server (supertest), examples — Node, parallel;
 *   every fast-check property runs with one fixed seed (test/setup/fast-check-seed.ts; FAST_CHECK_SEED=n or =random to explore);
 * - `browser`: real Chromium driven by playwright-core against a real server — run one file at a time.
 */
export default defineConfig({
  root: 'studio',
  plugins: [react(), monacoLanguageWorkerOnly()],
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
          testTimeout: 120_000, // real-server and property tests take 20–40 s on a loaded 2-core CI machine; a hang still fails
          hookTimeout: 180_000,
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
