import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { formatMoney } from '../i18n/format.ts';
import { impactApi, type ReviewImpact, type SimulationReport } from './impact-api.ts';
import { ImpactReport } from './ImpactReport.tsx';
import { FailingCasesTable } from './SuiteFailureField.tsx';
import { useImpactT } from './impact-text.ts';
import './impact.css';

/** What the review page needs to know: whether there is a report to open, and whether it was opened. */
export const needsImpactOpened = (impact: ReviewImpact | undefined): boolean => Boolean(impact?.simulation);

/**
 * The top of a review: the suite's result (and the author's reason when cases failed), the
 * simulation's headline, and the button that opens the full impact report. Opening it is recorded
 * by the server; `onOpened` lets the page enable its approve button.
 */
export function ReviewImpactSection({ reviewId, impact, onOpened }: { reviewId: string; impact: ReviewImpact | undefined; onOpened(): void }) {
  const { it } = useImpactT();
  const [report, setReport] = useState<SimulationReport | null | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (!impact) return null;
  const { suite, simulation } = impact;
  const coverage = (kind: keyof typeof suite.coverage) => `${suite.coverage[kind].reached}/${suite.coverage[kind].total}`;

  async function open() {
    setBusy(true);
    setError('');
    try {
      const opened = await impactApi.reviewImpact(reviewId);
      setReport(opened.report);
      onOpened();
    } catch (caught) {
      setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="review-impact" aria-label={it('impact.title')}>
      <h2>{it('impact.title')}</h2>
      <p className={suite.failed ? 'suite-line failing' : 'suite-line'}>
        {it('suite.title')}: {it('suite.summary', { passed: suite.passed, cases: suite.cases })} ·{' '}
        {it('suite.coverageLine', { blocks: coverage('blocks'), ports: coverage('ports'), rules: coverage('rules'), rows: coverage('rows') })}
      </p>
      {suite.failed > 0 && (
        <div className="suite-failure">
          <strong>{it('suite.failedCases', { failed: suite.failed })}</strong>
          {impact.suiteFailureReason && <blockquote>{impact.suiteFailureReason}</blockquote>}
          <FailingCasesTable failing={suite.failing} />
        </div>
      )}
      {simulation ? (
        <>
          <p className="small">{it('impact.portfolio', { name: simulation.portfolio.name, rows: simulation.portfolio.rows.toLocaleString(), version: simulation.against })}</p>
          <p>
            <strong>{it('impact.changed', { count: simulation.changed.toLocaleString() })}</strong> · {it('impact.approve')} {simulation.outcomes.before.approve} → {simulation.outcomes.after.approve}{' '}
            · {it('impact.decline')} {simulation.outcomes.before.decline} → {simulation.outcomes.after.decline} · {it('impact.refer')} {simulation.outcomes.before.refer} →{' '}
            {simulation.outcomes.after.refer}
          </p>
          {report === undefined ? (
            <button type="button" className="btn btn-primary" onClick={open} disabled={busy} aria-label={it('impact.open')}>
              {busy ? it('impact.opening') : it('impact.open')}
            </button>
          ) : report ? (
            <>
              <p className="small">
                {it('impact.approvedTotal')}: {formatMoney(report.versions[0].approvedLimitTotal)} → {formatMoney(report.versions[report.versions.length - 1].approvedLimitTotal)}
              </p>
              <ImpactReport report={report} compare={(line) => impactApi.rowTraces(reviewId, line)} />
            </>
          ) : null}
          {error && <p className="form-error">{error}</p>}
        </>
      ) : (
        <p className="muted small">{it('impact.none', { reason: it(impact.simulationSkipped === 'no-portfolio' ? 'impact.none.no-portfolio' : 'impact.none.no-published-version') })}</p>
      )}
    </section>
  );
}
