import { Play } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import Form from '@rjsf/core/lib/components/Form.js'; // not the package index: it re-exports getTestRegistry, which imports @rjsf/validator-ajv8
import type { RJSFSchema } from '@rjsf/utils';
import { api, ApiError } from '../api/client.ts';
import type { BlockTypeInfo, Decision, FlowDocument, JsonSchema, ProductDefinition, SampleApplication } from '../api/types.ts';
import { DateInput } from '../app/DateInput.tsx';
import { useT } from '../i18n/use-t.ts';
import { DateWidget } from '../inspector/DateWidget.tsx';
import { UnitInputTemplate } from '../inspector/UnitInputTemplate.tsx';
import { errorTransformer, validator } from '../inspector/validator.ts';
import { applicationUiSchema, sampleLabel } from './application-ui.ts';
import { DecisionView } from './DecisionView.tsx';
import { placeProblems, plainAmount, type ServerFieldError, type SimulateProblems } from './simulate-problems.ts';
import { SaveTestCaseDialog, type SimulatedRequest } from '../impact/SaveTestCaseDialog.tsx';
import { useImpactT } from '../impact/impact-text.ts';

interface Props {
  productId: string;
  samples: SampleApplication[];
  onCaseSaved?(testCase: SampleApplication): void; // a case saved from here joins the samples
  compiled?: ProductDefinition;
  dirty: boolean;
  onSave(): Promise<void>;
  decision: Decision | null;
  onDecision(decision: Decision | null): void;
  document: FlowDocument; // what the canvas shows: block titles for the trace and the caps
  types: ReadonlyMap<string, BlockTypeInfo>;
  onFocus(blockId: string): void; // centre a block on the canvas
}

// The bank's day, as the server's decision endpoint counts it (Asia/Shanghai): before 08:00 there the UTC date is still yesterday.
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = () => shanghaiDay.format(new Date());
// The application schema's descriptions are developer notes in English; labels come from x-label.
const templates = { BaseInputTemplate: UnitInputTemplate, DescriptionFieldTemplate: () => null };

/** Simulate an applicant against the draft: generated application form, request terms, samples, Run. */
export function SimulatorPanel({ productId, samples, onCaseSaved, compiled, dirty, onSave, decision, onDecision, document, types, onFocus }: Props) {
  const { t, locale } = useT();
  const [application, setApplication] = useState<Record<string, unknown>>({});
  const [amount, setAmount] = useState('');
  const [term, setTerm] = useState('');
  const [method, setMethod] = useState('');
  const [asOf, setAsOf] = useState(today);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState('');
  const [refusal, setRefusal] = useState<ServerFieldError[] | undefined>(); // what was refused, placed in the current language at each render
  const top = useRef<HTMLDivElement>(null);
  const answer = useRef<HTMLElement>(null);
  const [ran, setRan] = useState(0);
  // A new answer is brought to the top of the panel: the decision is what the person ran it for.
  useEffect(() => {
    if (ran) answer.current?.scrollIntoView({ block: 'start' });
  }, [ran]);
  const [simulated, setSimulated] = useState<{ application: Record<string, unknown>; request: SimulatedRequest } | undefined>(); // what the shown decision was made from
  const [saving, setSaving] = useState(false);
  const { it } = useImpactT();
  const schema = compiled?.applicationSchema as RJSFSchema | undefined;
  const uiSchema = useMemo(() => applicationUiSchema(schema, locale), [schema, locale]);

  function pickSample(index: number) {
    const sample = samples[index];
    if (!sample) return;
    const request = sample.request ?? sample;
    setApplication(structuredClone((sample.application ?? {}) as Record<string, unknown>));
    setAmount(request.requestedAmount ? String(request.requestedAmount) : '');
    setTerm(request.termMonths ? String(request.termMonths) : '');
    setMethod(request.repaymentMethod ?? '');
    if (request.asOf) setAsOf(request.asOf);
  }

  async function run() {
    setError('');
    setRefusal(undefined);
    const requestedAmount = amount.trim() ? plainAmount(amount) : undefined;
    if (amount.trim() && !requestedAmount) {
      // checked here, where the amount was typed: the server would refuse it the same way
      setRefusal([{ pointer: '/requestedAmount', message: 'must be a positive amount' }]);
      return;
    }
    setRunning(true);
    try {
      if (dirty) await onSave();
      const sent = { ...(requestedAmount ? { requestedAmount } : {}), ...(term ? { termMonths: Number(term) } : {}), ...(method ? { repaymentMethod: method } : {}), asOf: asOf || today() };
      const { decision: result } = await api.simulate(productId, { application, ...sent });
      setSimulated({ application: structuredClone(application), request: sent });
      onDecision(result);
      setRan((count) => count + 1);
    } catch (caught) {
      onDecision(null);
      const errors = caught instanceof ApiError && Array.isArray(caught.body.errors) ? (caught.body.errors as ServerFieldError[]) : [];
      if (errors.length) setRefusal(errors);
      else setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
    } finally {
      setRunning(false);
    }
  }

  const problems: SimulateProblems | undefined = useMemo(
    () =>
      refusal &&
      placeProblems(refusal, compiled?.applicationSchema as JsonSchema | undefined, locale, {
        requestedAmount: t('sim.requestedAmount'),
        termMonths: t('sim.term'),
        repaymentMethod: t('sim.method'),
        asOf: t('sim.asOf'),
      }),
    [refusal, compiled, locale, t],
  );
  const shownError = problems ? t('sim.invalid') : error;
  const display = compiled?.display;
  return (
    <div className="simulator" ref={top}>
      <h2>{t('sim.title')}</h2>
      {!compiled && <p className="muted">{t('sim.needCompile')}</p>}
      {samples.length > 0 && (
        <label className="field">
          <span>{t('sim.sample')}</span>
          <select aria-label={t('sim.sample')} defaultValue="" onChange={(e) => pickSample(Number(e.target.value))}>
            <option value="" disabled>
              {t('sim.pickSample')}
            </option>
            {samples.map((sample, i) => (
              <option key={i} value={i}>
                {sampleLabel(sample, locale, i)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="request-grid">
        <label className="field">
          <span>{t('sim.requestedAmount')}</span>
          <div className="with-unit">
            <input
              inputMode="decimal"
              aria-label={t('sim.requestedAmount')}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              placeholder={display ? `${display.amount.min}–${display.amount.max}` : ''}
              aria-invalid={problems?.request.requestedAmount ? true : undefined}
              aria-describedby={problems?.request.requestedAmount ? 'sim-amount-error' : undefined}
            />
            <span className="unit">{t('unit.CNY')}</span>
          </div>
          {problems?.request.requestedAmount && (
            <span className="field-error" id="sim-amount-error">
              {problems.request.requestedAmount}
            </span>
          )}
        </label>
        <label className="field">
          <span>{t('sim.term')}</span>
          <select aria-label={t('sim.term')} value={term} onChange={(e) => setTerm(e.target.value)}>
            <option value="">{t('method.default')}</option>
            {(display?.termsMonths ?? []).map((months) => (
              <option key={months} value={months}>
                {months}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sim.method')}</span>
          <select aria-label={t('sim.method')} value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="">{t('method.default')}</option>
            {(display?.repaymentMethods ?? []).map((name) => (
              <option key={name} value={name}>
                {t(`method.${name}` as 'method.bullet')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sim.asOf')}</span>
          <DateInput label={t('sim.asOf')} value={asOf} onChange={setAsOf} />
        </label>
      </div>
      {schema && (
        <details className="application-form" open>
          <summary>{t('sim.application')}</summary>
          <Form
            schema={schema}
            uiSchema={uiSchema}
            formData={application}
            validator={validator}
            transformErrors={errorTransformer()}
            templates={templates}
            widgets={{ date: DateWidget }}
            showErrorList={false}
            noHtml5Validate
            {...(problems ? { extraErrors: problems.application } : {})}
            onChange={(event) => setApplication((event.formData ?? {}) as Record<string, unknown>)}
          />
        </details>
      )}
      <div className="sim-actions">
        <button type="button" className="btn btn-primary" onClick={run} disabled={running || !compiled} aria-label={t('sim.run')}>
          <Play size={16} aria-hidden="true" /> {running ? t('sim.running') : t('sim.run')}
        </button>
        {decision && (
          <button type="button" className="btn btn-ghost" onClick={() => onDecision(null)} aria-label={t('sim.clearHighlight')}>
            {t('sim.clearHighlight')}
          </button>
        )}
      </div>
      {shownError && (
        <div className="form-error" role="alert">
          <p>{shownError}</p>
          {problems && problems.lines.length > 0 && (
            <ul className="problem-lines">
              {problems.lines.map((line, i) => (
                <li key={i}>
                  {line.label}
                  {locale === 'zh-CN' ? '：' : ': '}
                  {line.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {decision && (
        <DecisionView
          ref={answer}
          decision={decision}
          {...(compiled?.applicationSchema ? { applicationSchema: compiled.applicationSchema as JsonSchema } : {})}
          {...(amount ? { requested: amount } : {})}
          document={document}
          types={types}
          onFocus={onFocus}
          onEdit={() => top.current?.scrollIntoView({ block: 'start' })}
        />
      )}
      {decision && simulated && (
        <button type="button" className="btn" onClick={() => setSaving(true)} aria-label={it('suite.saveAs')}>
          {it('suite.saveAs')}
        </button>
      )}
      {saving && decision && simulated && (
        <SaveTestCaseDialog productId={productId} application={simulated.application} simulated={simulated.request} decision={decision} onSaved={onCaseSaved} onClose={() => setSaving(false)} />
      )}
    </div>
  );
}
