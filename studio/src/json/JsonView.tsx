import { lazy, Suspense, useState } from 'react';
import type { ProductDefinition } from '../api/types.ts';
import type { FlowStore } from '../flow/flow-store.ts';
import { useT } from '../i18n/use-t.ts';

const DocumentJsonEditor = lazy(() => import('./DocumentJsonEditor.tsx'));
const MonacoEditor = lazy(() => import('../monaco/MonacoEditor.tsx'));

/** Two tabs: the editable flow document and the read-only compiled definition. */
export function JsonView({ store, compiled, readOnly }: { store: FlowStore; compiled?: ProductDefinition; readOnly: boolean }) {
  const { t } = useT();
  const [tab, setTab] = useState<'document' | 'compiled'>('document');
  return (
    <div className="json-view">
      <div className="subtabs" role="tablist" aria-label="JSON">
        <button type="button" role="tab" aria-selected={tab === 'document'} className={tab === 'document' ? 'on' : ''} onClick={() => setTab('document')} aria-label={t('json.document')}>
          {t('json.document')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'compiled'} className={tab === 'compiled' ? 'on' : ''} onClick={() => setTab('compiled')} aria-label={t('json.compiled')}>
          {t('json.compiled')}
        </button>
      </div>
      <Suspense fallback={<p className="muted pad">{t('app.loading')}</p>}>
        {tab === 'document' && <DocumentJsonEditor store={store} readOnly={readOnly} />}
        {tab === 'compiled' &&
          (compiled ? (
            <MonacoEditor value={JSON.stringify(compiled, null, 2)} language="json" readOnly height="calc(100vh - 190px)" modelUri="inmemory://studio/compiled.json" ariaLabel={t('json.compiled')} />
          ) : (
            <p className="muted pad">{t('json.noCompiled')}</p>
          ))}
      </Suspense>
    </div>
  );
}
