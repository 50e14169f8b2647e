import { editor } from 'monaco-editor/editor/editor.api.js';

/** What monaco-editor's JSON language features ask for when they start their worker. */
export interface LanguageWorkerOptions {
  moduleId: string; // the worker module (informational: the studio's getWorker picks by label)
  label?: string; // 'json'
  createWorker?: () => Worker; // monaco's fallback when MonacoEnvironment has no getWorker
  createData?: unknown; // the language settings handed to the worker
  host?: Record<string, (...args: never[]) => unknown>;
  keepIdleModels?: boolean;
}

/**
 * Starts a language worker the way monaco-editor 0.57's `internal/common/workers.js` does (two
 * messages, then the editor's web-worker client), for its JSON language features. vite.config.ts
 * points their import of that module here, because the module also imports every editor
 * contribution for its side effects — inline completions, sticky scroll, code lens, rename, … —
 * ≈ 580 KB of minified JS the studio does not use, and features the other editors would then gain
 * only once the JSON view had been opened. Which worker runs is monaco-setup.ts's `getWorker`.
 */
export function createWebWorker(options: LanguageWorkerOptions) {
  const label = options.label ?? 'monaco-editor-worker';
  const started = Promise.resolve(self.MonacoEnvironment?.getWorker?.('workerMain.js', label) ?? options.createWorker?.()).then((worker) => {
    if (!worker) throw new Error(`no Monaco worker for ${label}`);
    worker.postMessage('ignore');
    worker.postMessage(options.createData);
    return worker;
  });
  return editor.createWebWorker({ worker: started, host: options.host as Record<string, () => unknown>, keepIdleModels: options.keepIdleModels });
}
