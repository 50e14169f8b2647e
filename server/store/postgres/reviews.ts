import type { FlowDocument } from '../../engine/flow-document.ts';
import type { ProductDefinition } from '../../engine/product-definition.ts';
import type { ReviewSimulation } from '../review-impact.ts';
import { type Review, StoreConflict } from '../store.ts';
import { type Db, isUniqueViolation, json, optional, type Queryable } from './db.ts';

interface ReviewRow {
  id: string;
  product_id: string;
  kind: Review['kind'];
  status: Review['status'];
  submitted_by: string;
  submitted_at: string;
  comment: string | null;
  document: FlowDocument;
  definition: ProductDefinition;
  hash: string;
  base_version: number | null;
  rollback_of: number | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  impact: Review['impact'] | null;
}

const COLUMNS = 'id, product_id, kind, status, submitted_by, submitted_at, comment, document, definition, hash, base_version, rollback_of, decided_by, decided_at, decision_comment, impact';

const toReview = (row: ReviewRow): Review =>
  optional<Review>(
    {
      id: row.id,
      productId: row.product_id,
      kind: row.kind,
      status: row.status,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
      comment: row.comment ?? undefined,
      document: row.document,
      definition: row.definition,
      hash: row.hash,
      baseVersion: row.base_version,
      rollbackOf: row.rollback_of ?? undefined,
      decidedBy: row.decided_by ?? undefined,
      decidedAt: row.decided_at ?? undefined,
      decisionComment: row.decision_comment ?? undefined,
      impact: row.impact ?? undefined,
    },
    ['comment', 'rollbackOf', 'decidedBy', 'decidedAt', 'decisionComment', 'impact'],
  );

/** Ids are `r-<n>` from a sequence, as in the embedded store. A second open review of a product fails on the partial unique index. */
export async function createReview(db: Db, review: Omit<Review, 'id' | 'submittedAt' | 'status'>): Promise<Review> {
  const { rows } = await db.pool
    .query<ReviewRow>(
      `INSERT INTO reviews (id, product_id, kind, status, submitted_by, submitted_at, comment, document, definition, hash, base_version, rollback_of, impact)
     VALUES ('r-' || nextval('review_numbers'), $1, $2, 'open', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
      [
        review.productId,
        review.kind,
        review.submittedBy,
        db.now(),
        review.comment ?? null,
        json(review.document),
        json(review.definition),
        review.hash,
        review.baseVersion,
        review.rollbackOf ?? null,
        json(review.impact),
      ],
    )
    .catch((error: unknown) => {
      // another process opened a review of this product a moment ago
      if (isUniqueViolation(error)) throw new StoreConflict('REVIEW_PENDING', 'This product already has an open review');
      throw error;
    });
  return toReview(rows[0]);
}

/** One review; `lock` takes its row lock for the rest of the caller's transaction. */
export async function reviewIn(db: Queryable, id: string, lock: boolean): Promise<Review | undefined> {
  const { rows } = await db.query<ReviewRow>(`SELECT ${COLUMNS} FROM reviews WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] && toReview(rows[0]);
}

export async function listReviews(db: Db, filter: { status?: Review['status']; productId?: string } = {}): Promise<Review[]> {
  const { rows } = await db.pool.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM reviews WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR product_id = $2) ORDER BY submitted_at, (substring(id from 3))::bigint`,
    [filter.status ?? null, filter.productId ?? null],
  );
  return rows.map(toReview);
}

/** Decides an open review; undefined when it is unknown or already decided (the WHERE no longer matches). */
export async function decideReview(db: Db, id: string, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionComment?: string }): Promise<Review | undefined> {
  const { rows } = await db.pool.query<ReviewRow>(`UPDATE reviews SET status = $2, decided_by = $3, decided_at = $4, decision_comment = $5 WHERE id = $1 AND status = 'open' RETURNING ${COLUMNS}`, [
    id,
    decision.status,
    decision.decidedBy,
    db.now(),
    decision.decisionComment ?? null,
  ]);
  return rows[0] && toReview(rows[0]);
}

/** Replaces an open review's `impact.simulation` in one statement when it still names job `expectedJob` (the WHERE is the compare-and-set; a decided review's trigger would refuse any change anyway). */
export async function recordReviewSimulation(db: Db, id: string, simulation: ReviewSimulation, expectedJob: string): Promise<Review | undefined> {
  const { rows } = await db.pool.query<ReviewRow>(
    `UPDATE reviews SET impact = jsonb_set(impact, '{simulation}', $2::jsonb) WHERE id = $1 AND status = 'open' AND impact -> 'simulation' ->> 'job' = $3 RETURNING ${COLUMNS}`,
    [id, json(simulation), expectedJob],
  );
  return rows[0] && toReview(rows[0]);
}
