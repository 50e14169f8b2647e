import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';
import { sampleFlow } from './fixtures.ts';

/** A store under test that can be opened again on the same data (a restart). */
export type OpenedStore = Store & { readonly isNew: boolean };

/** How a suite gets a fresh, empty store and reopens the same data. */
export interface StoreFactory {
  /** An empty store of its own (a temp dir, a fresh database). */
  fresh(): Promise<OpenedStore>;
  /** The same data opened again, as a restarted process would. */
  reopen(store: OpenedStore): Promise<OpenedStore>;
}

const record = (id: string) => ({ id, name: { 'zh-CN': id, en: id }, kind: 'consumption', document: sampleFlow(id), status: 'draft' as const, archived: false, samples: [], updatedBy: 'author' });

const definitionOf = (hash: string) => ({ hash, version: null, product: { channels: ['app'] } }) as never;

/**
 * The contract every {@link Store} keeps, run unchanged against the embedded lowdb store and
 * PostgreSQL (test/server/store.test.ts). The first five are the lowdb store's original tests.
 */
export function storeConformance(name: string, factory: StoreFactory): void {
  describe(`${name} store: the Store contract`, () => {
    it('reports a new data directory once and keeps every acknowledged write across a reopen', async () => {
      const store = await factory.fresh();
      expect(store.isNew).toBe(true);
      await Promise.all(Array.from({ length: 50 }, (_, index) => store.createProduct(record(`p-${index}`), 'author')));
      const reopened = await factory.reopen(store);
      expect(reopened.isNew).toBe(false);
      expect((await reopened.listProducts()).length).toBe(50);
    });

    it('writes nothing on a stale revision and returns the current one', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      const first = await store.saveDraft('p', sampleFlow('p'), 1, 'author', null);
      const second = await store.saveDraft('p', { ...sampleFlow('p'), links: [] }, 1, 'author', null);
      expect(first.ok).toBe(true);
      expect(second).toEqual({ ok: false, currentRevision: 2 });
      expect((await store.getProduct('p'))!.document.links).toHaveLength(4);
    });

    it('numbers published versions per product and writes the number into the definition', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author'); // a version belongs to a product (PostgreSQL's foreign key)
      const definition = definitionOf('sha256:x');
      const version = { productId: 'p', hash: 'sha256:x', definition, document: sampleFlow('p'), channels: ['app'], submittedBy: 'a', approvedBy: 'b', reviewId: 'r-1' };
      expect((await store.publish(version, 'b')).version).toBe(1);
      const second = await store.publish(version, 'b');
      expect(second.version).toBe(2);
      expect(second.definition.version).toBe(2);
      expect((await store.getVersion('p', 1))!.definition.version).toBe(1);
      expect((await store.latestVersions()).map((v) => v.version)).toEqual([2]);
    });

    it('returns copies, so a caller cannot change stored data by mutating a result', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      const read = (await store.getProduct('p'))!;
      read.name.en = 'changed';
      expect((await store.getProduct('p'))!.name.en).toBe('p');
    });

    it('numbers concurrent audit events 1, 2, 3… without gaps', async () => {
      const store = await factory.fresh();
      await Promise.all(Array.from({ length: 20 }, (_, index) => store.appendAudit({ actor: 'a', action: `x.${index}` })));
      await store.flush();
      expect((await store.listAudit()).map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    });

    it('keeps audit events as appended: an absent hash stays absent, a null one null', async () => {
      const store = await factory.fresh();
      await store.appendAudit({ actor: 'a', action: 'x.one', productId: 'p', hashBefore: null, hashAfter: 'sha256:a', detail: { n: 1 } });
      await store.appendAudit({ actor: 'a', action: 'x.two' });
      const [one, two] = await store.listAudit();
      expect(one).toMatchObject({ seq: 1, actor: 'a', action: 'x.one', productId: 'p', hashBefore: null, hashAfter: 'sha256:a', detail: { n: 1 } });
      expect(Object.keys(two).sort()).toEqual(['action', 'actor', 'at', 'seq']);
      expect((await store.listAudit({ productId: 'p' })).map((event) => event.action)).toEqual(['x.one']);
    });

    it('approves and publishes a review in one step; a second approval of the same review gets nothing', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      const review = await store.createReview({
        productId: 'p',
        kind: 'publish',
        submittedBy: 'author',
        document: sampleFlow('p'),
        definition: definitionOf('sha256:y'),
        hash: 'sha256:y',
        baseVersion: null,
      });
      expect(review).toMatchObject({ status: 'open', productId: 'p' });
      const [first, second] = await Promise.all([store.publishReview(review.id, { approvedBy: 'approver' }), store.publishReview(review.id, { approvedBy: 'approver2', decisionComment: 'me too' })]);
      const winners = [first, second].filter(Boolean);
      expect(winners).toHaveLength(1);
      const won = winners[0]!;
      expect(won.review).toMatchObject({ id: review.id, status: 'approved' });
      expect(won.version).toMatchObject({ productId: 'p', version: 1, hash: 'sha256:y', reviewId: review.id, channels: ['app'] });
      expect((await store.listVersions('p')).map((version) => version.version)).toEqual([1]);
      expect((await store.getProduct('p'))!.status).toBe('published');
      expect((await store.listAudit({ productId: 'p' })).map((event) => event.action)).toEqual(['review.approve', 'version.publish']);
      expect(await store.publishReview('r-unknown', { approvedBy: 'approver' })).toBeUndefined();
    });

    it('decides a review once; lists reviews by status and product', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      await store.createProduct(record('q'), 'author');
      const review = await store.createReview({
        productId: 'p',
        kind: 'publish',
        submittedBy: 'author',
        comment: 'please',
        document: sampleFlow('p'),
        definition: definitionOf('sha256:z'),
        hash: 'sha256:z',
        baseVersion: null,
      });
      await store.createReview({ productId: 'q', kind: 'publish', submittedBy: 'author', document: sampleFlow('q'), definition: definitionOf('sha256:w'), hash: 'sha256:w', baseVersion: null });
      expect(await store.getReview(review.id)).toMatchObject({ comment: 'please', baseVersion: null });
      expect((await store.decideReview(review.id, { status: 'rejected', decidedBy: 'approver', decisionComment: 'no' }))!.status).toBe('rejected');
      expect(await store.decideReview(review.id, { status: 'approved', decidedBy: 'approver2' })).toBeUndefined();
      expect((await store.listReviews({ status: 'open' })).map((r) => r.productId)).toEqual(['q']);
      expect((await store.listReviews({ productId: 'p' })).map((r) => r.status)).toEqual(['rejected']);
    });

    it('keeps users and channel keys, found by name and by key hash', async () => {
      const store = await factory.fresh();
      await store.putUser({ username: 'u', displayName: 'U', roles: ['author'], passwordHash: 'scrypt$1$a$b' });
      await store.putUser({ username: 'u', displayName: 'U2', roles: ['author', 'approver'], passwordHash: 'scrypt$1$a$c' });
      expect(await store.getUser('u')).toEqual({ username: 'u', displayName: 'U2', roles: ['author', 'approver'], passwordHash: 'scrypt$1$a$c' });
      expect(await store.getUser('nobody')).toBeUndefined();
      await store.putUser({ username: 'd', displayName: 'D', roles: ['approver'], passwordHash: 'scrypt$1$a$d', disabled: true });
      expect((await store.listUsers()).map((user) => [user.username, user.disabled]).sort()).toEqual([
        ['d', true],
        ['u', undefined],
      ]);
      const key = { id: 'k1', channel: 'app', keyHash: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'admin' };
      await store.putApiKey(key);
      expect(await store.findApiKeyByHash('a'.repeat(64))).toEqual(key);
      expect(await store.listApiKeys()).toEqual([key]);
      const scoped = { ...key, id: 'k2', keyHash: 'c'.repeat(64), scopes: ['definition:read'] };
      await store.putApiKey(scoped);
      expect(await store.findApiKeyByHash('c'.repeat(64))).toEqual(scoped);
      expect(await store.deleteApiKey('k2')).toBe(true);
      expect(await store.deleteApiKey('k1')).toBe(true);
      expect(await store.deleteApiKey('k1')).toBe(false);
      expect(await store.findApiKeyByHash('a'.repeat(64))).toBeUndefined();
    });

    it('updates a product’s name, status and archived flag without touching its revision', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      const updated = (await store.updateProduct('p', { archived: true, status: 'in-review' }, 'admin'))!;
      expect(updated).toMatchObject({ archived: true, status: 'in-review', revision: 1, updatedBy: 'admin' });
      expect(await store.updateProduct('missing', { archived: true }, 'admin')).toBeUndefined();
    });

    it('keeps a review’s impact and a product’s test cases across a reopen (#16)', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      const testCase = { id: 'c1', title: { 'zh-CN': '用例', en: 'Case' }, application: { applicant: { age: 30 } }, request: { asOf: '2026-11-22' }, expected: { outcome: 'approve' } };
      await store.updateProduct('p', { samples: [testCase] }, 'author');
      const impact = {
        suite: {
          cases: 1,
          passed: 0,
          failed: 1,
          failing: [],
          coverage: { blocks: { total: 5, reached: 5 }, ports: { total: 4, reached: 4 }, rules: { total: 0, reached: 0 }, rows: { total: 0, reached: 0 } },
        },
        suiteFailureReason: 'policy change',
        simulationSkipped: 'no-portfolio' as const,
      };
      const review = await store.createReview({
        productId: 'p',
        kind: 'publish',
        submittedBy: 'author',
        document: sampleFlow('p'),
        definition: definitionOf('sha256:i'),
        hash: 'sha256:i',
        baseVersion: null,
        impact,
      });
      await store.createProduct(record('q'), 'author');
      const plain = await store.createReview({
        productId: 'q',
        kind: 'publish',
        submittedBy: 'author',
        document: sampleFlow('q'),
        definition: definitionOf('sha256:j'),
        hash: 'sha256:j',
        baseVersion: null,
      });
      const reopened = await factory.reopen(store);
      expect((await reopened.getProduct('p'))!.samples).toEqual([testCase]);
      expect((await reopened.getReview(review.id))!.impact).toEqual(impact);
      expect('impact' in (await reopened.getReview(plain.id))!).toBe(false);
    });

    it('records how a review’s simulation ended only while the review still carries that job (#16)', async () => {
      const store = await factory.fresh();
      await store.createProduct(record('p'), 'author');
      const portfolio = { hash: 'sha256:p', name: '客群', rows: 3 };
      const suite = {
        cases: 0,
        passed: 0,
        failed: 0,
        failing: [],
        coverage: { blocks: { total: 1, reached: 1 }, ports: { total: 0, reached: 0 }, rules: { total: 0, reached: 0 }, rows: { total: 0, reached: 0 } },
      };
      const review = await store.createReview({
        productId: 'p',
        kind: 'publish',
        submittedBy: 'author',
        document: sampleFlow('p'),
        definition: definitionOf('sha256:k'),
        hash: 'sha256:k',
        baseVersion: 1,
        impact: { suite, simulation: { status: 'running', job: 'job-1', portfolio, against: 1 } },
      });
      const cancelled = { status: 'cancelled' as const, job: 'job-1', portfolio, against: 1 };
      expect((await store.recordReviewSimulation(review.id, cancelled, 'job-1'))!.impact).toEqual({ suite, simulation: cancelled });
      const rerun = { status: 'running' as const, job: 'job-2', portfolio, against: 1 };
      expect(await store.recordReviewSimulation(review.id, rerun, 'job-1')).toBeDefined();
      // the first job's late end, and a second re-run from the same state, write nothing
      expect(await store.recordReviewSimulation(review.id, { ...cancelled, status: 'failed', error: 'late' }, 'job-1')).toBeUndefined();
      expect(await store.recordReviewSimulation(review.id, { ...rerun, job: 'job-3' }, 'job-1')).toBeUndefined();
      const done = {
        status: 'done' as const,
        job: 'job-2',
        portfolio,
        against: 1,
        report: 'sha256:r',
        outcomes: { before: { approve: 2, decline: 1 }, after: { approve: 1, decline: 2 } },
        changed: 1,
        badRows: 0,
      };
      expect((await store.recordReviewSimulation(review.id, done, 'job-2'))!.impact).toEqual({ suite, simulation: done });
      expect(await store.recordReviewSimulation('r-unknown', done, 'job-2')).toBeUndefined();
      // a decided review never changes again
      await store.decideReview(review.id, { status: 'rejected', decidedBy: 'approver', decisionComment: 'no' });
      expect(await store.recordReviewSimulation(review.id, { ...rerun, job: 'job-4' }, 'job-2')).toBeUndefined();
      const reopened = await factory.reopen(store);
      expect((await reopened.getReview(review.id))!.impact).toEqual({ suite, simulation: done });
    });
  });
}
