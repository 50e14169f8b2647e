import path from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile } from './atomic-json-file.ts';
import { productView } from './damage.ts';
import { WriteQueue } from './write-queue.ts';
import type { ReviewSimulation } from './review-impact.ts';
import type { ApiKeyRecord, AuditEvent, ProductRecord, PublishedVersion, Review, Store, UserRecord } from './store.ts';

/** The shape of `<DATA_DIR>/store.json`. */
export interface StoreData {
  products: ProductRecord[];
  versions: PublishedVersion[];
  reviews: Review[];
  audit: AuditEvent[];
  users: UserRecord[];
  apiKeys: ApiKeyRecord[];
  nextSeq: number; // next audit sequence number
  nextReview: number; // next review number (ids are "r-<n>")
}

const emptyData = (): StoreData => ({ products: [], versions: [], reviews: [], audit: [], users: [], apiKeys: [], nextSeq: 1, nextReview: 1 });

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The embedded store: one JSON file under the data directory, held in memory.
 * A mutation changes memory synchronously (so checks like the revision test and the change are one
 * step), then waits for a write that started after it. Writes are serialized through one queue and
 * group-committed: mutations arriving while a write runs share the next write. A promise resolves
 * only when its change is on disk (temp file + fsync + rename). Reads return copies.
 */
export class LowdbStore implements Store {
  private readonly queue: WriteQueue;

  private constructor(
    private readonly db: Low<StoreData>,
    readonly file: string,
    readonly isNew: boolean,
    private readonly clock: () => Date,
  ) {
    this.queue = new WriteQueue(() => db.write());
  }

  /** Opens (or starts) `<dataDir>/store.json`; `isNew` tells whether the data directory was empty. */
  static async open(dataDir: string, clock: () => Date = () => new Date()): Promise<LowdbStore> {
    const file = path.join(dataDir, 'store.json');
    const adapter = new AtomicJsonFile<StoreData>(file);
    const existing = await adapter.read();
    const db = new Low<StoreData>(adapter, emptyData());
    if (existing) db.data = { ...emptyData(), ...existing };
    const store = new LowdbStore(db, file, existing === null, clock);
    if (!existing) await store.commit();
    return store;
  }

  private get data(): StoreData {
    return this.db.data;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Resolves when a write that includes every change made so far is on disk. */
  private commit(): Promise<void> {
    return this.queue.commit();
  }

  async flush(): Promise<void> {
    await this.queue.idle();
  }

  async close(): Promise<void> {
    await this.flush();
  }

  /** Everything in the store (for `npm run store -- export`). */
  async readAll(): Promise<StoreData> {
    return copy(this.data);
  }

  /** Restores a whole snapshot into this empty store, in one write (for `npm run store -- import`). */
  async writeAll(data: StoreData): Promise<void> {
    const current = this.data;
    if (current.products.length || current.users.length || current.audit.length) throw new Error('the target store is not empty: import restores into an empty store only');
    this.db.data = { ...emptyData(), ...copy(data) };
    await this.commit();
  }

  // products and drafts
  async listProducts(): Promise<ProductRecord[]> {
    return this.data.products.map(productView); // one damaged record reads as damaged, the others as they are
  }

  async getProduct(id: string): Promise<ProductRecord | undefined> {
    const found = this.data.products.find((product) => product.id === id);
    return found && productView(found);
  }

  async createProduct(record: Omit<ProductRecord, 'revision' | 'createdAt' | 'updatedAt'>, actor: string): Promise<ProductRecord> {
    if (this.data.products.some((product) => product.id === record.id)) throw new Error(`product ${record.id} exists`);
    const at = this.now();
    const created: ProductRecord = { ...copy(record), revision: 1, createdAt: at, updatedAt: at, updatedBy: actor };
    this.data.products.push(created);
    await this.commit();
    return copy(created);
  }

  async saveDraft(id: string, document: ProductRecord['document'], expectedRevision: number, actor: string, hashAfter: string | null) {
    const product = this.data.products.find((candidate) => candidate.id === id);
    if (!product) throw new Error(`product ${id} not found`);
    if (product.revision !== expectedRevision) return { ok: false as const, currentRevision: product.revision };
    product.document = copy(document);
    product.revision += 1;
    product.updatedAt = this.now();
    product.updatedBy = actor;
    this.pushAudit({ actor, action: 'draft.save', productId: id, hashAfter, detail: { revision: product.revision } });
    await this.commit();
    return { ok: true as const, record: productView(product) };
  }

  async updateProduct(id: string, patch: Partial<Pick<ProductRecord, 'name' | 'status' | 'archived' | 'samples'>>, actor: string): Promise<ProductRecord | undefined> {
    const product = this.data.products.find((candidate) => candidate.id === id);
    if (!product) return undefined;
    Object.assign(product, copy(patch), { updatedAt: this.now(), updatedBy: actor });
    await this.commit();
    return productView(product);
  }

  // published versions
  async listVersions(productId: string): Promise<PublishedVersion[]> {
    return copy(this.data.versions.filter((version) => version.productId === productId).sort((a, b) => a.version - b.version));
  }

  async getVersion(productId: string, version: number): Promise<PublishedVersion | undefined> {
    const found = this.data.versions.find((candidate) => candidate.productId === productId && candidate.version === version);
    return found && copy(found);
  }

  async latestVersion(productId: string): Promise<PublishedVersion | undefined> {
    return (await this.listVersions(productId)).at(-1);
  }

  async latestVersions(): Promise<PublishedVersion[]> {
    const latest = new Map<string, PublishedVersion>();
    for (const version of this.data.versions) {
      const seen = latest.get(version.productId);
      if (!seen || seen.version < version.version) latest.set(version.productId, version);
    }
    return copy([...latest.values()]);
  }

  /** Numbers the version N+1 and writes N into the definition too (a published definition knows its version). */
  async publish(version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): Promise<PublishedVersion> {
    const published = this.pushVersion(version, actor);
    await this.commit();
    return copy(published);
  }

  async publishReview(reviewId: string, approval: { approvedBy: string; decisionComment?: string }): Promise<{ review: Review; version: PublishedVersion } | undefined> {
    const review = this.data.reviews.find((candidate) => candidate.id === reviewId);
    if (!review || review.status !== 'open') return undefined;
    // every change below happens in memory in one synchronous step and reaches the disk in one write
    const before = this.latestOf(review.productId);
    Object.assign(review, { status: 'approved', decidedBy: approval.approvedBy, decidedAt: this.now() }, approval.decisionComment ? { decisionComment: approval.decisionComment } : {});
    this.pushAudit({
      actor: approval.approvedBy,
      action: 'review.approve',
      productId: review.productId,
      hashBefore: before?.hash ?? null,
      hashAfter: review.hash,
      detail: { reviewId: review.id, kind: review.kind },
    });
    const published = this.pushVersion(
      {
        productId: review.productId,
        hash: review.hash,
        definition: review.definition,
        document: review.document,
        channels: [...review.definition.product.channels],
        submittedBy: review.submittedBy,
        approvedBy: approval.approvedBy,
        reviewId: review.id,
      },
      approval.approvedBy,
    );
    await this.commit();
    return { review: copy(review), version: copy(published) };
  }

  private latestOf(productId: string): PublishedVersion | undefined {
    let latest: PublishedVersion | undefined;
    for (const version of this.data.versions) if (version.productId === productId && (!latest || latest.version < version.version)) latest = version;
    return latest;
  }

  private pushVersion(version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string): PublishedVersion {
    const number = Math.max(0, ...this.data.versions.filter((v) => v.productId === version.productId).map((v) => v.version)) + 1;
    const published: PublishedVersion = { ...copy(version), version: number, publishedAt: this.now() };
    published.definition.version = number;
    this.data.versions.push(published);
    const product = this.data.products.find((candidate) => candidate.id === version.productId);
    if (product) product.status = 'published';
    this.pushAudit({ actor, action: 'version.publish', productId: version.productId, hashAfter: version.hash, detail: { version: number, reviewId: version.reviewId, channels: version.channels } });
    return published;
  }

  // reviews
  async createReview(review: Omit<Review, 'id' | 'submittedAt' | 'status'>): Promise<Review> {
    const created: Review = { ...copy(review), id: `r-${this.data.nextReview++}`, status: 'open', submittedAt: this.now() };
    this.data.reviews.push(created);
    await this.commit();
    return copy(created);
  }

  async getReview(id: string): Promise<Review | undefined> {
    const found = this.data.reviews.find((review) => review.id === id);
    return found && copy(found);
  }

  async listReviews(filter: { status?: Review['status']; productId?: string } = {}): Promise<Review[]> {
    return copy(this.data.reviews.filter((review) => (!filter.status || review.status === filter.status) && (!filter.productId || review.productId === filter.productId)));
  }

  async decideReview(id: string, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionComment?: string }): Promise<Review | undefined> {
    const review = this.data.reviews.find((candidate) => candidate.id === id);
    if (!review || review.status !== 'open') return undefined;
    Object.assign(review, copy(decision), { decidedAt: this.now() });
    await this.commit();
    return copy(review);
  }

  async recordReviewSimulation(id: string, simulation: ReviewSimulation, expectedJob: string): Promise<Review | undefined> {
    const review = this.data.reviews.find((candidate) => candidate.id === id);
    const current = review?.impact?.simulation;
    if (review?.status !== 'open' || !review.impact || current?.job !== expectedJob) return undefined;
    review.impact.simulation = copy(simulation);
    await this.commit();
    return copy(review);
  }

  // audit
  private pushAudit(event: Omit<AuditEvent, 'at' | 'seq'>): AuditEvent {
    const stored: AuditEvent = { seq: this.data.nextSeq++, at: this.now(), ...copy(event) };
    this.data.audit.push(stored);
    return stored;
  }

  async appendAudit(event: Omit<AuditEvent, 'at' | 'seq'>): Promise<AuditEvent> {
    const stored = this.pushAudit(event);
    await this.commit();
    return copy(stored);
  }

  async listAudit(filter: { productId?: string } = {}): Promise<AuditEvent[]> {
    return copy(this.data.audit.filter((event) => !filter.productId || event.productId === filter.productId));
  }

  // users and channel keys
  async listUsers(): Promise<UserRecord[]> {
    return copy(this.data.users);
  }

  async getUser(username: string): Promise<UserRecord | undefined> {
    const found = this.data.users.find((user) => user.username === username);
    return found && copy(found);
  }

  async putUser(user: UserRecord): Promise<void> {
    this.data.users = [...this.data.users.filter((existing) => existing.username !== user.username), copy(user)];
    await this.commit();
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return copy(this.data.apiKeys);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const found = this.data.apiKeys.find((key) => key.keyHash === keyHash);
    return found && copy(found);
  }

  async putApiKey(key: ApiKeyRecord): Promise<void> {
    this.data.apiKeys = [...this.data.apiKeys.filter((existing) => existing.id !== key.id), copy(key)];
    await this.commit();
  }

  async deleteApiKey(id: string): Promise<boolean> {
    const before = this.data.apiKeys.length;
    this.data.apiKeys = this.data.apiKeys.filter((key) => key.id !== id);
    if (this.data.apiKeys.length === before) return false;
    await this.commit();
    return true;
  }
}
