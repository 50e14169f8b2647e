import type { ReviewImpact, ReviewSimulation } from './review-impact.ts';
import type { FlowDocument } from '../engine/flow-document.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';

/**
 * The store's contract, implemented by the embedded lowdb JSON file (the default) and by PostgreSQL
 * (`DATABASE_URL`, server/store/postgres/). Every mutating call is atomic and durable when its
 * promise resolves; test/server/store-conformance.ts runs the same tests against both.
 */
export interface Store {
  // products and drafts
  listProducts(): Promise<ProductRecord[]>;
  getProduct(id: string): Promise<ProductRecord | undefined>;
  createProduct(record: Omit<ProductRecord, 'revision' | 'createdAt' | 'updatedAt'>, actor: string): Promise<ProductRecord>;
  /**
   * Saves a draft when `expectedRevision` is current; otherwise returns the conflict and writes nothing.
   * A save appends a `draft.save` audit event by `actor` in the same write: the four-eyes rule reads
   * those events to know who edited the draft since the last publish.
   */
  saveDraft(
    id: string,
    document: FlowDocument,
    expectedRevision: number,
    actor: string,
    hashAfter: string | null,
  ): Promise<{ ok: true; record: ProductRecord } | { ok: false; currentRevision: number }>;
  updateProduct(id: string, patch: Partial<Pick<ProductRecord, 'name' | 'status' | 'archived' | 'samples'>>, actor: string): Promise<ProductRecord | undefined>;
  // published versions (immutable)
  listVersions(productId: string): Promise<PublishedVersion[]>;
  getVersion(productId: string, version: number): Promise<PublishedVersion | undefined>;
  latestVersion(productId: string): Promise<PublishedVersion | undefined>;
  /** Every product's latest published version (the channel runtime loads these at start-up). */
  latestVersions(): Promise<PublishedVersion[]>;
  publish(version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): Promise<PublishedVersion>;
  /**
   * Approves an open review and publishes what it carries as the product's next version, in one
   * atomic step: the review's approval, the `review.approve` and `version.publish` audit events, the
   * version, the product's status (and, in PostgreSQL, the notice to runtime replicas) commit
   * together or not at all. Undefined when the review is unknown or no longer open: of two
   * concurrent approvals exactly one gets the version.
   */
  publishReview(reviewId: string, approval: { approvedBy: string; decisionComment?: string }): Promise<{ review: Review; version: PublishedVersion } | undefined>;
  // reviews
  createReview(review: Omit<Review, 'id' | 'submittedAt' | 'status'>): Promise<Review>;
  getReview(id: string): Promise<Review | undefined>;
  listReviews(filter?: { status?: Review['status']; productId?: string }): Promise<Review[]>;
  decideReview(id: string, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionComment?: string }): Promise<Review | undefined>;
  /**
   * Replaces an open review's `impact.simulation` (a running job's summary, failure or cancel; a
   * re-run) when the simulation it carries now belongs to job `expectedJob` — a compare-and-set, so
   * the late end of a job that was re-run since writes nothing. A decided review never changes (the
   * audit log records how its simulation ended). Undefined when the review is unknown, decided, has
   * no impact or no longer carries that job.
   */
  recordReviewSimulation(id: string, simulation: ReviewSimulation, expectedJob: string): Promise<Review | undefined>;
  // audit (append-only)
  appendAudit(event: Omit<AuditEvent, 'at' | 'seq'>): Promise<AuditEvent>;
  listAudit(filter?: { productId?: string }): Promise<AuditEvent[]>;
  // users and channel keys
  /** Every user (with password hashes; routes strip them). */
  listUsers(): Promise<UserRecord[]>;
  getUser(username: string): Promise<UserRecord | undefined>;
  /** Creates or replaces the user with this username. */
  putUser(user: UserRecord): Promise<void>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  putApiKey(key: ApiKeyRecord): Promise<void>;
  deleteApiKey(id: string): Promise<boolean>;
  /** Resolves when pending writes are on disk; used by graceful shutdown. */
  flush(): Promise<void>;
  /** Flushes and releases the store's files or connections. */
  close(): Promise<void>;
}

export { StoreConflict } from './store-conflict.ts';

export interface ProductRecord {
  id: string;
  name: { 'zh-CN': string; en: string };
  kind: string;
  document: FlowDocument; // the current draft
  revision: number; // increments on every save
  status: 'draft' | 'in-review' | 'published';
  archived: boolean;
  samples: SampleApplication[]; // stored sample applications (from the example folder)
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  damage?: string; // set on reads of a stored record the server cannot use (server/store/damage.ts): what is wrong; its draft reads as empty
}

export interface SampleApplication {
  id: string;
  title: { 'zh-CN': string; en: string };
  application: Record<string, unknown>;
  request: { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf?: string; channel?: string };
  expected?: Record<string, unknown>;
}

export interface PublishedVersion {
  productId: string;
  version: number; // 1, 2, 3…
  hash: string; // definition hash
  definition: ProductDefinition; // immutable compiled definition, version filled in
  document: FlowDocument; // flow snapshot it was compiled from
  channels: string[];
  submittedBy: string;
  approvedBy: string;
  reviewId: string;
  publishedAt: string;
}

export interface Review {
  id: string;
  productId: string;
  kind: 'publish' | 'rollback' | 'archive'; // archive: approval withdraws the published product from every channel
  status: 'open' | 'approved' | 'rejected';
  submittedBy: string;
  submittedAt: string;
  comment?: string;
  document: FlowDocument; // what will be published (archive: the version being withdrawn)
  definition: ProductDefinition; // compiled at submission (archive: the version being withdrawn)
  hash: string;
  baseVersion: number | null; // latest published version at submission
  rollbackOf?: number;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  impact?: ReviewImpact; // suite result and portfolio simulation summary at submission (the report itself is a file, by hash)
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string; // product.create, draft.save, review.submit, review.approve, version.publish, …
  productId?: string;
  hashBefore?: string | null;
  hashAfter?: string | null;
  detail?: Record<string, unknown>;
}

export interface UserRecord {
  username: string;
  displayName: string;
  roles: ('author' | 'approver' | 'admin')[];
  passwordHash: string; // scrypt$<N>$<salt b64>$<hash b64>
  disabled?: boolean; // a disabled user cannot sign in and their sessions end; absent = enabled
}

export interface ApiKeyRecord {
  id: string;
  channel: string; // app, mini-program, branch, pad, partner
  keyHash: string; // sha256 hex of the key; the key itself is never stored
  createdAt: string;
  createdBy: string;
  scopes?: string[]; // extra rights beyond the product card and decisions: 'definition:read' (the full compiled definition)
}
