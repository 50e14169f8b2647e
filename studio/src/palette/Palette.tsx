import { memo, useMemo, useState } from 'react';
import type { BlockCatalog } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { BLOCK_DRAG_TYPE } from '../canvas/drag-type.ts';
import { groupByCategory } from './palette-search.ts';
import { BlockIcon } from '../icons/BlockIcon.tsx';

/** Block types by category with search; drag onto the canvas or click to add. */
export const Palette = memo(function Palette({ catalog, onAdd, disabled }: { catalog: BlockCatalog; onAdd(type: string): void; disabled?: boolean }) {
  const { t, lt } = useT();
  const [query, setQuery] = useState('');
  const categories = catalog.categories;
  const groups = useMemo(() => groupByCategory(catalog.blockTypes, query, categories), [catalog, query, categories]);
  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <div className="palette-head">
        <h2>{t('palette.title')}</h2>
        <input type="search" className="search" placeholder={t('palette.search')} aria-label={t('palette.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="palette-list">
        {groups.length === 0 && <p className="muted small">{t('palette.none')}</p>}
        {groups.map(([category, types]) => (
          <section key={category} className={`palette-group cat-${category}`}>
            <h3>{t(`category.${category}` as MessageKey)}</h3>
            {types.map((blockType) => (
              <button
                key={blockType.type}
                type="button"
                className="palette-item"
                draggable={!disabled}
                disabled={disabled}
                data-block-type={blockType.type}
                title={lt(blockType.description)}
                aria-label={t('palette.add', { title: lt(blockType.title) })}
                onDragStart={(event) => {
                  event.dataTransfer.setData(BLOCK_DRAG_TYPE, blockType.type);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(blockType.type)}
              >
                <span className="palette-icon" aria-hidden="true">
                  <BlockIcon blockType={blockType} />
                </span>
                <span className="palette-title">{lt(blockType.title)}</span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
});
