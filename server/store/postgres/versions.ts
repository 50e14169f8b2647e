import type pg from 'pg';
import type { FlowDocument } from '../../engine/flow-document.ts';
import type { ProductDefinition } from '../../engine/product-definition.ts';
import type { PublishedVersion, Review } from '../store.ts';
import { appendAuditIn } from './audit.ts';
import { type Db, json, type Queryable, transaction } from './db.ts';
import { appendRelease } from './releases.ts';
import { reviewIn } from './reviews.ts';

interface VersionRow {
  product_id: string;
  version: number;
  hash: string;
  definition: ProductDefinition;
  document: FlowDocument;
  channels: string[];
  submitted_by: string;
  approved_by: string;
  review_id: string;
  published_at: string;
}

const COLUMNS = 'product_id, version, hash, definition, document, channels, submitted_by, approved_by, review_id, published_at';

const toVersion = (row: VersionRow): PublishedVersion => ({
  productId: row.product_id,
  version: row.version,
  hash: row.hash,
  definition: row.definition,
  document: row.document,
  channels: row.channels,
  submittedBy: row.submitted_by,
  approvedBy: row.approved_by,
  reviewId: row.review_id,
  publishedAt: row.published_at,
});

export async function listVersions(db: Queryable, productId: string): Promise<PublishedVersion[]> {
  const { rows } = await db.query<VersionRow>(`SELECT ${COLUMNS} FROM versions WHERE product_id = $1 ORDER BY version`, [productId]);
  return rows.map(toVersion);
}

export async function getVersion(db: Queryable, productId: string, version: number): Promise<PublishedVersion | undefined> {
  const { rows } = await db.query<VersionRow>(`SELECT ${COLUMNS} FROM versions WHERE product_id = $1 AND version = $2`, [productId, version]);
  return rows[0] && toVersion(rows[0]);
}

export async function latestVersion(db: Queryable, productId: string): Promise<PublishedVersion | undefined> {
  const { rows } = await db.query<VersionRow>(`SELECT ${COLUMNS} FROM versions WHERE product_id = $1 ORDER BY version DESC LIMIT 1`, [productId]);
  return rows[0] && toVersion(rows[0]);
}

export async function latestVersions(db: Queryable): Promise<PublishedVersion[]> {
  const { rows } = await db.query<VersionRow>(`SELECT DISTINCT ON (product_id) ${COLUMNS} FROM versions ORDER BY product_id, version DESC`);
  return rows.map(toVersion);
}

/**
 * Inserts version N+1 inside the caller's transaction. The product row is locked first, so two
 * publishes of one product number 1, 2 instead of both trying N+1; the primary key would refuse a
 * duplicate anyway. Also marks the product published, appends the audit event and the release.
 */
async function insertVersion(client: pg.PoolClient, at: string, version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): Promise<PublishedVersion> {
  await client.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [version.productId]);
  const next = await client.query<{ next: number }>('SELECT COALESCE(max(version), 0) + 1 AS next FROM versions WHERE product_id = $1', [version.productId]);
  const number = next.rows[0].next;
  const definition = { ...version.definition, version: number };
  const { rows } = await client.query<VersionRow>(`INSERT INTO versions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`, [
    version.productId,
    number,
    version.hash,
    json(definition),
    json(version.document),
    version.channels,
    version.submittedBy,
    version.approvedBy,
    version.reviewId,
    at,
  ]);
  await client.query(`UPDATE products SET status = 'published' WHERE id = $1`, [version.productId]);
  await appendAuditIn(client, at, {
    actor,
    action: 'version.publish',
    productId: version.productId,
    hashAfter: version.hash,
    detail: { version: number, reviewId: version.reviewId, channels: version.channels },
  });
  await appendRelease(client, at, { productId: version.productId, action: 'publish', version: number });
  return toVersion(rows[0]);
}

export function publish(db: Db, version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): Promise<PublishedVersion> {
  return transaction(db.pool, (client) => insertVersion(client, db.now(), version, actor));
}

/**
 * The approval, both audit events, the version, the release and its NOTIFY in one transaction.
 * The review row is locked and must still be open; of two approvers the second waits for the
 * first's commit, then finds the review approved and gets undefined.
 */
export function publishReview(db: Db, reviewId: string, approval: { approvedBy: string; decisionComment?: string }): Promise<{ review: Review; version: PublishedVersion } | undefined> {
  return transaction(db.pool, async (client) => {
    const open = await reviewIn(client, reviewId, true);
    if (open?.status !== 'open') return undefined;
    const at = db.now();
    const { rows } = await client.query<{ id: string }>(
      `UPDATE reviews SET status = 'approved', decided_by = $2, decided_at = $3, decision_comment = $4 WHERE id = $1 AND status = 'open' RETURNING id`,
      [reviewId, approval.approvedBy, at, approval.decisionComment ?? null],
    );
    if (!rows[0]) return undefined;
    const before = await client.query<{ hash: string }>('SELECT hash FROM versions WHERE product_id = $1 ORDER BY version DESC LIMIT 1', [open.productId]);
    await appendAuditIn(client, at, {
      actor: approval.approvedBy,
      action: 'review.approve',
      productId: open.productId,
      hashBefore: before.rows[0]?.hash ?? null,
      hashAfter: open.hash,
      detail: { reviewId, kind: open.kind },
    });
    const version = await insertVersion(
      client,
      at,
      {
        productId: open.productId,
        hash: open.hash,
        definition: open.definition,
        document: open.document,
        channels: [...open.definition.product.channels],
        submittedBy: open.submittedBy,
        approvedBy: approval.approvedBy,
        reviewId,
      },
      approval.approvedBy,
    );
    // the review as the UPDATE above left it (no second read inside the transaction)
    const review: Review = { ...open, status: 'approved', decidedBy: approval.approvedBy, decidedAt: at, ...(approval.decisionComment ? { decisionComment: approval.decisionComment } : {}) };
    return { review, version };
  });
}
