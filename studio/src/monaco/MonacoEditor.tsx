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
      ariaLabel,
      ...options,
    });
    editorRef.current = editor;
    const subscription = model.onDidChangeContent(() => changeRef.current?.(model.getValue()));
    onMount?.(editor);
    return () => {
      subscription.dispose();
      editor.dispose();
      model.dispose();
    };
    // created once per mount; value and readOnly changes are applied by the effects below
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== value) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  return <div ref={host} className="monaco-host" style={{ height }} />;
}
