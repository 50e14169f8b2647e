import type { PublishedVersion, Review, Store } from '../store/store.ts';
import { HttpProblem } from '../http/problem.ts';

/** The part of the channel runtime registry publishing needs: swap in a newly published version. */
export interface VersionSink {
  publish(version: PublishedVersion): unknown; // serve a newly approved version
  retire(productId: string): unknown; // stop serving an archived product to channels
}

/** A published version as the studio lists it. */
export interface PublishedVersionSummary {
  version: number;
  hash: string;
  publishedAt: string;
  submittedBy: string;
  approvedBy: string;
  channels: string[];
}

export const versionSummary = (version: PublishedVersion): PublishedVersionSummary => ({
  version: version.version,
  hash: version.hash,
  publishedAt: version.publishedAt,
  submittedBy: version.submittedBy,
  approvedBy: version.approvedBy,
  channels: version.channels,
});

/** A review without the document and definition it carries (the list shape). */
export function reviewView(review: Review): Omit<Review, 'document' | 'definition'> {
  const { document: _document, definition: _definition, ...rest } = review;
  return rest;
}

/**
 * Approves an open review and publishes what it carries as the product's next immutable version:
 * to the channels its definition names, with an audit trail, then swaps it into the channel
 * runtime. The four-eyes rule is checked by the caller (`assertMayApprove`), except that "system"
 * seeding approves its own. Throws 409 PRODUCT_ARCHIVED when the product was archived after the
 * review was opened (an archived product never goes live again this way), and 409 REVIEW_CLOSED when
 * the review was decided meanwhile (only one of two concurrent approvals wins).
 */
export async function approveAndPublish(store: Store, runtime: VersionSink | undefined, review: Review, approver: string, comment?: string): Promise<{ review: Review; version: PublishedVersion }> {
  if ((await store.getProduct(review.productId))?.archived) {
    throw new HttpProblem(409, 'PRODUCT_ARCHIVED', `Product ${review.productId} was archived after this review was opened; it cannot be published`, {
      detail: 'Reject this review. An archived product stays off every channel.',
    });
  }
  const published = await store.publishReview(review.id, { approvedBy: approver, ...(comment ? { decisionComment: comment } : {}) });
  if (!published) throw new HttpProblem(409, 'REVIEW_CLOSED', 'This review is already decided');
  runtime?.publish(published.version);
  return published;
}

/**
 * Approves an open archive review: the product is archived and withdrawn from every channel (latest
 * and pinned versions) at once. Its published versions stay in the store, immutable.
 */
export async function approveArchive(store: Store, runtime: VersionSink | undefined, review: Review, approver: string, comment?: string): Promise<{ review: Review }> {
  const decided = await store.decideReview(review.id, { status: 'approved', decidedBy: approver, ...(comment ? { decisionComment: comment } : {}) });
  if (!decided) throw new HttpProblem(409, 'REVIEW_CLOSED', 'This review is already decided');
  await store.appendAudit({ actor: approver, action: 'review.approve', productId: review.productId, hashBefore: review.hash, hashAfter: null, detail: { reviewId: review.id, kind: review.kind } });
  await store.updateProduct(review.productId, { archived: true, status: 'published' }, approver);
  await store.appendAudit({ actor: approver, action: 'product.archive', productId: review.productId, hashBefore: review.hash, hashAfter: null, detail: { reviewId: review.id, requestedBy: review.submittedBy } });
  runtime?.retire(review.productId);
  return { review: decided };
}
