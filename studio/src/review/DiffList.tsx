import { Minus, Pencil, Plus } from 'lucide-react';
import type { BlockTypeInfo, FieldChange, FlowDocument, VersionDiff } from '../api/types.ts';
import { blockTitle } from '../canvas/block-name.ts';
import { useT } from '../i18n/use-t.ts';
import { fieldRows } from './field-view.ts';

interface Props {
  diff: VersionDiff;
  types: ReadonlyMap<string, BlockTypeInfo>;
  document?: FlowDocument; // the new side: block names, and a new block's settings
  previous?: FlowDocument; // the old side: names of removed blocks
  onFocus(id: string): void;
}

function ChangeTable({ changes, blockType }: { changes: FieldChange[]; blockType: BlockTypeInfo | undefined }) {
  const { t, locale } = useT();
  const rows = changes.flatMap((change) => fieldRows(change, blockType, locale));
  if (!rows.length) return null;
  const allNew = rows.every((row) => row.before === '—'); // a new block: its settings, nothing before
  return (
    <table className={`table small diff-table${allNew ? ' diff-new' : ''}`}>
      <thead>
        <tr>
          <th>{t('diff.field')}</th>
          {!allNew && <th>{t('diff.before')}</th>}
          <th>{allNew ? t('diff.value') : t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.pointer} data-pointer={row.pointer}>
            <th scope="row">{row.label}</th>
            {!allNew && <td className="before">{row.before}</td>}
            <td className="after">{row.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The version diff as an approver reads it: each added, removed and changed block by its name,
 * and every changed setting by its label, before → after in its units (a new block lists its settings).
 */
export function DiffList({ diff, types, document, previous, onFocus }: Props) {
  const { t, locale } = useT();
  const name = (id: string, type: string, from?: FlowDocument) => {
    const block = from?.blocks.find((b) => b.id === id);
    return block ? blockTitle(block, types.get(type), locale) : (types.get(type)?.title[locale] ?? type);
  };
  const empty = !diff.blocks.added.length && !diff.blocks.removed.length && !diff.blocks.changed.length && !diff.product.length && !diff.links.added.length && !diff.links.removed.length;
  const added = (id: string) => document?.blocks.find((b) => b.id === id);
  return (
    <div className="diff-list" aria-label={t('diff.title')}>
      {empty && <p className="muted">{t('diff.none')}</p>}
      {diff.product.length > 0 && (
        <div className="diff-changed">
          <div className="diff-item diff-changed-head">
            <Pencil size={14} aria-hidden="true" /> {t('diff.product')}
          </div>
          <ChangeTable changes={diff.product} blockType={types.get('application')} />
        </div>
      )}
      {diff.blocks.changed.map((b) => (
        <div key={`c-${b.id}`} className="diff-changed">
          <button type="button" className="diff-item diff-changed-head" onClick={() => onFocus(b.id)} aria-label={t('diff.changedBlock', { block: name(b.id, b.type, document) })}>
            <Pencil size={14} aria-hidden="true" /> {t('diff.changedBlock', { block: name(b.id, b.type, document) })}
          </button>
          <ChangeTable changes={b.fields} blockType={types.get(b.type)} />
        </div>
      ))}
      {diff.blocks.added.map((b) => {
        const block = added(b.id);
        return (
          <details key={`a-${b.id}`} className="diff-block diff-block-added">
            <summary className="diff-item diff-added" onClick={() => onFocus(b.id)} aria-label={t('diff.addedSettings', { block: name(b.id, b.type, document) })}>
              <Plus size={14} aria-hidden="true" /> {t('diff.addedSettings', { block: name(b.id, b.type, document) })}
            </summary>
            {block && <ChangeTable changes={[{ pointer: '/config', before: undefined, after: block.config }]} blockType={types.get(b.type)} />}
          </details>
        );
      })}
      {diff.blocks.removed.map((b) => (
        <button key={`r-${b.id}`} type="button" className="diff-item diff-removed" onClick={() => onFocus(b.id)} aria-label={t('diff.removedBlock', { block: name(b.id, b.type, previous) })}>
          <Minus size={14} aria-hidden="true" /> {t('diff.removedBlock', { block: name(b.id, b.type, previous) })}
        </button>
      ))}
      {(diff.links.added.length > 0 || diff.links.removed.length > 0) && <p className="small muted">{t('diff.links', { added: diff.links.added.length, removed: diff.links.removed.length })}</p>}
    </div>
  );
}
