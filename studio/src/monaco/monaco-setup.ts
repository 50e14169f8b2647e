import './monaco-locale.ts'; // first: Monaco's messages are looked up in the studio's language from the start
import * as monaco from 'monaco-editor/editor/editor.api.js';
// The editor core plus only the features the studio's two editors use (monaco-editor's own
// per-feature entry points), instead of `monaco-editor`, which brings every language, the TypeScript,
// CSS and HTML language services and their workers (≈ 9 MB nobody here runs):
import 'monaco-editor/features/codicon/register.js'; // the icons of the widgets below
import 'monaco-editor/features/find/register.js'; // Ctrl+F / Ctrl+H find and replace
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js'; // completion: field paths in expressions, JSON schema suggestions (the feature entry above has only its inline part)
import 'monaco-editor/features/hover/register.js'; // a marker's message on hover; JSON schema descriptions
import 'monaco-editor/features/gotoError/register.js'; // F8: next problem
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/folding/register.js'; // folding the flow document's blocks
import 'monaco-editor/features/format/register.js'; // Shift+Alt+F formats the JSON
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/linesOperations/register.js'; // move, copy, delete lines
import 'monaco-editor/features/multicursor/register.js'; // Ctrl+D, Alt+click
import 'monaco-editor/features/wordOperations/register.js'; // Ctrl+Backspace, Ctrl+arrows
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/smartSelect/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/gotoLine/register.js'; // Ctrl+G
import 'monaco-editor/features/readOnlyMessage/register.js'; // "cannot edit" on the compiled definition
import 'monaco-editor/features/unicodeHighlighter/register.js'; // invisible and look-alike characters in pasted text
import 'monaco-editor/features/toggleTabFocusMode/register.js'; // Ctrl+M: Tab leaves the editor (keyboard users)
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js'; // JSON: tokens, schema diagnostics, completion (json worker)
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';

/**
 * Monaco from the local bundle (never a CDN loader): the two workers the studio uses are Vite `?worker`
 * imports. This module is only reached through dynamic import, so Monaco is not in the first screen's JS.
 * The expression language needs no worker: its tokens and completion run in the page (expression-language.ts).
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

export { jsonDefaults, monaco };
