import type { Logger } from 'pino';
import type { ProductDefinition } from '../engine/product-definition.ts';
import type { ReviewImpact, ReviewSimulation, ReviewSimulationDone, ReviewSimulationPending } from '../store/review-impact.ts';
import type { Review, Store } from '../store/store.ts';
import type { ImpactServices, SimulationPlan } from './impact.ts';
import type { SimulationReport } from './report.ts';
import type { SimulationJob } from './simulation-jobs.ts';

/** What a review's simulation needs from the server. */
export interface ReviewSimulationDeps {
  store: Store;
  impact: ImpactServices;
  logger: Logger;
}

/**
 * Starts a review's portfolio simulation as a job and lets `attach` record the running simulation
 * in the store (a new review, or a re-run's compare-and-set). The job's end is written into the
 * review only once `attach` has recorded it, so even a job that ends before the review exists is
 * never lost; when `attach` records nothing (it lost a race) or throws, the job is cancelled.
 */
export async function launchReviewSimulation(
  deps: ReviewSimulationDeps,
  spec: { plan: SimulationPlan; definition: ProductDefinition; startedBy: string; asOf: string },
  attach: (running: ReviewSimulationPending) => Promise<Review | undefined>,
): Promise<{ review: Review | undefined; job: SimulationJob }> {
  const { plan } = spec;
  let attached: (reviewId: string | undefined) => void = () => undefined;
  const reviewId = new Promise<string | undefined>((resolve) => {
    attached = resolve;
  });
  const job = await deps.impact.jobs.start({
    productId: plan.before.productId,
    portfolio: { hash: plan.portfolio.hash, rows: plan.portfolio.rows },
    definitions: [plan.before.definition, spec.definition],
    versions: { before: plan.before.version, after: 'draft' },
    startedBy: spec.startedBy,
    asOf: spec.asOf,
    onSettled: async (settled) => {
      const id = await reviewId;
      if (id) await settleReviewSimulation(deps, id, settled, { portfolio: plan.portfolio, against: plan.before.version });
    },
  });
  let review: Review | undefined;
  try {
    review = await attach({ status: 'running', job: job.id, portfolio: plan.portfolio, against: plan.before.version });
  } finally {
    attached(review?.id);
    if (!review) await deps.impact.jobs.cancel(job.id);
  }
  return { review, job };
}

/**
 * Writes how a review's simulation job ended into the review — the report's summary when done,
 * else failed or cancelled — and the `review.impact` audit event with it. Nothing when the review
 * has moved on to another job (re-run) meanwhile.
 */
async function settleReviewSimulation(deps: ReviewSimulationDeps, reviewId: string, job: SimulationJob, base: Pick<ReviewSimulationDone, 'portfolio' | 'against'>): Promise<void> {
  let simulation: ReviewSimulation = { status: job.status === 'cancelled' ? 'cancelled' : 'failed', job: job.id, ...base, ...(job.error ? { error: job.error } : {}) };
  const text = job.status === 'done' && job.report ? await deps.impact.reports.read(job.report) : undefined;
  if (text && job.report) {
    const report = JSON.parse(text) as SimulationReport;
    simulation = {
      status: 'done',
      job: job.id,
      ...base,
      report: job.report,
      outcomes: { before: report.versions[0].outcomes, after: report.versions[report.versions.length - 1].outcomes },
      changed: report.changed?.count ?? 0,
      badRows: report.badRows.count,
    };
  } else if (job.status === 'done') simulation = { status: 'failed', job: job.id, ...base, error: 'the report file cannot be read' };
  // a review decided meanwhile (rejected: its job was cancelled) stays as it was decided; the audit log still says how the job ended
  const review = (await deps.store.recordReviewSimulation(reviewId, simulation, job.id)) ?? (await decidedWithJob(deps.store, reviewId, job.id));
  if (!review) return;
  await deps.store.appendAudit({ actor: job.startedBy, action: 'review.impact', productId: review.productId, hashAfter: review.hash, detail: { reviewId, simulation } });
  deps.logger.info({ reviewId, job: job.id, status: simulation.status }, 'review simulation ended');
}

/** The review when it was decided while carrying job `job`; undefined when it is open (so the job was superseded by a re-run) or unknown. */
async function decidedWithJob(store: Store, reviewId: string, job: string): Promise<Review | undefined> {
  const review = await store.getReview(reviewId);
  return review && review.status !== 'open' && review.impact?.simulation?.job === job ? review : undefined;
}

/**
 * The impact as the studio reads it now: a simulation stored as running whose job this server no
 * longer knows (it restarted) reads as `interrupted`, which may be re-run; one whose job was
 * cancelled or failed reads so, and one whose job was asked to stop and has not yet reads `cancelling` (a rejected review keeps `running` in the store: decided reviews
 * never change). A job done but not yet written into the review still reads as running.
 */
export async function liveImpact(impact: ImpactServices | undefined, stored: ReviewImpact | undefined): Promise<ReviewImpact | undefined> {
  const simulation = stored?.simulation;
  if (!stored || simulation?.status !== 'running') return stored;
  const job = await impact?.jobs.get(simulation.job);
  if (!job) return { ...stored, simulation: { ...simulation, status: 'interrupted' } };
  if (job.status === 'cancelled' || job.status === 'failed' || job.status === 'cancelling')
    return { ...stored, simulation: { ...simulation, status: job.status, ...(job.error ? { error: job.error } : {}) } };
  return stored;
}

/** The review with its impact as it reads now (see {@link liveImpact}). */
export async function withLiveImpact<T extends Pick<Review, 'impact'>>(impact: ImpactServices | undefined, review: T): Promise<T> {
  if (review.impact?.simulation?.status !== 'running') return review;
  return { ...review, impact: await liveImpact(impact, review.impact) };
}
