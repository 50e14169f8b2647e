import pg from 'pg';
import type { StoreData } from '../lowdb-store.ts';
import type { ReviewSimulation } from '../review-impact.ts';
import type { ApiKeyRecord, AuditEvent, ProductRecord, PublishedVersion, Review, Store, UserRecord } from '../store.ts';
import type { FlowDocument } from '../../engine/flow-document.ts';
import * as audit from './audit.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import * as products from './products.ts';
import * as releases from './releases.ts';
import * as reviews from './reviews.ts';
import * as snapshot from './snapshot.ts';
import * as users from './users.ts';
import * as versions from './versions.ts';

/** Empty, or seeding was started and never finished (a crash): either way the store is seeded at start. */
const EMPTY = "SELECT (NOT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM users)) OR EXISTS (SELECT 1 FROM store_meta WHERE key = 'seeding') AS empty";
/** Advisory lock id held while an empty database is seeded. */
const SEED_LOCK = 0x10a2b10e;

/** Options of {@link PgStore.open}. */
export interface PgStoreOptions {
  clock?: () => Date;
  max?: number; // pool size, default 10
  /** Called when an idle pooled connection fails (the database went away); the pool reconnects on the next query. */
  onError?: (error: Error) => void;
}

/**
 * The PostgreSQL store: the same {@link Store} contract as the embedded one, each table area in
 * its own module (products, reviews, versions and releases, audit, users and keys). Every mutating
 * call is one statement or one transaction, durable when its promise resolves (PostgreSQL's
 * commit). Several processes may share one database: revisions, open reviews and approvals are
 * decided by the database, not by process memory.
 */
export class PgStore implements Store {
  private readonly db: Db;

  private constructor(
    readonly pool: pg.Pool,
    readonly isNew: boolean,
    clock: () => Date,
  ) {
    this.db = { pool, now: () => clock().toISOString() };
  }

  /** Connects, applies pending migrations, and tells whether the database held no product and no user yet. */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
    pool.on('error', (error) => options.onError?.(error));
    try {
      await migrate(pool);
      const { rows } = await pool.query<{ empty: boolean }>(EMPTY);
      return new PgStore(pool, rows[0].empty, options.clock ?? (() => new Date()));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  listProducts = (): Promise<ProductRecord[]> => products.listProducts(this.db);
  getProduct = (id: string): Promise<ProductRecord | undefined> => products.getProduct(this.pool, id);
  createProduct = (record: Omit<ProductRecord, 'revision' | 'createdAt' | 'updatedAt'>, actor: string): Promise<ProductRecord> => products.createProduct(this.db, record, actor);
  saveDraft = (id: string, document: FlowDocument, expectedRevision: number, actor: string, hashAfter: string | null) => products.saveDraft(this.db, id, document, expectedRevision, actor, hashAfter);
  updateProduct = (id: string, patch: Partial<Pick<ProductRecord, 'name' | 'status' | 'archived' | 'samples'>>, actor: string) => products.updateProduct(this.db, id, patch, actor);

  listVersions = (productId: string): Promise<PublishedVersion[]> => versions.listVersions(this.pool, productId);
  getVersion = (productId: string, version: number): Promise<PublishedVersion | undefined> => versions.getVersion(this.pool, productId, version);
  latestVersion = (productId: string): Promise<PublishedVersion | undefined> => versions.latestVersion(this.pool, productId);
  latestVersions = (): Promise<PublishedVersion[]> => versions.latestVersions(this.pool);
  publish = (version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): Promise<PublishedVersion> => versions.publish(this.db, version, actor);
  publishReview = (reviewId: string, approval: { approvedBy: string; decisionComment?: string }) => versions.publishReview(this.db, reviewId, approval);

  createReview = (review: Omit<Review, 'id' | 'submittedAt' | 'status'>): Promise<Review> => reviews.createReview(this.db, review);
  getReview = (id: string): Promise<Review | undefined> => reviews.reviewIn(this.pool, id, false);
  listReviews = (filter?: { status?: Review['status']; productId?: string }): Promise<Review[]> => reviews.listReviews(this.db, filter);
  decideReview = (id: string, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionComment?: string }) => reviews.decideReview(this.db, id, decision);
  recordReviewSimulation = (id: string, simulation: ReviewSimulation, expectedJob: string) => reviews.recordReviewSimulation(this.db, id, simulation, expectedJob);

  appendAudit = (event: Omit<AuditEvent, 'at' | 'seq'>): Promise<AuditEvent> => audit.appendAudit(this.db, event);
  listAudit = (filter?: { productId?: string }): Promise<AuditEvent[]> => audit.listAudit(this.db, filter);

  listUsers = (): Promise<UserRecord[]> => users.listUsers(this.db);
  getUser = (username: string): Promise<UserRecord | undefined> => users.getUser(this.db, username);
  putUser = (user: UserRecord): Promise<void> => users.putUser(this.db, user);
  listApiKeys = (): Promise<ApiKeyRecord[]> => users.listApiKeys(this.db);
  findApiKeyByHash = (keyHash: string): Promise<ApiKeyRecord | undefined> => users.findApiKeyByHash(this.db, keyHash);
  putApiKey = (key: ApiKeyRecord): Promise<void> => users.putApiKey(this.db, key);
  deleteApiKey = (id: string): Promise<boolean> => users.deleteApiKey(this.db, id);

  /** Releases (publishes, retirements) after `seq`, oldest first: what a runtime replica applies. */
  releasesSince = (seq: number): Promise<releases.Release[]> => releases.releasesSince(this.pool, seq);
  /** The newest release sequence number (0 before the first). */
  latestRelease = (): Promise<number> => releases.latestRelease(this.pool);

  /**
   * Runs `seed` when the database holds no product and no user, at most once across processes that
   * start together on an empty database: they take turns on an advisory lock, and whoever comes
   * second finds the store no longer empty. A `seeding` mark is kept until `seed` resolves, so a
   * start after a crash during seeding seeds again (the seeding skips what exists). Resolves with
   * `seed`'s result, or undefined when skipped.
   */
  async seedOnce<T>(seed: () => Promise<T>): Promise<T | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      const { rows } = await client.query<{ empty: boolean }>(EMPTY);
      if (!rows[0].empty) return undefined;
      await client.query(`INSERT INTO store_meta (key, value) VALUES ('seeding', now()::text) ON CONFLICT (key) DO NOTHING`);
      const result = await seed();
      await client.query(`DELETE FROM store_meta WHERE key = 'seeding'`);
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  /** Everything in the store, in the embedded store's shape (for `npm run store -- export`). */
  readAll = (): Promise<StoreData> => snapshot.readAll(this.db);
  /** Restores a whole snapshot into this empty store, in one transaction (for `npm run store -- import`). */
  writeAll = (data: StoreData): Promise<void> => snapshot.writeAll(this.db, data);

  /** Every write is committed when its promise resolves; nothing is pending. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.pool.end();
  }
}
