import { useEffect, useState, type FormEvent } from 'react';
import type { PortfolioMeta, ReasonLabels } from '../api/types.ts';
import { ApiError } from '../api/client.ts';
import { problemText } from '../app/problem-text.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { toastStore } from '../app/toast-store.ts';
import { useT } from '../i18n/use-t.ts';
import { useImpactT } from '../impact/impact-text.ts';
import { impactApi } from '../impact/impact-api.ts';
import { PortfolioSelect } from '../impact/PortfolioSelect.tsx';
import { SuiteFailureField, type FailingCases } from '../impact/SuiteFailureField.tsx';

/** Submit the draft for approval with a comment (saving first when there are unsaved edits). */
export function SubmitDialog({ productId, dirty, onSave, onSubmitted, onClose }: { productId: string; dirty: boolean; onSave(): Promise<void>; onSubmitted?(): void; onClose(): void }) {
  const { t, locale } = useT();
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [failing, setFailing] = useState<{ cases: FailingCases; labels?: ReasonLabels } | undefined>(); // 422 SUITE_FAILING: the author gives a reason or fixes the cases
  const [reason, setReason] = useState('');
  // which stored portfolio the approver's impact report decides: shown, never chosen silently (default the newest, as the server does)
  const { it } = useImpactT();
  const [portfolios, setPortfolios] = useState<PortfolioMeta[]>([]);
  const [portfolio, setPortfolio] = useState('');
  useEffect(() => {
    impactApi.portfolios(productId).then(
      ({ portfolios: list }) => {
        setPortfolios(list);
        setPortfolio((current) => current || list[0]?.hash || '');
      },
      () => undefined,
    ); // without the list the server picks the newest, as before
  }, [productId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (failing && !reason.trim()) {
      // the reason is what the approver reads: ask for it where it is typed, without a round trip
      setError(it('suite.reasonRequired'));
      (event.currentTarget as HTMLFormElement).querySelector<HTMLTextAreaElement>('.suite-failure textarea')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      if (dirty) await onSave();
      const review = await impactApi.submit(productId, comment, failing ? reason : undefined, portfolio || undefined);
      // the portfolio simulation runs on after the answer: the review page follows it
      if (review.impact?.simulation?.status === 'running') toastStore.show(t('review.submittedSimulating'), 'success', 8000);
      else toastStore.show(t('review.submitted'), 'success');
      onSubmitted?.();
      onClose();
    } catch (caught) {
      const suiteFailing = caught instanceof ApiError && caught.code === 'SUITE_FAILING';
      if (suiteFailing) setFailing({ cases: caught.body.failing as FailingCases, labels: caught.body.labels as ReasonLabels | undefined });
      // the first time the failing cases and the reason field explain it; again (no reason given) the message says it
      setError(suiteFailing && !failing ? '' : problemText(caught, locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('review.submitTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>{t('review.comment')}</span>
          <textarea aria-label={t('review.comment')} rows={4} value={comment} placeholder={t('review.commentPlaceholder')} onChange={(e) => setComment(e.target.value)} />
        </label>
        <PortfolioSelect label={t('review.portfolio')} portfolios={portfolios} value={portfolio} onChange={setPortfolio} />
        {failing && <SuiteFailureField failing={failing.cases} labels={failing.labels} reason={reason} onReason={setReason} />}
        <FormFooter error={error} submitLabel={t('review.submit')} disabled={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
