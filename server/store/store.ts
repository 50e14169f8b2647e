import type { FlowDocument } from '../engine/flow-document.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';

/**
 * The embedded store's contract (lowdb JSON file by default; a PostgreSQL adapter would implement
 * the same interface). Every mutating call is atomic and durable when its promise resolves.
 */
export interface Store {
  // products and drafts
  listProducts(): Promise<ProductRecord[]>;
  getProduct(id: string): Promise<ProductRecord | undefined>;
  createProduct(record: Omit<ProductRecord, 'revision' | 'createdAt' | 'updatedAt'>, actor: string): Promise<ProductRecord>;
  /** Saves a draft when `expectedRevision` is current; otherwise returns the conflict and writes nothing. */
  saveDraft(id: string, document: FlowDocument, expectedRevision: number, actor: string, hashAfter: string | null): Promise<{ ok: true; record: ProductRecord } | { ok: false; currentRevision: number }>;
  updateProduct(id: string, patch: Partial<Pick<ProductRecord, 'name' | 'status' | 'archived'>>, actor: string): Promise<ProductRecord | undefined>;
  // published versions (immutable)
  listVersions(productId: string): Promise<PublishedVersion[]>;
  getVersion(productId: string, version: number): Promise<PublishedVersion | undefined>;
  latestVersion(productId: string): Promise<PublishedVersion | undefined>;
  /** Every product's latest published version (the channel runtime loads these at start-up). */
  latestVersions(): Promise<PublishedVersion[]>;
  publish(version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): Promise<PublishedVersion>;
  // reviews
  createReview(review: Omit<Review, 'id' | 'submittedAt' | 'status'>): Promise<Review>;
  getReview(id: string): Promise<Review | undefined>;
  listReviews(filter?: { status?: Review['status']; productId?: string }): Promise<Review[]>;
  decideReview(id: string, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionComment?: string }): Promise<Review | undefined>;
  // audit (append-only)
  appendAudit(event: Omit<AuditEvent, 'at' | 'seq'>): Promise<AuditEvent>;
  listAudit(filter?: { productId?: string }): Promise<AuditEvent[]>;
  // users and channel keys
  getUser(username: string): Promise<UserRecord | undefined>;
  putUser(user: UserRecord): Promise<void>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  putApiKey(key: ApiKeyRecord): Promise<void>;
  deleteApiKey(id: string): Promise<boolean>;
  /** Resolves when pending writes are on disk; used by graceful shutdown. */
  flush(): Promise<void>;
}

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
  kind: 'publish' | 'rollback';
  status: 'open' | 'approved' | 'rejected';
  submittedBy: string;
  submittedAt: string;
  comment?: string;
  document: FlowDocument; // what will be published
  definition: ProductDefinition; // compiled at submission
  hash: string;
  baseVersion: number | null; // latest published version at submission
  rollbackOf?: number;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
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
}

export interface ApiKeyRecord {
  id: string;
  channel: string; // app, mini-program, branch, pad, partner
  keyHash: string; // sha256 hex of the key; the key itself is never stored
  createdAt: string;
  createdBy: string;
}
