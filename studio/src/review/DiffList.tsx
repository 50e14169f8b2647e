import type { BlockTypeInfo, VersionDiff } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { shortValue } from './diff-view.ts';
import { Plus } from 'lucide-react';

/** Added, removed and changed blocks, and every changed field (pointer, before → after). */
export function DiffList({ diff, types, onFocus }: { diff: VersionDiff; types: ReadonlyMap<string, BlockTypeInfo>; onFocus(id: string): void }) {
  const { t, lt } = useT();
  const title = (type: string) => (types.get(type) ? lt(types.get(type)!.title) : type);
  const empty = !diff.blocks.added.length && !diff.blocks.removed.length && !diff.blocks.changed.length && !diff.product.length && !diff.links.added.length && !diff.links.removed.length;
  return (
    <div className="diff-list" aria-label={t('diff.title')}>
      {empty && <p className="muted">{t('diff.none')}</p>}
      {diff.blocks.added.map((b) => (
        <button key={`a-${b.id}`} type="button" className="diff-item diff-added" onClick={() => onFocus(b.id)} aria-label={`${t('diff.added')} ${b.id}`}>
          <Plus size={14} aria-hidden="true" /> {t('diff.added')}: {title(b.type)} <code>{b.id}</code>
        </button>
      ))}
      {diff.blocks.removed.map((b) => (
        <button key={`r-${b.id}`} type="button" className="diff-item diff-removed" onClick={() => onFocus(b.id)} aria-label={`${t('diff.removed')} ${b.id}`}>
          − {t('diff.removed')}: {title(b.type)} <code>{b.id}</code>
        </button>
      ))}
      {(diff.links.added.length > 0 || diff.links.removed.length > 0) && <p className="small muted">{t('diff.links', { added: diff.links.added.length, removed: diff.links.removed.length })}</p>}
      {[...diff.blocks.changed.map((b) => ({ key: b.id, label: `${title(b.type)} (${b.id})`, fields: b.fields })), ...(diff.product.length ? [{ key: '#product', label: t('diff.product'), fields: diff.product }] : [])].map((group) => (
        <div key={group.key} className="diff-changed">
          <button type="button" className="diff-item diff-changed-head" onClick={() => group.key !== '#product' && onFocus(group.key)} aria-label={`${t('diff.changed')} ${group.label}`}>
            ~ {t('diff.changed')}: {group.label}
          </button>
          <table className="table small">
            <thead>
              <tr>
                <th>{t('diff.field')}</th>
                <th>{t('diff.before')}</th>
                <th>{t('diff.after')}</th>
              </tr>
            </thead>
            <tbody>
              {group.fields.map((field) => (
                <tr key={field.pointer}>
                  <td>
                    <code>{field.pointer}</code>
                  </td>
                  <td className="before">{shortValue(field.before)}</td>
                  <td className="after">{shortValue(field.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
