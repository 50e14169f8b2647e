import type { BlockTypeInfo, FlowBlock } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { RotateCcw } from 'lucide-react';

interface Props {
  baseBlock: FlowBlock;
  blockType: BlockTypeInfo;
  overrides: Record<string, unknown>;
  readOnly: boolean;
  onReset(field: string): void;
}

/** Derived products: each top-level field marked inherited or overridden, with reset to base. */
export function OverrideList({ baseBlock, blockType, overrides, readOnly, onReset }: Props) {
  const { t, locale } = useT();
  const keys = blockType.ui.order ?? Object.keys(blockType.configSchema.properties ?? baseBlock.config);
  return (
    <ul className="override-list" aria-label={`${t('inspector.inherited')} / ${t('inspector.overridden')}`}>
      {keys.map((key) => {
        const label = blockType.ui.fields?.[`/${key}`]?.label?.[locale] ?? blockType.configSchema.properties?.[key]?.title ?? key;
        const overridden = key in overrides;
        return (
          <li key={key} className={overridden ? 'overridden' : 'inherited'} data-field={key}>
            <span className="override-field">{label}</span>
            <span className={`badge ${overridden ? 'badge-amber' : 'badge-grey'}`}>{overridden ? t('inspector.overridden') : t('inspector.inherited')}</span>
            {overridden && !readOnly && (
              <button type="button" className="btn btn-ghost small" onClick={() => onReset(key)} aria-label={`${t('inspector.resetToBase')}: ${label}`}>
                <RotateCcw size={16} aria-hidden="true" /> {t('inspector.resetToBase')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
