import type { FlowDocument } from '../../engine/flow-document.ts';
import type { ProductRecord } from '../store.ts';
import { type Db, json, type Queryable, transaction } from './db.ts';
import { appendAuditIn } from './audit.ts';
import { appendRelease } from './releases.ts';
import { productDamage, productView } from '../damage.ts';

const COLUMNS = 'id, name, kind, document, revision, status, archived, samples, created_at, updated_at, updated_by';

interface ProductRow {
  id: string;
  name: ProductRecord['name'];
  kind: string;
  document: FlowDocument;
  revision: number;
  status: ProductRecord['status'];
  archived: boolean;
  samples: ProductRecord['samples'];
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** A row as a record; a damaged one (server/store/damage.ts) reads as damaged, with an empty draft, so it never breaks a list. */
const toRecord = (row: ProductRow): ProductRecord => {
  const record = rowRecord(row);
  return productDamage(record) ? productView(record) : record;
};

const rowRecord = (row: ProductRow): ProductRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  document: row.document,
  revision: row.revision,
  status: row.status,
  archived: row.archived,
  samples: row.samples,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

export async function listProducts(db: Db): Promise<ProductRecord[]> {
  const { rows } = await db.pool.query<ProductRow>(`SELECT ${COLUMNS} FROM products ORDER BY position`);
  return rows.map(toRecord);
}

export async function getProduct(db: Queryable, id: string): Promise<ProductRecord | undefined> {
  const { rows } = await db.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
  return rows[0] && toRecord(rows[0]);
}

/** Inserts revision 1; a duplicate id fails on the primary key (the route answers 409). */
export async function createProduct(db: Db, record: Omit<ProductRecord, 'revision' | 'createdAt' | 'updatedAt'>, actor: string): Promise<ProductRecord> {
  const at = db.now();
  const { rows } = await db.pool.query<ProductRow>(
    `INSERT INTO products (id, name, kind, document, revision, status, archived, samples, created_at, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $8, $9) RETURNING ${COLUMNS}`,
    [record.id, json(record.name), record.kind, json(record.document), record.status, record.archived, json(record.samples), at, actor],
  );
  return toRecord(rows[0]);
}

/**
 * Compare-and-set on the revision in one UPDATE: of two processes saving on the same revision,
 * PostgreSQL's row lock lets one win and the other's WHERE no longer matches (→ 409 upstream).
 */
export async function saveDraft(db: Db, id: string, document: FlowDocument, expectedRevision: number, actor: string, hashAfter: string | null) {
  return transaction(db.pool, async (client) => {
    const { rows } = await client.query<ProductRow>(
      `UPDATE products SET document = $3, revision = revision + 1, updated_at = $4, updated_by = $5
       WHERE id = $1 AND revision = $2 RETURNING ${COLUMNS}`,
      [id, expectedRevision, json(document), db.now(), actor],
    );
    if (!rows[0]) {
      const current = await client.query<{ revision: number }>('SELECT revision FROM products WHERE id = $1', [id]);
      if (!current.rows[0]) throw new Error(`product ${id} not found`);
      return { ok: false as const, currentRevision: current.rows[0].revision };
    }
    const record = toRecord(rows[0]);
    await appendAuditIn(client, db.now(), { actor, action: 'draft.save', productId: id, hashAfter, detail: { revision: record.revision } });
    return { ok: true as const, record };
  });
}

/** Archiving or restoring a product also tells the runtime replicas (a release row and NOTIFY). */
export async function updateProduct(db: Db, id: string, patch: Partial<Pick<ProductRecord, 'name' | 'status' | 'archived' | 'samples'>>, actor: string): Promise<ProductRecord | undefined> {
  return transaction(db.pool, async (client) => {
    const before = await client.query<{ archived: boolean }>('SELECT archived FROM products WHERE id = $1 FOR UPDATE', [id]);
    if (!before.rows[0]) return undefined;
    const { rows } = await client.query<ProductRow>(
      `UPDATE products SET name = COALESCE($2, name), status = COALESCE($3, status), archived = COALESCE($4, archived), samples = COALESCE($7, samples), updated_at = $5, updated_by = $6
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, json(patch.name), patch.status ?? null, patch.archived ?? null, db.now(), actor, json(patch.samples)],
    );
    if (patch.archived !== undefined && patch.archived !== before.rows[0].archived) {
      await appendRelease(client, db.now(), { productId: id, action: patch.archived ? 'retire' : 'restore', version: null });
    }
    return toRecord(rows[0]);
  });
}
