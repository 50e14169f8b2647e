import { randomUUID } from 'node:crypto';
import type { FlowDocument } from '../../../server/engine/flow-document.ts';
import type { ReviewSimulation } from '../../../server/store/review-impact.ts';
import type { ApiKeyRecord, AuditEvent, ProductRecord, PublishedVersion, Review, Store, UserRecord } from '../../../server/store/store.ts';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * An in-memory {@link Store} for tests: the same contract as the lowdb store (revisions, immutable
 * versions numbered 1, 2, 3…, append-only audit), without a file. Returns copies, as a real store
 * returns fresh objects read from disk. `now` pins the clock.
 */
export class MemoryStore implements Store {
  private readonly products = new Map<string, ProductRecord>();
  private readonly versions = new Map<string, PublishedVersion[]>();
  private readonly reviews = new Map<string, Review>();
  private readonly audit: AuditEvent[] = [];
  private readonly users = new Map<string, UserRecord>();
  private readonly keys = new Map<string, ApiKeyRecord>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  async listProducts() {
    return [...this.products.values()].map(copy);
  }
  async getProduct(id: string) {
    const record = this.products.get(id);
    return record && copy(record);
  }

  async createProduct(record: Omit<ProductRecord, 'revision' | 'createdAt' | 'updatedAt'>, actor: string) {
    if (this.products.has(record.id)) throw new Error(`product ${record.id} exists`);
    const at = this.stamp();
    const created: ProductRecord = { ...copy(record), revision: 1, createdAt: at, updatedAt: at, updatedBy: actor };
    this.products.set(created.id, created);
    return copy(created);
  }

  async saveDraft(id: string, document: FlowDocument, expectedRevision: number, actor: string, hashAfter: string | null) {
    const record = this.products.get(id);
    if (!record) throw new Error(`no product ${id}`);
    if (record.revision !== expectedRevision) return { ok: false as const, currentRevision: record.revision };
    const saved: ProductRecord = { ...record, document: copy(document), revision: record.revision + 1, updatedAt: this.stamp(), updatedBy: actor };
    this.products.set(id, saved);
    await this.appendAudit({ actor, action: 'draft.save', productId: id, hashAfter, detail: { revision: saved.revision } });
    return { ok: true as const, record: copy(saved) };
  }

  async updateProduct(id: string, patch: Partial<Pick<ProductRecord, 'name' | 'status' | 'archived'>>, actor: string) {
    const record = this.products.get(id);
    if (!record) return undefined;
    const updated = { ...record, ...copy(patch), updatedAt: this.stamp(), updatedBy: actor };
    this.products.set(id, updated);
    return copy(updated);
  }

  async listVersions(productId: string) {
    return (this.versions.get(productId) ?? []).map(copy);
  }
  async getVersion(productId: string, version: number) {
    const found = this.versions.get(productId)?.find((v) => v.version === version);
    return found && copy(found);
  }
  async latestVersion(productId: string) {
    const list = this.versions.get(productId);
    return list?.length ? copy(list[list.length - 1]) : undefined;
  }
  async latestVersions() {
    return [...this.versions.values()].filter((list) => list.length > 0).map((list) => copy(list[list.length - 1]));
  }

  async publish(version: Omit<PublishedVersion, 'version' | 'publishedAt'>, actor: string) {
    const list = this.versions.get(version.productId) ?? [];
    const number = list.length + 1;
    const published: PublishedVersion = { ...copy(version), version: number, definition: { ...copy(version.definition), version: number }, publishedAt: this.stamp() };
    this.versions.set(version.productId, [...list, published]);
    const product = this.products.get(version.productId);
    if (product) this.products.set(product.id, { ...product, status: 'published' });
    await this.appendAudit({
      actor,
      action: 'version.publish',
      productId: version.productId,
      hashAfter: version.hash,
      detail: { version: number, reviewId: version.reviewId, channels: version.channels },
    });
    return copy(published);
  }

  async publishReview(reviewId: string, approval: { approvedBy: string; decisionComment?: string }) {
    const open = this.reviews.get(reviewId);
    if (open?.status !== 'open') return undefined;
    const before = await this.latestVersion(open.productId);
    const review = (await this.decideReview(reviewId, { status: 'approved', decidedBy: approval.approvedBy, ...(approval.decisionComment ? { decisionComment: approval.decisionComment } : {}) }))!;
    await this.appendAudit({
      actor: approval.approvedBy,
      action: 'review.approve',
      productId: review.productId,
      hashBefore: before?.hash ?? null,
      hashAfter: review.hash,
      detail: { reviewId, kind: review.kind },
    });
    const version = await this.publish(
      {
        productId: review.productId,
        hash: review.hash,
        definition: review.definition,
        document: review.document,
        channels: [...review.definition.product.channels],
        submittedBy: review.submittedBy,
        approvedBy: approval.approvedBy,
        reviewId,
      },
      approval.approvedBy,
    );
    return { review, version };
  }

  async createReview(review: Omit<Review, 'id' | 'submittedAt' | 'status'>) {
    const created: Review = { ...copy(review), id: randomUUID(), status: 'open', submittedAt: this.stamp() };
    this.reviews.set(created.id, created);
    return copy(created);
  }

  async getReview(id: string) {
    const review = this.reviews.get(id);
    return review && copy(review);
  }

  async listReviews(filter: { status?: Review['status']; productId?: string } = {}) {
    return [...this.reviews.values()].filter((r) => (!filter.status || r.status === filter.status) && (!filter.productId || r.productId === filter.productId)).map(copy);
  }

  async decideReview(id: string, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionComment?: string }) {
    const review = this.reviews.get(id);
    if (!review) return undefined;
    const decided: Review = { ...review, ...decision, decidedAt: this.stamp() };
    this.reviews.set(id, decided);
    return copy(decided);
  }

  async recordReviewSimulation(id: string, simulation: ReviewSimulation, expectedJob: string) {
    const review = this.reviews.get(id);
    if (review?.status !== 'open' || !review.impact?.simulation || review.impact.simulation.job !== expectedJob) return undefined;
    const recorded: Review = { ...review, impact: { ...review.impact, simulation: copy(simulation) } };
    this.reviews.set(id, recorded);
    return copy(recorded);
  }

  async appendAudit(event: Omit<AuditEvent, 'at' | 'seq'>) {
    const appended: AuditEvent = { ...copy(event), seq: this.audit.length + 1, at: this.stamp() };
    this.audit.push(appended);
    return copy(appended);
  }

  async listAudit(filter: { productId?: string } = {}) {
    return this.audit.filter((e) => !filter.productId || e.productId === filter.productId).map(copy);
  }
  async listUsers() {
    return [...this.users.values()].map(copy);
  }
  async getUser(username: string) {
    const user = this.users.get(username);
    return user && copy(user);
  }
  async putUser(user: UserRecord) {
    this.users.set(user.username, copy(user));
  }
  async listApiKeys() {
    return [...this.keys.values()].map(copy);
  }
  async findApiKeyByHash(keyHash: string) {
    const found = [...this.keys.values()].find((k) => k.keyHash === keyHash);
    return found && copy(found);
  }
  async putApiKey(key: ApiKeyRecord) {
    this.keys.set(key.id, copy(key));
  }
  async deleteApiKey(id: string) {
    return this.keys.delete(id);
  }
  async flush() {}
  async close() {}
}
