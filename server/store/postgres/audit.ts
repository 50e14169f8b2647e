import type { AuditEvent } from '../store.ts';
import { type Db, json, type Queryable } from './db.ts';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  product_id: string | null;
  hash_before: string | null;
  hash_after: string | null;
  has_hash_before: boolean;
  has_hash_after: boolean;
  detail: Record<string, unknown> | null;
}

/** Rebuilds the event as it was appended: an absent hash stays absent, a null one null. */
const toEvent = (row: AuditRow): AuditEvent => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  ...(row.product_id !== null ? { productId: row.product_id } : {}),
  ...(row.has_hash_before ? { hashBefore: row.hash_before } : {}),
  ...(row.has_hash_after ? { hashAfter: row.hash_after } : {}),
  ...(row.detail !== null ? { detail: row.detail } : {}),
});

/** Appends one event inside the caller's transaction (or alone on the pool). */
export async function appendAuditIn(db: Queryable, at: string, event: Omit<AuditEvent, 'at' | 'seq'>): Promise<AuditEvent> {
  const { rows } = await db.query<AuditRow>(
    `INSERT INTO audit_events (at, actor, action, product_id, hash_before, hash_after, has_hash_before, has_hash_after, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [at, event.actor, event.action, event.productId ?? null, event.hashBefore ?? null, event.hashAfter ?? null, event.hashBefore !== undefined, event.hashAfter !== undefined, json(event.detail)],
  );
  return toEvent(rows[0]);
}

export const appendAudit = (db: Db, event: Omit<AuditEvent, 'at' | 'seq'>): Promise<AuditEvent> => appendAuditIn(db.pool, db.now(), event);

export async function listAudit(db: Db, filter: { productId?: string } = {}): Promise<AuditEvent[]> {
  const { rows } =
    filter.productId === undefined
      ? await db.pool.query<AuditRow>('SELECT * FROM audit_events ORDER BY seq')
      : await db.pool.query<AuditRow>('SELECT * FROM audit_events WHERE product_id = $1 ORDER BY seq', [filter.productId]);
  return rows.map(toEvent);
}
