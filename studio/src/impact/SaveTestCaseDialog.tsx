import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api/client.ts';
import type { Decision } from '../api/types.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { toastStore } from '../app/toast-store.ts';
import { useImpactT } from './impact-text.ts';

/** The simulated request a case pins (asOf always: a case must mean the same on any day). */
export interface SimulatedRequest { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf: string }

type Figure = 'limit' | 'rateAnnual' | 'aprSimple' | 'firstPayment' | 'totalInterest' | 'termMonths' | 'repaymentMethod';
const FIGURES: Figure[] = ['limit', 'rateAnnual', 'aprSimple', 'firstPayment', 'totalInterest', 'termMonths', 'repaymentMethod'];

function figuresOf(decision: Decision): Partial<Record<Figure, string>> {
  const offer = decision.offer;
  if (!offer) return {};
  return {
    limit: offer.limit, rateAnnual: offer.rate.annual, aprSimple: offer.apr.simple, firstPayment: offer.schedule.rows[0]?.payment,
    totalInterest: offer.schedule.totals.interest, termMonths: String(offer.termMonths), repaymentMethod: offer.repaymentMethod,
  };
}

/**
 * Save as test case: the simulated application and request with the expected outcome and reason
 * codes, and the offer figures the author ticks (each prefilled with what was decided and
 * editable; nothing is pinned unless ticked).
 */
export function SaveTestCaseDialog({ productId, application, simulated, decision, onClose }: { productId: string; application: Record<string, unknown>; simulated: SimulatedRequest; decision: Decision; onClose(): void }) {
  const { it } = useImpactT();
  const decided = figuresOf(decision);
  const [id, setId] = useState('');
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [outcome, setOutcome] = useState(decision.outcome);
  const [reasons, setReasons] = useState(decision.reasons.map((reason) => reason.code).join(', '));
  const [pinned, setPinned] = useState<Partial<Record<Figure, string>>>({});
  const [error, setError] = useState('');

  async function save(event: FormEvent) {
    event.preventDefault();
    setError('');
    const offer = Object.fromEntries(Object.entries(pinned).map(([name, value]) => [name, name === 'termMonths' ? Number(value) : value]));
    const testCase = {
      id, title: { 'zh-CN': titleZh, en: titleEn }, application, request: simulated,
      expected: { outcome, reasonCodes: reasons.split(',').map((code) => code.trim()).filter(Boolean), ...(Object.keys(offer).length ? { offer } : {}) },
    };
    try {
      await request('POST', `/api/studio/products/${encodeURIComponent(productId)}/test-cases`, { testCase });
      toastStore.show(it('suite.saved'), 'success');
      onClose();
    } catch (caught) {
      const pointers = caught instanceof ApiError ? (caught.body.errors ?? []).map((e: { pointer: string; message: string }) => `${e.pointer} ${e.message}`).join('; ') : '';
      setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}${pointers ? ` — ${pointers}` : ''}` : String(caught));
    }
  }

  return (
    <Dialog title={it('suite.saveTitle')} onClose={onClose} wide>
      <form className="stack" onSubmit={save}>
        <label className="field"><span>{it('suite.caseId')}</span><input aria-label={it('suite.caseId')} value={id} onChange={(e) => setId(e.target.value)} placeholder="approve-age-35" /></label>
        <label className="field"><span>{it('suite.titleZh')}</span><input aria-label={it('suite.titleZh')} value={titleZh} onChange={(e) => setTitleZh(e.target.value)} /></label>
        <label className="field"><span>{it('suite.titleEn')}</span><input aria-label={it('suite.titleEn')} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} /></label>
        <label className="field">
          <span>{it('suite.expectedOutcome')}</span>
          <select aria-label={it('suite.expectedOutcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as Decision['outcome'])}>
            {(['approve', 'decline', 'refer'] as const).map((o) => <option key={o} value={o}>{it(`impact.${o}`)}</option>)}
          </select>
        </label>
        <label className="field"><span>{it('suite.expectedReasons')}</span><input aria-label={it('suite.expectedReasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} /></label>
        {FIGURES.filter((name) => decided[name] !== undefined).map((name) => (
          <div key={name} className="pin-row">
            <label><input type="checkbox" aria-label={`${it('suite.pin')} ${it(`suite.figure.${name}`)}`} checked={pinned[name] !== undefined} onChange={(e) => setPinned((current) => { const next = { ...current }; if (e.target.checked) next[name] = decided[name]; else delete next[name]; return next; })} /> {it(`suite.figure.${name}`)}</label>
            <input aria-label={it(`suite.figure.${name}`)} value={pinned[name] ?? decided[name]} disabled={pinned[name] === undefined} onChange={(e) => setPinned((current) => ({ ...current, [name]: e.target.value }))} />
          </div>
        ))}
        <FormFooter error={error} submitLabel={it('suite.save')} disabled={!id || !titleZh || !titleEn} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
