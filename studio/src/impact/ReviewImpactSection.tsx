import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, request } from '../api/client.ts';
import type { SimulationJob } from '../api/types.ts';
import { formatMoney } from '../i18n/format.ts';
import { impactApi, type ReviewImpact, type SimulationReport } from './impact-api.ts';
import { ImpactReport } from './ImpactReport.tsx';
import { FailingCasesTable } from './SuiteFailureField.tsx';
import { type ImpactTextKey, useImpactT } from './impact-text.ts';
import { SimulationProgress, useSimulationPolling } from './SimulationProgress.tsx';
import './impact.css';

type Simulation = NonNullable<ReviewImpact['simulation']>;
const RETRY_MS = 500;

/** Why the approve button is disabled, or undefined when the impact lets the approver approve: the simulation must be done and its report opened. */
export function approveBlockedBy(impact: ReviewImpact | undefined, opened: boolean): ImpactTextKey | undefined {
  const status = impact?.simulation?.status;
  if (!impact?.simulation) return undefined;
  if (status === 'running') return 'impact.blocked.running';
  if (status === 'cancelling') return 'impact.blocked.cancelling';
  if (status === 'failed' || status === 'cancelled' || status === 'interrupted') return 'impact.blocked.incomplete';
  return opened ? undefined : 'impact.mustOpen';
}

/**
 * The top of a review: the suite's result (and the author's reason when cases failed), then the
 * portfolio simulation — its progress bar and a cancel button while it runs, a re-run button when
 * it failed, was cancelled or interrupted, else its headline and the button that opens the full
 * report. Opening it is recorded by the server; `onOpened` lets the page enable its approve button,
 * `onImpact` hands the page the review's impact when the simulation has moved on.
 */
export function ReviewImpactSection({
  reviewId,
  impact,
  canAct,
  onImpact,
  onOpened,
}: {
  reviewId: string;
  impact: ReviewImpact | undefined;
  canAct: boolean; // the review is open: its simulation may be cancelled or re-run
  onImpact(impact: ReviewImpact | undefined): void;
  onOpened(): void;
}) {
  const { it } = useImpactT();
  const [report, setReport] = useState<SimulationReport | null | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const fail = useCallback((caught: unknown) => setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught)), []);
  if (!impact) return null;
  const { suite, simulation } = impact;
  const done = simulation && (simulation.status === undefined || simulation.status === 'done') ? simulation : undefined; // reviews from before jobs carry no status
  const coverage = (kind: keyof typeof suite.coverage) => `${suite.coverage[kind].reached}/${suite.coverage[kind].total}`;

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  }
  const open = () =>
    act(async () => {
      const opened = await impactApi.reviewImpact(reviewId);
      setReport(opened.report);
      onOpened();
    });

  return (
    <section className="review-impact" aria-label={it('impact.title')}>
      <h2>{it('impact.title')}</h2>
      <p className={suite.failed ? 'suite-line failing' : 'suite-line'}>
        {it('suite.title')}: {it('suite.summary', { passed: suite.passed, cases: suite.cases })} ·{' '}
        {it('suite.coverageLine', { blocks: coverage('blocks'), ports: coverage('ports'), rules: coverage('rules'), rows: coverage('rows') })}
      </p>
      {!simulation && <p className="muted small">{it('impact.none', { reason: it(impact.simulationSkipped === 'no-portfolio' ? 'impact.none.no-portfolio' : 'impact.none.no-published-version') })}</p>}
      {simulation && <p className="small">{it('impact.portfolio', { name: simulation.portfolio.name, rows: simulation.portfolio.rows.toLocaleString(), version: simulation.against })}</p>}
      {(simulation?.status === 'running' || simulation?.status === 'cancelling') && (
        <RunningSimulation
          reviewId={reviewId}
          simulation={simulation}
          canAct={canAct}
          busy={busy}
          onImpact={onImpact}
          onCancel={() => act(async () => onImpact((await impactApi.cancelImpact(reviewId)).impact))}
          onError={fail}
        />
      )}
      {(simulation?.status === 'failed' || simulation?.status === 'cancelled' || simulation?.status === 'interrupted') && (
        <div className="simulation-incomplete" role="status">
          <p className="form-error">{it(`impact.status.${simulation.status}`, { error: simulation.error ?? '' })}</p>
          {canAct && (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => act(async () => onImpact((await impactApi.rerunImpact(reviewId)).impact))}>
              {it('impact.rerun')}
            </button>
          )}
        </div>
      )}
      {done && (
        <>
          <p>
            <strong>{it('impact.changed', { count: done.changed.toLocaleString() })}</strong> · {it('impact.approve')} {done.outcomes.before.approve.toLocaleString()} →{' '}
            {done.outcomes.after.approve.toLocaleString()} · {it('impact.decline')} {done.outcomes.before.decline.toLocaleString()} → {done.outcomes.after.decline.toLocaleString()} ·{' '}
            {it('impact.refer')} {done.outcomes.before.refer.toLocaleString()} → {done.outcomes.after.refer.toLocaleString()}
          </p>
          {/* rows the simulation could not decide are in no figure above: the approver reads that first, not at the report's foot */}
          {done.badRows > 0 && <p className="suite-line failing">{it('impact.badRowsHeadline', { bad: done.badRows.toLocaleString(), rows: done.portfolio.rows.toLocaleString() })}</p>}
          {report === undefined && (
            <button type="button" className="btn btn-primary" onClick={open} disabled={busy} aria-label={it('impact.open')}>
              {busy ? it('impact.opening') : it('impact.open')}
            </button>
          )}
        </>
      )}
      {/* the suite's failing cases after the simulation's headline, progress or re-run: a long table must not push them out of sight */}
      {suite.failed > 0 && (
        <div className="suite-failure">
          <strong>{it('suite.failedCases', { failed: suite.failed })}</strong>
          {impact.suiteFailureReason && <blockquote>{impact.suiteFailureReason}</blockquote>}
          <FailingCasesTable failing={suite.failing} labels={suite.labels} />
        </div>
      )}
      {done && report && (
        <>
          <p className="small">
            {it('impact.approvedTotal')}: {formatMoney(report.versions[0].approvedLimitTotal)} → {formatMoney(report.versions[report.versions.length - 1].approvedLimitTotal)}
          </p>
          <ImpactReport report={report} reportHash={done.report} compare={(line) => impactApi.rowTraces(reviewId, line)} />
        </>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

/**
 * A simulation still running (or being cancelled: asked to stop, not yet stopped by the process
 * running it — no cancel button then): its job's progress (polled), a cancel button, and — once the job has
 * ended — the review read again until it carries the job's result.
 */
function RunningSimulation({
  reviewId,
  simulation,
  canAct,
  busy,
  onImpact,
  onCancel,
  onError,
}: {
  reviewId: string;
  simulation: Simulation;
  canAct: boolean;
  busy: boolean;
  onImpact(impact: ReviewImpact | undefined): void;
  onCancel(): void;
  onError(caught: unknown): void;
}) {
  const { it } = useImpactT();
  const [job, setJob] = useState<SimulationJob | undefined>();
  const cancelling = simulation.status === 'cancelling' || job?.status === 'cancelling';
  // the review read again until it no longer says this job runs (the server writes the job's result a moment after it ends)
  const refresh = useCallback(() => {
    const again = () =>
      api.review(reviewId).then((review) => {
        const status = review.impact?.simulation?.status;
        if ((status === 'running' || status === 'cancelling') && review.impact?.simulation?.job === simulation.job) setTimeout(again, RETRY_MS);
        else onImpact(review.impact);
      }, onError);
    again();
  }, [reviewId, simulation.job, onImpact, onError]);
  const onJob = useCallback(
    (next: SimulationJob) => {
      setJob(next);
      if (next.status !== 'running' && next.status !== 'cancelling') refresh();
    },
    [refresh],
  );
  useEffect(() => {
    // an unknown job (the server restarted) reads as interrupted in the review
    request<SimulationJob>('GET', `/api/studio/simulations/${encodeURIComponent(simulation.job ?? '')}`).then(onJob, refresh);
  }, [simulation.job, onJob, refresh]);
  useSimulationPolling(job, onJob, onError);
  return (
    <div className="simulation-running" role="status" aria-label={it(cancelling ? 'impact.cancelling' : 'impact.running')}>
      <p>
        <strong>{it(cancelling ? 'impact.cancelling' : 'impact.running')}</strong> <span className="muted small">{it(cancelling ? 'impact.cancellingNote' : 'impact.runningNote')}</span>
      </p>
      {/* the job as last polled may still say running while the review already reads cancelling: no time left is promised then */}
      {job && <SimulationProgress job={cancelling && job.status === 'running' ? { ...job, status: 'cancelling' } : job} />}
      {canAct && !cancelling && (
        <button type="button" className="btn btn-danger" disabled={busy} onClick={onCancel}>
          {it('impact.cancel')}
        </button>
      )}
    </div>
  );
}
