import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { diffDocuments } from '../engine/compiler/diff.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Review } from '../store/store.ts';
import type { StudioContext } from '../studio/context.ts';
import { hasErrors } from '../studio/compile-service.ts';
import { assertNotArchived, param, productOr404 } from '../studio/lookup.ts';
import { assertMayApprove } from '../studio/four-eyes.ts';
import { approveAndPublish, approveArchive, reviewView, versionSummary } from '../studio/publishing.ts';
import { readBody } from '../studio/requests.ts';
import { impactOfSubmission } from '../simulation/impact.ts';
import { launchReviewSimulation, liveImpact, withLiveImpact } from '../simulation/review-simulation.ts';
import type { ReviewImpact } from '../store/review-impact.ts';
import { assertImpactReady, simulationDeps } from './review-impact.ts';
import { impactOpenedBy } from './simulations.ts';
import { shanghaiToday } from '../channel/decision-request.ts';

const STATUSES: Review['status'][] = ['open', 'approved', 'rejected'];

/**
 * Reviews: submit a draft (it must compile without errors; one open review per product), list and
 * read reviews with the diff against the version they build on, approve (approver or admin, never
 * the submitter nor anyone who edited the draft since the last publish: four eyes) which publishes
 * version N+1 — or, for an archive review, withdraws the product — and reject with a comment.
 */
export function reviewsRouter(ctx: StudioContext): Router {
  const router = Router();
  const { store } = ctx;
  const submitting = new Set<string>(); // product ids with a submission in flight (one open review each)

  router.post('/products/:id/submit', requireRole('author', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    assertNotArchived(product);
    const { comment, suiteFailureReason, portfolio } = readBody<{ comment?: string; suiteFailureReason?: string; portfolio?: string }>(ctx.validators, 'submit', req.body);
    if (submitting.has(product.id) || (await store.listReviews({ status: 'open', productId: product.id })).length) {
      throw new HttpProblem(409, 'REVIEW_PENDING', 'This product already has an open review');
    }
    submitting.add(product.id);
    try {
      const { product: definition, diagnostics } = await ctx.compiler.compile(product.document);
      if (!definition || hasErrors(diagnostics)) throw new HttpProblem(422, 'DRAFT_HAS_ERRORS', 'Fix the compile errors before submitting', { diagnostics });
      const latest = await store.latestVersion(product.id);
      // the suite runs now (a failing one needs a reason); the portfolio simulation against the
      // published version runs as a job that writes its summary into the review when it ends (#16)
      const planned = ctx.impact ? await impactOfSubmission(ctx.impact, ctx.catalog, product, definition, latest, { suiteFailureReason, portfolio }) : undefined;
      const create = (impact: ReviewImpact | undefined) =>
        store.createReview({
          productId: product.id,
          kind: 'publish',
          submittedBy: user.username,
          ...(comment ? { comment } : {}),
          document: product.document,
          definition,
          hash: definition.hash,
          baseVersion: latest?.version ?? null,
          ...(impact ? { impact } : {}),
        });
      const review =
        ctx.impact && planned?.plan
          ? (
              await launchReviewSimulation(simulationDeps(ctx, ctx.impact), { plan: planned.plan, definition, startedBy: user.username, asOf: shanghaiToday(ctx.clock()) }, (running) =>
                create({ ...planned.impact, simulation: running }),
              )
            ).review!
          : await create(planned?.impact);
      await store.updateProduct(product.id, { status: 'in-review' }, user.username);
      await store.appendAudit({
        actor: user.username,
        action: 'review.submit',
        productId: product.id,
        hashBefore: latest?.hash ?? null,
        hashAfter: definition.hash,
        detail: { reviewId: review.id, revision: product.revision, ...(review.impact ? { impact: review.impact } : {}) },
      });
      res.status(201).json(reviewView(review));
    } finally {
      submitting.delete(product.id);
    }
  });

  router.get('/reviews', requireRole(), async (req, res) => {
    const status = typeof req.query.status === 'string' && (STATUSES as string[]).includes(req.query.status) ? (req.query.status as Review['status']) : undefined;
    if (req.query.status !== undefined && !status)
      throw new HttpProblem(422, 'REQUEST_INVALID', 'Unknown review status', { errors: [{ pointer: '/query/status', message: `must be one of ${STATUSES.join(', ')}` }] });
    const productId = typeof req.query.productId === 'string' ? req.query.productId : undefined;
    const reviews = await store.listReviews({ status, productId });
    res.json({ reviews: await Promise.all(reviews.map(async (review) => reviewView(await withLiveImpact(ctx.impact, review)))) });
  });

  router.get('/reviews/:reviewId', requireRole(), async (req, res) => {
    const review = await store.getReview(param(req, 'reviewId'));
    if (!review) throw new HttpProblem(404, 'NOT_FOUND', 'Review not found');
    const before = review.baseVersion === null ? undefined : await store.getVersion(review.productId, review.baseVersion);
    const diff = diffDocuments(before?.document ?? null, review.document, review.baseVersion, 'draft');
    res.json({ ...reviewView(await withLiveImpact(ctx.impact, review)), diff, definition: review.definition });
  });

  router.post('/reviews/:reviewId/approve', requireRole('approver', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const { comment } = readBody<{ comment?: string }>(ctx.validators, 'approve', req.body);
    const review = await openReview(ctx, param(req, 'reviewId'));
    await assertMayApprove(store, review, user.username);
    assertImpactReady(await liveImpact(ctx.impact, review.impact));
    if (!(await impactOpenedBy(ctx, review, user.username))) throw new HttpProblem(409, 'IMPACT_NOT_OPENED', 'Open the impact report before approving (GET /api/studio/reviews/:id/impact)');
    if (review.kind === 'archive') {
      const archived = await approveArchive(store, ctx.runtime, review, user.username, comment);
      return void res.json({ review: reviewView(archived.review), archived: true });
    }
    const published = await approveAndPublish(store, ctx.runtime, review, user.username, comment);
    res.json({ review: reviewView(published.review), version: versionSummary(published.version) });
  });

  router.post('/reviews/:reviewId/reject', requireRole('approver', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const { comment } = readBody<{ comment: string }>(ctx.validators, 'reject', req.body);
    const review = await openReview(ctx, param(req, 'reviewId'));
    const decided = await store.decideReview(review.id, { status: 'rejected', decidedBy: user.username, decisionComment: comment });
    if (!decided) throw new HttpProblem(409, 'REVIEW_CLOSED', 'This review is already decided');
    // a rejected change needs no impact: its running simulation stops (the job records the cancel)
    if (review.impact?.simulation?.status === 'running') await ctx.impact?.jobs.cancel(review.impact.simulation.job);
    const latest = await store.latestVersion(review.productId);
    await store.updateProduct(review.productId, { status: latest ? 'published' : 'draft' }, user.username);
    await store.appendAudit({
      actor: user.username,
      action: 'review.reject',
      productId: review.productId,
      hashBefore: latest?.hash ?? null,
      hashAfter: review.hash,
      detail: { reviewId: review.id, comment },
    });
    res.json({ review: reviewView(decided) });
  });

  return router;
}

/** The review by id when it is still open: 404 when unknown, 409 REVIEW_CLOSED when decided. */
async function openReview(ctx: StudioContext, id: string): Promise<Review> {
  const review = await ctx.store.getReview(id);
  if (!review) throw new HttpProblem(404, 'NOT_FOUND', 'Review not found');
  if (review.status !== 'open') throw new HttpProblem(409, 'REVIEW_CLOSED', 'This review is already decided');
  return review;
}
