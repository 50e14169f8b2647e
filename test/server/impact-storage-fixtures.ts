import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { type ImpactServices, impactServices } from '../../server/simulation/impact.ts';
import type { JobLogger } from '../../server/simulation/simulation-jobs.ts';
import { PgStore } from '../../server/store/postgres/pg-store.ts';
import { afterAll, beforeAll } from 'vitest';
import { type PgCluster, postgresBin, startCluster } from '../postgres/cluster.ts';

/** The flash-loan example: its flow, and its samples as channel decision requests with their expected outcomes (from the sample files, not the engine). */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const catalog = defaultCatalog();
interface Sample {
  application: { applicant: Record<string, unknown> };
  request: { channel?: string } & Record<string, unknown>;
  expected: { outcome: 'approve' | 'decline' | 'refer' };
}
export const samples: Sample[] = fs
  .readdirSync(path.join(EXAMPLES, 'flash-loan', 'samples'))
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'flash-loan', 'samples', file), 'utf8')) as Sample);
export const flashLoan = (): ProductDefinition => compile(JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'flash-loan', 'flow.json'), 'utf8')) as FlowDocument, { catalog }).product!;

/** An ID number: personal data that must stay in the portfolio's rows. */
export const ID_NUMBER = '530102198001011234';
/** `copies` × the samples as JSON-lines rows (each row's applicant carries the ID number and a name holding its row number, so rows differ). */
export const portfolioRows = (copies: number): string[] => Array.from({ length: copies * samples.length }, (_, index) => portfolioRow(index + 1));

/** Row `n` (1-based) of such a portfolio, made when asked (a generator of 100,000 rows holds none of them). */
export function portfolioRow(n: number): string {
  const { application, request } = samples[(n - 1) % samples.length];
  const { channel, ...rest } = request;
  return JSON.stringify({ application: { ...application, channel, applicant: { ...application.applicant, idNumber: ID_NUMBER, name: `Applicant ${n}` } }, ...rest });
}

/** The row numbers of a stored portfolio's text, in its order. */
export const rowNumbers = (text: string): number[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => Number(JSON.parse(line).application.applicant.name.slice('Applicant '.length)));

export const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;
export const textOf = async (stream: Readable): Promise<string> => {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
};
export const upload = (services: ImpactServices, productId: string, rows: string[], name = 'samples', now = '2026-11-22T08:00:00.000Z') =>
  services.portfolios.save(Readable.from([`${rows.join('\n')}\n`]), { productId, name, format: 'jsonl', uploadedBy: 'author', now });

/** One place the impact data lives, as one process sees it; `another()` is a second process on the same place. */
export interface Backend {
  kind: 'files' | 'postgres';
  services(options?: { logger?: JobLogger; progressEveryMs?: number; staleAfterMs?: number; threads?: number }): ImpactServices;
  /** Rows of portfolios, upload leftovers: what must be gone after a delete or a failed upload. */
  leftovers(): Promise<number>;
  close(): Promise<void>;
}

export async function filesBackend(): Promise<Backend> {
  const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-impact-'));
  const clock = () => new Date('2026-11-22T08:00:00Z');
  return {
    kind: 'files',
    services: (options = {}) => impactServices({ dataDir }, { threads: 0, clock, ...options }),
    async leftovers() {
      const folder = path.join(dataDir, 'portfolios');
      if (!fs.existsSync(folder)) return 0;
      return (await fs.promises.readdir(folder, { recursive: true })).filter((name) => /\.jsonl$|\.upload-/.test(String(name))).length;
    },
    close: () => fs.promises.rm(dataDir, { recursive: true, force: true }),
  };
}

let databases = 0;
export async function postgresBackend(cluster: PgCluster): Promise<Backend & { store: PgStore }> {
  const url = await cluster.createDatabase(`impact_${process.pid}_${(databases += 1)}`);
  const store = await PgStore.open(url); // applies the migrations
  const clock = () => new Date('2026-11-22T08:00:00Z');
  return {
    kind: 'postgres',
    store,
    services: (options = {}) => {
      const { staleAfterMs, ...rest } = options;
      return impactServices({ pool: store.pool, staleAfterMs }, { threads: 0, clock, ...rest });
    },
    async leftovers() {
      return (await store.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM portfolio_chunks')).rows[0].count;
    },
    close: () => store.close(),
  };
}

/**
 * Both backends for a test file: a throw-away PostgreSQL cluster when the machine has one (started
 * before the file's tests, removed after), `kinds` to run a contract on each, and `backend(kind)`
 * opening one that is closed at the end.
 */
export function storageBackends() {
  const hasPostgres = postgresBin() !== null;
  let cluster: PgCluster | undefined;
  const opened: Backend[] = [];
  beforeAll(async () => {
    if (hasPostgres) cluster = await startCluster();
  }, 120_000);
  afterAll(async () => {
    for (const each of opened) await each.close().catch(() => undefined);
    await cluster?.remove();
  });
  const kinds = hasPostgres ? (['files', 'postgres'] as const) : (['files'] as const);
  async function backend(kind: 'files' | 'postgres'): Promise<Backend> {
    const one = kind === 'files' ? await filesBackend() : await postgresBackend(cluster!);
    opened.push(one);
    return one;
  }
  return { hasPostgres, kinds, backend };
}
