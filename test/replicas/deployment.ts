import { consumerFlow } from '../channel/real-product.ts';
import { signIn, spawnServer, type SpawnedServer } from '../server/spawn-server.ts';

/** The demo app channel key every seeded store has. */
export const APP_KEY = 'demo-app-key';

/** The rate version `n` of the test product is published with: 4.05 %, 4.10 %, … (two decimals). */
export const rateOf = (version: number): string => (4 + version * 0.05).toFixed(2);

/** Starts one process of a deployment on PostgreSQL: `all` (authoring) or `runtime` (replica). */
export function startProcess(url: string, role: 'all' | 'runtime', extra: Record<string, string> = {}): Promise<SpawnedServer> {
  return spawnServer({ DATABASE_URL: url, SERVER_ROLE: role, DECISION_THREADS: '0', RELEASE_POLL_MS: '1000', ...extra });
}

/** An author and an approver signed in to one authoring process, publishing new versions of one product through the studio API. */
export class Publisher {
  private revision = 1;

  private constructor(
    private readonly base: string,
    private readonly author: string,
    private readonly approver: string,
    readonly productId: string,
  ) {}

  static async create(base: string, productId: string): Promise<Publisher> {
    const publisher = new Publisher(base, await signIn(base, 'author', 'author-demo-pass'), await signIn(base, 'approver', 'approver-demo-pass'), productId);
    const created = await publisher.call(publisher.author, 'POST', '/api/studio/products', { from: 'empty', id: productId, name: { 'zh-CN': '副本贷', en: 'Replica loan' } });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
    return publisher;
  }

  call(cookie: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${url}`, { method, headers: { 'content-type': 'application/json', cookie, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }

  /**
   * Saves the draft with `rateOf(version)`, submits it and approves it. Resolves with the moment
   * the approval was sent, answered, and the version's publishedAt (stamped in the publishing
   * transaction, just before its commit).
   */
  async publish(version: number): Promise<{ sentAt: number; answeredAt: number; publishedAt: number; version: number; hash: string }> {
    const document = consumerFlow({ rate: rateOf(version), channels: ['app'], productId: this.productId });
    const saved = await this.call(this.author, 'PUT', `/api/studio/products/${this.productId}/draft`, { document }, { 'if-match': `"${this.revision}"` });
    if (saved.status !== 200) throw new Error(`save: ${saved.status} ${await saved.text()}`);
    this.revision = ((await saved.json()) as { revision: number }).revision;
    const submitted = await this.call(this.author, 'POST', `/api/studio/products/${this.productId}/submit`, {});
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${await submitted.text()}`);
    const review = (await submitted.json()) as { id: string };
    const sentAt = performance.now();
    const approved = await this.call(this.approver, 'POST', `/api/studio/reviews/${review.id}/approve`, {});
    if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${await approved.text()}`);
    const answer = (await approved.json()) as { version: { version: number; hash: string; publishedAt: string } };
    return { sentAt, answeredAt: performance.now(), publishedAt: Date.parse(answer.version.publishedAt), version: answer.version.version, hash: answer.version.hash };
  }
}

/** One decision answer as the load generator saw it. */
export interface Answer {
  replica: number;
  at: number; // performance.now() when the answer arrived
  wall: number; // Date.now() then (to compare with a version's publishedAt, stamped by the authoring process on this machine)
  status: number;
  version?: number;
  hash?: string;
  rate?: string;
  error?: string;
}

/** Decision requests in closed loops (`concurrency` per replica) until stopped; every answer is kept. */
export class Load {
  readonly answers: Answer[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly productId: string) {}

  start(replica: number, base: string, concurrency: number): void {
    const body = JSON.stringify({ application: { applicant: { age: 30, monthlyIncome: 8000 } }, requestedAmount: '50000', termMonths: 12, asOf: '2025-06-01' });
    for (let loop = 0; loop < concurrency; loop += 1) {
      this.loops.push(
        (async () => {
          while (!this.stopped && !this.halted.has(replica)) {
            try {
              const response = await fetch(`${base}/api/v1/products/${this.productId}/decisions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY }, body });
              const decision = (await response.json()) as { product?: { version: number; hash: string }; offer?: { rate: { annual: string } } };
              this.answers.push({
                replica,
                at: performance.now(),
                wall: Date.now(),
                status: response.status,
                version: decision.product?.version,
                hash: decision.product?.hash,
                rate: decision.offer?.rate.annual,
              });
            } catch (error) {
              this.answers.push({ replica, at: performance.now(), wall: Date.now(), status: 0, error: error instanceof Error ? error.message : String(error) });
            }
          }
        })(),
      );
    }
  }

  private readonly halted = new Set<number>();

  /** Stops sending to one replica (it is about to be killed). */
  halt(replica: number): void {
    this.halted.add(replica);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
