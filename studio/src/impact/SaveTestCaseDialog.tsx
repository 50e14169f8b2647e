import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, request } from '../api/client.ts';
import type { Decision, SampleApplication } from '../api/types.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { toastStore } from '../app/toast-store.ts';
import { formatMoney } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import { useImpactT } from './impact-text.ts';
import { checkCase, FIGURES, figuresOf, MONEY_FIGURES, plainDecimal, problemsOfError, REPAYMENT_METHODS, type CaseField, type CaseProblem, type Figure } from './test-case-form.ts';

/** The simulated request a case pins (asOf always: a case must mean the same on any day). */
export interface SimulatedRequest {
  requestedAmount?: string;
  termMonths?: number;
  repaymentMethod?: string;
  asOf: string;
}

/**
 * Save as test case: the simulated application and request with the expected outcome and reason
 * codes, and the offer figures the author ticks (each prefilled with what was decided and
 * editable; nothing is pinned unless ticked). A field that cannot be saved says so under itself.
 */
export function SaveTestCaseDialog({
  productId,
  application,
  simulated,
  decision,
  onSaved,
  onClose,
}: {
  productId: string;
  application: Record<string, unknown>;
  simulated: SimulatedRequest;
  decision: Decision;
  onSaved?(testCase: SampleApplication): void; // the case as stored: the simulator lists it among its samples at once
  onClose(): void;
}) {
  const { it, lt } = useImpactT();
  const { t } = useT();
  const decided = figuresOf(decision);
  const [id, setId] = useState('');
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [outcome, setOutcome] = useState(decision.outcome);
  const [reasons, setReasons] = useState(decision.reasons.map((reason) => reason.code).join(', '));
  const [pinned, setPinned] = useState<Partial<Record<Figure, string>>>({});
  const [problems, setProblems] = useState<Partial<Record<CaseField, CaseProblem>>>({});
  const [error, setError] = useState('');
  const form = useRef<HTMLFormElement>(null);

  /** Shows the problems and puts the cursor in the first field named. */
  function show(found: Partial<Record<CaseField, CaseProblem>>) {
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus());
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setError('');
    const found = checkCase({ id, titleZh, titleEn, pinned });
    show(found);
    if (Object.keys(found).length) return;
    const offer = Object.fromEntries(Object.entries(pinned).map(([name, value]) => [name, name === 'termMonths' ? Number(value) : name === 'repaymentMethod' ? value : plainDecimal(value)]));
    const testCase = {
      id: id.trim(),
      title: { 'zh-CN': titleZh.trim(), en: titleEn.trim() },
      application,
      request: simulated,
      expected: {
        outcome,
        reasonCodes: reasons
          .split(/[,，、\s]+/)
          .map((code) => code.trim())
          .filter(Boolean),
        ...(Object.keys(offer).length ? { offer } : {}),
      },
    };
    try {
      const stored = await request<{ testCase: SampleApplication }>('POST', `/api/studio/products/${encodeURIComponent(productId)}/test-cases`, { testCase });
      onSaved?.(stored.testCase);
      toastStore.show(it('suite.saved'), 'success');
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'SUITE_FULL') return setError(it('suite.error.full'));
      const { fields, other } = problemsOfError(caught);
      show(fields);
      setError(other ?? '');
    }
  }

  /** A labelled field with its problem under it, tied to the input for screen readers. */
  const field = (name: CaseField, label: string, control: ReactNode, extra?: ReactNode) => (
    <div className="field">
      <label htmlFor={`case-${name}`}>{label}</label>
      {control}
      {extra}
      {problems[name] && (
        <span className="field-error" id={`case-${name}-error`} role="alert">
          {it(problems[name])}
        </span>
      )}
    </div>
  );
  const invalid = (name: CaseField) => ({
    id: `case-${name}`,
    'data-field': name,
    'aria-invalid': problems[name] ? true : undefined,
    'aria-describedby': problems[name] ? `case-${name}-error` : undefined,
  });

  return (
    <Dialog title={it('suite.saveTitle')} onClose={onClose} wide>
      <form className="stack test-case-form" onSubmit={save} ref={form} noValidate>
        {field('id', it('suite.caseId'), <input {...invalid('id')} value={id} onChange={(e) => setId(e.target.value)} placeholder="approve-age-35" />)}
        {field('titleZh', it('suite.titleZh'), <input {...invalid('titleZh')} value={titleZh} onChange={(e) => setTitleZh(e.target.value)} />)}
        {field('titleEn', it('suite.titleEn'), <input {...invalid('titleEn')} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />)}
        <label className="field">
          <span>{it('suite.expectedOutcome')}</span>
          <select aria-label={it('suite.expectedOutcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as Decision['outcome'])}>
            {(['approve', 'decline', 'refer'] as const).map((o) => (
              <option key={o} value={o}>
                {it(`impact.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {field(
          'reasons',
          it('suite.expectedReasons'),
          <input {...invalid('reasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} />,
          decision.reasons.length > 0 && (
            <ul className="small muted decided-reasons" aria-label={it('suite.decidedReasons')}>
              {decision.reasons.map((reason) => (
                <li key={reason.code}>
                  <code>{reason.code}</code> {lt(reason.message)}
                </li>
              ))}
            </ul>
          ),
        )}
        <div className="pin-grid">
          {FIGURES.filter((name) => decided[name] !== undefined).map((name) => {
            const value = pinned[name] ?? decided[name] ?? '';
            const label = it(`suite.figure.${name}`);
            const control =
              name === 'repaymentMethod' ? (
                <select {...invalid(name)} value={value} disabled={pinned[name] === undefined} onChange={(e) => setPinned((current) => ({ ...current, [name]: e.target.value }))}>
                  {[...new Set([value, ...REPAYMENT_METHODS])].map((method) => (
                    <option key={method} value={method}>
                      {t(`method.${method}` as 'method.bullet')}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...invalid(name)} value={value} disabled={pinned[name] === undefined} onChange={(e) => setPinned((current) => ({ ...current, [name]: e.target.value }))} />
              );
            const money = MONEY_FIGURES.has(name) && /^-?\d+(\.\d+)?$/.test(plainDecimal(value)) ? formatMoney(plainDecimal(value)) : undefined;
            return (
              <div key={name} className="pin-row">
                <input
                  type="checkbox"
                  aria-label={`${it('suite.pin')} ${label}`}
                  checked={pinned[name] !== undefined}
                  onChange={(e) =>
                    setPinned((current) => {
                      const next = { ...current };
                      if (e.target.checked) next[name] = decided[name];
                      else delete next[name];
                      return next;
                    })
                  }
                />
                {field(
                  name,
                  label,
                  control,
                  money && (
                    <span className="small muted" data-testid={`money-${name}`}>
                      {money}
                    </span>
                  ),
                )}
              </div>
            );
          })}
        </div>
        <FormFooter error={error} submitLabel={it('suite.save')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
