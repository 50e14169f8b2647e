import { useEffect } from 'react';
import { request } from '../api/client.ts';
import type { SimulationJob } from '../api/types.ts';
import { useImpactT } from './impact-text.ts';

const POLL_MS = 500;

/**
 * Follows a simulation job: polls it every half second while it runs and hands each state to
 * `onJob` (the last one is done, failed or cancelled; `cancelling` is polled on). Polling errors go to `onError`.
 */
export function useSimulationPolling(job: SimulationJob | undefined, onJob: (next: SimulationJob) => void, onError: (caught: unknown) => void): void {
  useEffect(() => {
    if (job?.status !== 'running' && job?.status !== 'cancelling') return; // a cancelling job is polled until the process running it recorded it stopped
    const timer = setTimeout(() => {
      request<SimulationJob>('GET', `/api/studio/simulations/${encodeURIComponent(job.id)}`).then(onJob, onError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onJob, onError]);
}

/** A simulation's progress bar with the count decided, the time left while it runs, and how it ended. */
export function SimulationProgress({ job }: { job: SimulationJob }) {
  const { it } = useImpactT();
  const { progress } = job;
  const percent = progress.total ? Math.min(100, Math.round((100 * progress.rows) / progress.total)) : 0;
  return (
    <div className="portfolio-progress">
      <progress max={100} value={percent} aria-label={it('portfolio.progress')} />
      <span className="small">
        {it('portfolio.count', { rows: progress.rows.toLocaleString(), total: progress.total.toLocaleString() })}
        {job.status === 'running' && progress.remainingMs !== null ? ` · ${it('portfolio.remaining', { seconds: Math.ceil(progress.remainingMs / 1000) })}` : ''}
        {job.status !== 'running' ? ` · ${it(`portfolio.status.${job.status}`)}` : ''}
      </span>
    </div>
  );
}
