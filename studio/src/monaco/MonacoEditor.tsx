import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup.ts';

export interface MonacoEditorProps {
  value: string;
  language: string;
  readOnly?: boolean;
  height: number | string;
  modelUri?: string;
  ariaLabel: string;
  options?: monaco.editor.IStandaloneEditorConstructionOptions;
  onChange?(value: string): void;
  onMount?(editor: monaco.editor.IStandaloneCodeEditor): void;
}

/** A thin Monaco wrapper: one model per mount, external value changes applied without losing the cursor. */
export default function MonacoEditor({ value, language, readOnly, height, modelUri, ariaLabel, options, onChange, onMount }: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const valueRef = useRef(value);
  valueRef.current = value;

  useEffect(() => {
    const uri = modelUri ? monaco.Uri.parse(modelUri) : undefined;
    monaco.editor.getModel(uri ?? monaco.Uri.parse('inmemory://none'))?.dispose();
    const model = monaco.editor.createModel(value, language, uri);
    const editor = monaco.editor.create(host.current!, {
      model,
      readOnly,
      theme: 'studio',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      // Chinese punctuation (，：（）) is what product names and taglines are written in, not a look-alike to warn about;
      // invisible characters and other scripts' look-alikes are still highlighted.
      unicodeHighlight: { allowedLocales: { _os: true, _vscode: true, 'zh-hans': true, 'zh-hant': true } },
      ariaLabel,
      ...options,
    });
    editorRef.current = editor;
    const subscription = model.onDidChangeContent(() => changeRef.current?.(model.getValue()));
    // Leaving the editor: the outside value wins again (undo, a reload) if it moved meanwhile.
    const blur = editor.onDidBlurEditorText(() => applyOutside(editor, valueRef.current));
    onMount?.(editor);
    return () => {
      subscription.dispose();
      blur.dispose();
      editor.dispose();
      model.dispose();
    };
    // created once per mount; value and readOnly changes are applied by the effects below
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    // Monaco owns its text while the person types in it: the value that comes back through the
    // form and the store lags a keystroke or more, and writing it back would eat what was typed.
    if (editor && !editor.hasTextFocus()) applyOutside(editor, value);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  // `nokey`: React Flow listens to keys on the whole document and takes Space (pan) and Delete for
  // itself unless the target is an input; Monaco types through an EditContext div, not a textarea.
  return <div ref={host} className="monaco-host nokey" style={{ height }} />;
}

/** Replaces the editor's text with a value from outside (as one undoable edit), when it differs. */
function applyOutside(editor: monaco.editor.IStandaloneCodeEditor, value: string): void {
  const model = editor.getModel();
  if (model && model.getValue() !== value) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
}
