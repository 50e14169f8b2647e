import { memo, useState } from 'react';
import type { BlockTypeInfo, Diagnostic, FlowDocument } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { SeverityIcon } from './SeverityIcon.tsx';
import { blockTitle } from '../canvas/block-name.ts';

interface Props {
  diagnostics: Diagnostic[];
  pending: boolean;
  error?: string;
  document: FlowDocument;
  types: ReadonlyMap<string, BlockTypeInfo>;
  onFocusBlock(blockId: string): void;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Every compile diagnostic: severity, code, localized message, block. Clicking one centres its block. */
export const ProblemsPanel = memo(function ProblemsPanel({ diagnostics, pending, error, document, types, onFocusBlock }: Props) {
  const { t, lt, locale } = useT();
  const [open, setOpen] = useState(true);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const sorted = [...diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const blockName = (id?: string) => {
    if (!id) return t('problems.document');
    const block = document.blocks.find((b) => b.id === id);
    const type = block ? types.get(block.type) : undefined;
    return block ? blockTitle(block, type, locale) : id;
  };
  return (
    <section className={`problems${open ? ' open' : ''}`} aria-label={t('problems.title')}>
      <button type="button" className="problems-head" onClick={() => setOpen(!open)} aria-expanded={open} aria-label={t('problems.title')}>
        <strong>{t('problems.title')}</strong>
        <span className={`problems-count${errors ? ' has-errors' : ''}`} data-testid="problems-count">
          {t('problems.count', { errors, warnings })}
        </span>
        {pending && <span className="muted small">{t('problems.checking')}</span>}
        {error && <span className="form-error small">{t('problems.compileFailed', { message: error })}</span>}
        <span className="chevron" aria-hidden="true">
          {open ? '▾' : '▴'}
        </span>
      </button>
      {open && (
        <ul className="problems-list">
          {sorted.length === 0 && <li className="muted small">{t('problems.none')}</li>}
          {sorted.map((diagnostic, index) => (
            <li key={`${diagnostic.code}-${diagnostic.pointer}-${index}`}>
              <button
                type="button"
                className="problem"
                data-code={diagnostic.code}
                onClick={() => diagnostic.blockId && onFocusBlock(diagnostic.blockId)}
                aria-label={`${t(`problems.severity.${diagnostic.severity}`)} ${diagnostic.code}: ${lt(diagnostic.message)}`}
              >
                <SeverityIcon severity={diagnostic.severity} />
                <code className="problem-code">{diagnostic.code}</code>
                <span className="problem-message">{lt(diagnostic.message)}</span>
                <span className="problem-block">{blockName(diagnostic.blockId)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
