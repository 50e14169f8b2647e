import { useEffect, useMemo, useState } from 'react';
import type { FlowDocument } from '../api/types.ts';
import type { FlowStore } from '../flow/flow-store.ts';
import { useFlowState } from '../flow/use-flow-state.ts';
import { useT } from '../i18n/use-t.ts';
import MonacoEditor from '../monaco/MonacoEditor.tsx';
import { jsonDefaults } from '../monaco/monaco-setup.ts';
import { COMMON_SCHEMA, FLOW_SCHEMA, flowErrors } from './flow-validator.ts';

const MODEL_URI = 'inmemory://studio/flow-document.json';

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  enableSchemaRequest: false,
  schemas: [
    { uri: FLOW_SCHEMA.$id, fileMatch: [MODEL_URI], schema: FLOW_SCHEMA },
    { uri: COMMON_SCHEMA.$id, schema: COMMON_SCHEMA },
  ],
});

/** The flow document as JSON: Monaco validates it against flow.schema.json; valid edits are applied. */
export default function DocumentJsonEditor({ store, readOnly }: { store: FlowStore; readOnly: boolean }) {
  const { t } = useT();
  const { document } = useFlowState(store);
  const text = useMemo(() => JSON.stringify(document, null, 2), [document]);
  const [draft, setDraft] = useState(text);
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => setDraft(text), [text]);

  useEffect(() => {
    if (draft === text) return;
    const timer = setTimeout(() => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(draft);
      } catch (error) {
        setStatus({ ok: false, message: t('json.invalid', { message: (error as Error).message }) });
        return;
      }
      const errors = flowErrors(parsed);
      if (errors.length) {
        const first = errors[0];
        setStatus({ ok: false, message: t('json.invalid', { message: `${first?.instancePath || '/'} ${first?.message ?? ''}` }) });
        return;
      }
      store.replaceDocument(parsed as unknown as FlowDocument, { coalesceKey: 'json' });
      setStatus({ ok: true, message: t('json.applied') });
    }, 400);
    return () => clearTimeout(timer);
  }, [draft, text, store, t]);

  return (
    <div className="json-editor">
      {status && (
        <p className={status.ok ? 'json-status ok' : 'json-status form-error'} role="status">
          {status.message}
        </p>
      )}
      <MonacoEditor value={draft} language="json" readOnly={readOnly} height="calc(100vh - 220px)" modelUri={MODEL_URI} ariaLabel={t('json.document')} onChange={setDraft} />
    </div>
  );
}
