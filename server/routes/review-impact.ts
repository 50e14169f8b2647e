import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { shanghaiToday } from '../channel/decision-request.ts';
import { HttpProblem } from '../http/problem.ts';
import type { ImpactServices } from '../simulation/impact.ts';
import { launchReviewSimulation, liveImpact, type ReviewSimulationDeps, withLiveImpact } from '../simulation/review-simulation.ts';
import type { ReviewImpact } from '../store/review-impact.ts';
import type { Review } from '../store/store.ts';
import type { StudioContext } from '../studio/context.ts';
import { param } from '../studio/lookup.ts';
import { reviewView } from '../studio/publishing.ts';

/** What a review's simulation job needs from the studio context. */
export const simulationDeps = (ctx: StudioContext, impact: ImpactServices): ReviewSimulationDeps => ({ store: ctx.store, impact, logger: ctx.logger });

/**
 * Approval waits for the portfolio simulation: 409 IMPACT_PENDING while it runs, 409
 * IMPACT_INCOMPLETE when it failed, was cancelled or was interrupted by a restart (re-run it).
 */
export function assertImpactReady(impact: ReviewImpact | undefined): void {
  const status = impact?.simulation?.status;
  if (status === 'running') throw new HttpProblem(409, 'IMPACT_PENDING', 'The portfolio simulation is still running; approve once its impact report is in', { simulation: impact?.simulation });
  if (status === 'cancelling') throw new HttpProblem(409, 'IMPACT_PENDING', 'The portfolio simulation is being cancelled; re-run it once it stopped, then approve', { simulation: impact?.simulation });
  if (status === 'failed' || status === 'cancelled' || status === 'interrupted')
    throw new HttpProblem(
      409,
      'IMPACT_INCOMPLETE',
      `The portfolio simulation ${status === 'failed' ? 'failed' : `was ${status}`}; re-run it (POST /api/studio/reviews/:id/impact/rerun) before approving`,
      {
        simulation: impact?.simulation,
      },
    );
}

/**
 * A review's portfolio simulation after submission: re-run one that failed, was cancelled or was
 * interrupted, and cancel one that runs. The author and the approvers may do both.
 */
export function reviewImpactRouter(ctx: StudioContext): Router {
  const router = Router();
  const { store } = ctx;
  const services = () => {
    if (!ctx.impact) throw new HttpProblem(503, 'NO_DATA_DIRECTORY', 'This server keeps no portfolio files (no data directory)');
    return ctx.impact;
  };
  const reviewOr404 = async (id: string): Promise<Review> => {
    const review = await store.getReview(id);
    if (!review) throw new HttpProblem(404, 'NOT_FOUND', 'Review not found');
    return review;
  };

  router.post('/reviews/:reviewId/impact/rerun', requireRole('author', 'approver', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const review = await reviewOr404(param(req, 'reviewId'));
    const impact = services();
    if (review.status !== 'open') throw new HttpProblem(409, 'REVIEW_CLOSED', 'This review is already decided');
    const previous = (await liveImpact(impact, review.impact))?.simulation;
    if (previous?.status === 'running') throw new HttpProblem(409, 'IMPACT_PENDING', 'The portfolio simulation is still running');
    if (previous?.status === 'cancelling') throw new HttpProblem(409, 'IMPACT_PENDING', 'The portfolio simulation is being cancelled; re-run it once it stopped');
    if (!previous || previous.status === undefined || previous.status === 'done' || !previous.job)
      throw new HttpProblem(409, 'IMPACT_NOT_RERUNNABLE', 'Only a simulation that failed, was cancelled or was interrupted is re-run');
    const portfolio = await impact.portfolios.get(review.productId, previous.portfolio.hash);
    const before = await store.getVersion(review.productId, previous.against);
    if (!portfolio || !before) throw new HttpProblem(410, 'PORTFOLIO_GONE', 'The portfolio or the version it was compared with is no longer stored');
    const plan = { portfolio: previous.portfolio, before };
    const { review: rerun } = await launchReviewSimulation(
      simulationDeps(ctx, impact),
      { plan, definition: review.definition, startedBy: user.username, asOf: shanghaiToday(ctx.clock()) },
      (running) => store.recordReviewSimulation(review.id, running, previous.job as string),
    );
    if (!rerun) throw new HttpProblem(409, 'IMPACT_PENDING', 'Someone re-ran this simulation a moment ago');
    await store.appendAudit({
      actor: user.username,
      action: 'review.impact.rerun',
      productId: review.productId,
      hashAfter: review.hash,
      detail: { reviewId: review.id, previous, simulation: rerun.impact?.simulation },
    });
    res.status(202).json(reviewView(rerun));
  });

  router.post('/reviews/:reviewId/impact/cancel', requireRole('author', 'approver', 'admin'), async (req, res) => {
    const review = await reviewOr404(param(req, 'reviewId'));
    const impact = services();
    const simulation = (await liveImpact(impact, review.impact))?.simulation;
    if (simulation?.status !== 'running' && simulation?.status !== 'cancelling') throw new HttpProblem(409, 'IMPACT_NOT_RUNNING', 'This review has no running simulation');
    await impact.jobs.cancel(simulation.job);
    await impact.jobs.settled(simulation.job); // when it ran here: it has written how it ended into the review
    const now = await withLiveImpact(impact, await reviewOr404(review.id));
    // 202 while another process (a replica) runs the job and has not yet stopped it: the review reads `cancelling` until it did
    res.status(now.impact?.simulation?.status === 'cancelling' ? 202 : 200).json(reviewView(now));
  });

  return router;
}
