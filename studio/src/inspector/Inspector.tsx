import { useCallback, useMemo } from 'react';
import type { BlockCatalog, BlockTypeInfo, Diagnostic, FlowDocument } from '../api/types.ts';
import type { FlowStore } from '../flow/flow-store.ts';
import { overridesFor, overridesOf, withBlockOverrides } from '../flow/overrides.ts';
import { useFlowState } from '../flow/use-flow-state.ts';
import { useT } from '../i18n/use-t.ts';
import { diagnosticText, enumLabelIndex } from '../problems/diagnostic-text.ts';
import { SeverityIcon } from '../problems/SeverityIcon.tsx';
import { blockTitle } from '../canvas/block-name.ts';
import { BlockForm } from './BlockForm.tsx';
import { BlockNameFields } from './BlockNameFields.tsx';
import { OverrideList } from './OverrideList.tsx';
import { BlockIcon } from '../icons/BlockIcon.tsx';

interface Props {
  store: FlowStore;
  blockId?: string;
  selectedCount: number;
  viewDocument: FlowDocument; // merged view (derived products) or the store's document
  baseDocument?: FlowDocument; // derived products only
  catalog: BlockCatalog;
  types: ReadonlyMap<string, BlockTypeInfo>;
  diagnostics: Diagnostic[];
  readOnly: boolean;
}

/** The right-hand inspector for the selected block: name, generated form, its problems; overrides on a derived product. */
export function Inspector({ store, blockId, selectedCount, viewDocument, baseDocument, catalog, types, diagnostics, readOnly }: Props) {
  const { t, lt, locale } = useT();
  const { document } = useFlowState(store);
  const block = blockId ? viewDocument.blocks.find((b) => b.id === blockId) : undefined;
  const baseBlock = baseDocument && blockId ? baseDocument.blocks.find((b) => b.id === blockId) : undefined;
  const blockType = block ? types.get(block.type) : undefined;
  const own = useMemo(() => diagnostics.filter((d) => d.blockId === blockId), [diagnostics, blockId]);
  const overrides = baseBlock ? overridesOf(document, baseBlock) : {};
  const labels = useMemo(() => enumLabelIndex(types), [types]);
  const describe = useCallback((d: Diagnostic) => diagnosticText(d, locale, viewDocument, types, labels), [locale, viewDocument, types, labels]);

  const onChange = useCallback(
    (config: Record<string, unknown>) => {
      if (!blockId) return;
      if (baseBlock) {
        const current = store.getState().document;
        store.replaceDocument(withBlockOverrides(current, baseBlock, overridesFor(baseBlock, config)), { coalesceKey: `override:${blockId}`, keepSelection: true });
      } else store.updateConfig(blockId, config);
    },
    [store, blockId, baseBlock],
  );

  const reset = useCallback(
    (field: string) => {
      if (!baseBlock) return;
      const next = { ...overridesOf(store.getState().document, baseBlock) };
      delete next[field];
      store.replaceDocument(withBlockOverrides(store.getState().document, baseBlock, next), { keepSelection: true });
    },
    [store, baseBlock],
  );

  if (!block) return <p className="muted pad">{selectedCount > 1 ? t('inspector.multi', { count: selectedCount }) : t('inspector.empty')}</p>;
  if (!blockType) return <p className="form-error pad">{t('inspector.unknownType', { type: block.type })}</p>;
  return (
    <div className="inspector" aria-label={lt(blockType.title)}>
      <div className={`inspector-head cat-${blockType.category}`}>
        <span className="block-icon" aria-hidden="true">
          <BlockIcon blockType={blockType} size={20} />
        </span>
        <div>
          <h2>{blockTitle(block, blockType, locale)}</h2>
          <p className="muted small">{lt(blockType.description)}</p>
        </div>
      </div>
      <BlockNameFields block={block} disabled={readOnly || !!baseBlock} onChange={(lang, text) => store.setLabel(block.id, lang, text)} />
      <p className="muted small">
        {t('inspector.type')}: <code>{block.type}</code> v{block.typeVersion} · id <code>{block.id}</code>
      </p>
      {own.length > 0 && (
        <ul className="block-problems" aria-label={t('inspector.diagnostics')}>
          {own.map((d, i) => (
            <li key={i} className={`block-problem severity-${d.severity}`} title={d.code}>
              <SeverityIcon severity={d.severity} /> <span>{describe(d)}</span>
            </li>
          ))}
        </ul>
      )}
      {baseBlock && <OverrideList baseBlock={baseBlock} blockType={blockType} overrides={overrides} readOnly={readOnly} onReset={reset} />}
      <BlockForm blockId={block.id} blockType={blockType} config={block.config} diagnostics={own} describe={describe} applicationSchema={catalog.applicationSchema} readOnly={readOnly} onChange={onChange} />
      {!readOnly && !baseBlock && (
        <button type="button" className="btn btn-danger" onClick={() => store.delete([block.id])} aria-label={t('inspector.delete')}>
          {t('inspector.delete')}
        </button>
      )}
    </div>
  );
}
