import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';

/**
 * Monaco from the local bundle (never a CDN loader): workers are Vite `?worker` imports.
 * This module is only reached through dynamic import, so Monaco is not in the first screen's JS.
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

monaco.editor.defineTheme('studio', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'field', foreground: '1f5fbf' },
    { token: 'keyword', foreground: '8a3ffc', fontStyle: 'bold' },
    { token: 'number', foreground: '0e7c45' },
    { token: 'string', foreground: 'b5541c' },
  ],
  colors: { 'editor.background': '#ffffff' },
});

export { monaco };
