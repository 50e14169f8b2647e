import { ChevronDown, ChevronUp } from 'lucide-react';
import { memo, useMemo, useState } from 'react';
import type { BlockTypeInfo, Diagnostic, FlowDocument } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { SeverityIcon } from './SeverityIcon.tsx';
import { blockTitle } from '../canvas/block-name.ts';
import { diagnosticText, enumLabelIndex } from './diagnostic-text.ts';

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
  const { t, locale } = useT();
  const [chosen, setOpen] = useState<boolean>();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  // Open by itself only when something blocks submitting; warnings alone leave the canvas its room.
  const open = chosen ?? errors > 0;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const sorted = [...diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const labels = useMemo(() => enumLabelIndex(types), [types]);
  const text = (diagnostic: Diagnostic) => diagnosticText(diagnostic, locale, document, types, labels);
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
          {open ? <ChevronDown size={16} /> : <ChevronUp size={16} />}
        </span>
      </button>
      {open && sorted.length > 0 && (
        <ul className="problems-list">
          {sorted.map((diagnostic, index) => (
            <li key={`${diagnostic.code}-${diagnostic.pointer}-${index}`}>
              <button
                type="button"
                className={`problem problem-${diagnostic.severity}`}
                data-code={diagnostic.code}
                title={diagnostic.code}
                onClick={() => diagnostic.blockId && onFocusBlock(diagnostic.blockId)}
                aria-label={`${t(`problems.severity.${diagnostic.severity}`)}: ${text(diagnostic)}`}
              >
                <SeverityIcon severity={diagnostic.severity} />
                <span className="problem-message">{text(diagnostic)}</span>
                <span className="problem-block">{blockName(diagnostic.blockId)}</span>
                <code className="problem-code">{diagnostic.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
