import type { StoreData } from '../lowdb-store.ts';
import * as audit from './audit.ts';
import { type Db, json, transaction } from './db.ts';
import * as products from './products.ts';
import * as reviews from './reviews.ts';
import * as users from './users.ts';
import * as versions from './versions.ts';

/** Everything in the database, in the embedded store's shape (`store.json`). */
export async function readAll(db: Db): Promise<StoreData> {
  const productList = await products.listProducts(db);
  const versionList = (await Promise.all(productList.map((product) => versions.listVersions(db.pool, product.id)))).flat();
  const userList = await users.listUsers(db);
  const auditList = await audit.listAudit(db);
  const sequence = await db.pool.query<{ last_value: number; is_called: boolean }>('SELECT last_value, is_called FROM review_numbers');
  return {
    products: productList,
    versions: versionList,
    reviews: await reviews.listReviews(db),
    audit: auditList,
    users: userList,
    apiKeys: await users.listApiKeys(db),
    nextSeq: (auditList.at(-1)?.seq ?? 0) + 1,
    nextReview: sequence.rows[0].is_called ? sequence.rows[0].last_value + 1 : sequence.rows[0].last_value,
  };
}

/**
 * Writes a whole snapshot into an EMPTY database in one transaction, keeping every id, number and
 * timestamp (audit sequence numbers, review ids, versions, revisions). Each row still passes the
 * tables' constraints, so a damaged backup is refused whole. Every version becomes a release, in
 * publishing order, so runtime replicas load the restored products; archived products are retired.
 */
export async function writeAll(db: Db, data: StoreData): Promise<void> {
  await transaction(db.pool, async (client) => {
    const { rows } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM audit_events) AS empty');
    if (!rows[0].empty) throw new Error('the target database is not empty: import restores into an empty store only');
    for (const p of data.products) {
      await client.query(
        `INSERT INTO products (id, name, kind, document, revision, status, archived, samples, created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [p.id, json(p.name), p.kind, json(p.document), p.revision, p.status, p.archived, json(p.samples), p.createdAt, p.updatedAt, p.updatedBy],
      );
    }
    for (const r of data.reviews) {
      // decided reviews are inserted decided (the trigger only guards updates)
      await client.query(
        `INSERT INTO reviews (id, product_id, kind, status, submitted_by, submitted_at, comment, document, definition, hash, base_version, rollback_of, decided_by, decided_at, decision_comment, impact)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [r.id, r.productId, r.kind, r.status, r.submittedBy, r.submittedAt, r.comment ?? null, json(r.document), json(r.definition), r.hash, r.baseVersion, r.rollbackOf ?? null, r.decidedBy ?? null, r.decidedAt ?? null, r.decisionComment ?? null, json(r.impact)],
      );
    }
    if (data.nextReview > 1) await client.query('SELECT setval($1, $2, true)', ['review_numbers', data.nextReview - 1]);
    const published = [...data.versions].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.version - b.version);
    for (const v of published) {
      await client.query(
        `INSERT INTO versions (product_id, version, hash, definition, document, channels, submitted_by, approved_by, review_id, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [v.productId, v.version, v.hash, json(v.definition), json(v.document), v.channels, v.submittedBy, v.approvedBy, v.reviewId, v.publishedAt],
      );
      await client.query(`INSERT INTO releases (product_id, action, version, at) VALUES ($1, 'publish', $2, $3)`, [v.productId, v.version, v.publishedAt]);
    }
    for (const p of data.products.filter((candidate) => candidate.archived)) {
      await client.query(`INSERT INTO releases (product_id, action, version, at) VALUES ($1, 'retire', NULL, $2)`, [p.id, p.updatedAt]);
    }
    for (const e of data.audit) {
      await client.query(
        `INSERT INTO audit_events (seq, at, actor, action, product_id, hash_before, hash_after, has_hash_before, has_hash_after, detail) OVERRIDING SYSTEM VALUE
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [e.seq, e.at, e.actor, e.action, e.productId ?? null, e.hashBefore ?? null, e.hashAfter ?? null, e.hashBefore !== undefined, e.hashAfter !== undefined, json(e.detail)],
      );
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('audit_events', 'seq'), $1, $2)`, [Math.max(1, data.nextSeq - 1), data.nextSeq > 1]);
    for (const u of data.users)
      await client.query('INSERT INTO users (username, display_name, roles, password_hash, disabled) VALUES ($1, $2, $3, $4, $5)', [
        u.username,
        u.displayName,
        u.roles,
        u.passwordHash,
        u.disabled ?? null,
      ]);
    for (const k of data.apiKeys)
      await client.query('INSERT INTO api_keys (id, channel, key_hash, created_at, created_by, scopes) VALUES ($1, $2, $3, $4, $5, $6)', [
        k.id,
        k.channel,
        k.keyHash,
        k.createdAt,
        k.createdBy,
        k.scopes ?? null,
      ]);
  });
}
