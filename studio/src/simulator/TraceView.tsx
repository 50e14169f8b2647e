import { useMemo } from 'react';
import type { BlockTypeInfo, Decision, FlowDocument, JsonSchema } from '../api/types.ts';
import { applicationLabels, applicationMoneyFields, factLabel, factValue } from './fact-labels.ts';
import { formatMoney } from '../i18n/format.ts';
import { blockTitle } from '../canvas/block-name.ts';
import { outputPort } from '../flow/ports.ts';
import { useT } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

interface Props {
  decision: Decision;
  applicationSchema?: JsonSchema; // names the facts an application field gave
  document: FlowDocument;
  types: ReadonlyMap<string, BlockTypeInfo>;
  onFocus(blockId: string): void;
}

/** One fact as the block recorded it: numbers and short texts as they are, structures compactly. */
function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value).replace(/"/g, '').replace(/,/g, ', ');
  return String(value);
}

/**
 * The path block by block, the way GoRules' and n8n's editors show a run: what each block read and
 * produced (its facts), whether it passed and which port it took. A click centres the block.
 */
export function TraceView({ decision, applicationSchema, document, types, onFocus }: Props) {
  const { t, lt, locale } = useT();
  const named = useMemo(() => applicationLabels(applicationSchema), [applicationSchema]);
  const money = useMemo(() => applicationMoneyFields(applicationSchema), [applicationSchema]);
  return (
    <section className="trace" aria-label={t('sim.trace')}>
      <h3>{t('sim.trace')}</h3>
      <ol className="trace-list" data-testid="trace">
        {decision.trace.map((step, index) => {
          const block = document.blocks.find((b) => b.id === step.blockId);
          const type = block ? types.get(block.type) : types.get(step.type);
          const title = block ? blockTitle(block, type, locale) : step.blockId;
          const port = block && step.port ? outputPort(type, block, step.port) : undefined;
          const facts = Object.entries(step.facts ?? {});
          const reasons = decision.reasons.filter((reason) => reason.blockId === step.blockId);
          return (
            <li key={`${step.blockId}-${index}`} className={`trace-step result-${step.result}`} data-block-id={step.blockId}>
              <button type="button" className="trace-head" onClick={() => onFocus(step.blockId)} aria-label={`${t('sim.showBlock')} ${title}`}>
                <span className="trace-index">{index + 1}</span>
                <span className="trace-title">{title}</span>
                <span className={`trace-result result-${step.result}`}>{t(`sim.result.${step.result}` as MessageKey)}</span>
                {port && step.result !== 'start' && step.result !== 'contribute' && <span className="trace-port">→ {lt(port.label)}</span>}
              </button>
              {facts.length > 0 && (
                <dl className="trace-facts">
                  {facts.map(([key, value]) => (
                    <div key={key}>
                      <dt title={key}>{factLabel(key, type, named, locale)}</dt>
                      <dd>
                        {key === 'branch' && block && typeof value === 'string' && outputPort(type, block, value)
                          ? lt(outputPort(type, block, value)!.label) // the branch taken, by its label as the port shows it
                          : money.has(key) && /^-?\d+(\.\d+)?$/.test(String(value))
                            ? formatMoney(String(value))
                            : factText(factValue(key, value, type, locale, block?.config))}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
              {reasons.map((reason, i) => (
                <p key={i} className={`trace-reason reason-${reason.action}`}>
                  {lt(reason.message)}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
