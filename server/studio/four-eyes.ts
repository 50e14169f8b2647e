import { HttpProblem } from '../http/problem.ts';
import type { Review, Store } from '../store/store.ts';

/** Audit actions that change a product's draft (a rename is also saved as a draft). */
const DRAFT_EDITS = new Set(['product.create', 'draft.save', 'product.rename']);

/**
 * Who edited the product's draft since its last publish: the actors of `product.create`,
 * `draft.save` and `product.rename` audit events after the last `version.publish` (all of them when
 * it was never published). Read from the append-only audit, so it survives restarts.
 */
export async function draftEditorsSinceLastPublish(store: Store, productId: string): Promise<Set<string>> {
  const events = await store.listAudit({ productId });
  let since = 0;
  for (const [index, event] of events.entries()) if (event.action === 'version.publish') since = index + 1;
  return new Set(events.slice(since).filter((event) => DRAFT_EDITS.has(event.action)).map((event) => event.actor));
}

/**
 * The four-eyes rule (DESIGN.md, "Changing a product safely"): nobody who submitted the review —
 * the author of a publish, whoever asked for a rollback or an archive — approves it, and for a
 * publish or a rollback nobody who edited the draft since the last publish does either. Throws
 * 403 SELF_APPROVAL_FORBIDDEN or 403 EDITOR_APPROVAL_FORBIDDEN. "system" (seeding) is exempt.
 */
export async function assertMayApprove(store: Store, review: Review, approver: string): Promise<void> {
  if (approver === 'system') return;
  if (review.submittedBy === approver) {
    throw new HttpProblem(403, 'SELF_APPROVAL_FORBIDDEN', 'You cannot approve your own submission; another approver must');
  }
  if (review.kind === 'archive') return;
  if ((await draftEditorsSinceLastPublish(store, review.productId)).has(approver)) {
    throw new HttpProblem(403, 'EDITOR_APPROVAL_FORBIDDEN', 'You edited this draft since the last publish; an approver who did not change it must approve', {
      detail: 'Four eyes: nobody who edited, submitted or rolled back a change approves it.',
    });
  }
}
