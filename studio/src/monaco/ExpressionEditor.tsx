import { useEffect, useRef } from 'react';
import type { Diagnostic, JsonSchema, Locale } from '../api/types.ts';
import { completionSource, EXPRESSION_LANGUAGE, registerExpressionLanguage } from './expression-language.ts';
import { fieldPaths } from './field-paths.ts';
import MonacoEditor from './MonacoEditor.tsx';
import { monaco } from './monaco-setup.ts';

interface Props {
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  ariaLabel: string;
  markers: Diagnostic[];
  applicationSchema: JsonSchema;
  locale: Locale;
}

/** An expression in Monaco: field-name completion from the application schema, markers at line/column. */
export default function ExpressionEditor({ value, onChange, readOnly, ariaLabel, markers, applicationSchema, locale }: Props) {
  registerExpressionLanguage();
  completionSource.fields = fieldPaths(applicationSchema);
  completionSource.locale = locale;
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'compile',
      markers.map((marker) => {
        const line = marker.line ?? 1;
        const column = marker.column ?? 1;
        return {
          severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : marker.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
          message: marker.message[locale],
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: column + Math.max(1, marker.length ?? model.getLineMaxColumn(line) - column),
        };
      }),
    );
  }, [markers, locale, value]);

  return (
    <div className="expression-editor">
      <MonacoEditor
        value={value}
        language={EXPRESSION_LANGUAGE}
        readOnly={readOnly}
        height={72}
        ariaLabel={ariaLabel}
        onChange={onChange}
        onMount={(editor) => {
          editorRef.current = editor;
        }}
        options={{ lineNumbers: 'off', folding: false, glyphMargin: false, wordWrap: 'on', lineDecorationsWidth: 4, renderLineHighlight: 'none', scrollbar: { vertical: 'auto' }, fixedOverflowWidgets: true }}
      />
    </div>
  );
}
