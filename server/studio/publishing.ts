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
 * runtime. The four-eyes rule (nobody approves their own submission) is checked by the caller's
 * route, except that "system" seeding approves its own. Throws 409 REVIEW_CLOSED when the review
 * was decided meanwhile (only one of two concurrent approvals wins).
 */
export async function approveAndPublish(store: Store, runtime: VersionSink | undefined, review: Review, approver: string, comment?: string): Promise<{ review: Review; version: PublishedVersion }> {
  const published = await store.publishReview(review.id, { approvedBy: approver, ...(comment ? { decisionComment: comment } : {}) });
  if (!published) throw new HttpProblem(409, 'REVIEW_CLOSED', 'This review is already decided');
  runtime?.publish(published.version);
  return published;
}
