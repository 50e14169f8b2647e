import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ProblemError as FieldError } from '../http/problem.ts';
import type { Column } from './portfolio-columns.ts';
import { readPortfolioRecords, type PortfolioFormat } from './portfolio-records.ts';
import { requestOfRecord } from './portfolio-row.ts';

/** A stored portfolio's description (beside its rows, never in store.json). */
export interface PortfolioMeta {
  hash: string; // "sha256:<hex>" of the stored JSON-lines text: the portfolio's identity
  productId: string;
  name: string; // what the uploader called it
  rows: number; // decision requests stored
  badRows: number; // rows refused at upload
  uploadedFrom: PortfolioFormat;
  uploadedBy: string;
  uploadedAt: string;
  bytes: number;
}

/** An upload's outcome: the stored portfolio and the rows refused, by line (the first ones). */
export interface UploadResult {
  portfolio: PortfolioMeta;
  badRows: { line: number; errors: FieldError[] }[];
}

/** What an upload is told besides its bytes. */
export interface UploadMeta {
  productId: string;
  name: string;
  format: PortfolioFormat;
  uploadedBy: string;
  now: string;
  planColumns?: (header: string[]) => Column[];
  /** Records (good and bad) an upload may hold; default {@link MAX_PORTFOLIO_ROWS}. Tests lower it. */
  maxRows?: number;
}

/**
 * A product's stored portfolios, wherever they live (files under the data directory, or rows in
 * PostgreSQL so every replica sees them). The identity is the SHA-256 of the stored JSON-lines
 * text, one decision request per line; a portfolio is scoped to its product (another product's
 * hash is unknown). Rows hold personal data: no implementation logs a row, and `delete` removes them.
 */
export interface Portfolios {
  /** The portfolio's description, or undefined when the hash is not one of the product's. */
  get(productId: string, hash: string): Promise<PortfolioMeta | undefined>;
  /** The product's portfolios, newest first. */
  list(productId: string): Promise<PortfolioMeta[]>;
  /** Deletes a portfolio's rows and description; false when it was not there. */
  delete(productId: string, hash: string): Promise<boolean>;
  /** Stores an upload (streamed: bounded memory); see {@link readUpload}. */
  save(source: Readable, meta: UploadMeta): Promise<UploadResult>;
  /** The stored JSON-lines text as a stream (bounded memory), or undefined for an unknown hash. The reader destroys it when it stops early. */
  openRows(productId: string, hash: string): Promise<Readable | undefined>;
}

export const MAX_PORTFOLIO_ROWS = 1_000_000;
const KEEP_BAD = 200;
export const PORTFOLIO_HASH = /^sha256:[0-9a-f]{64}$/;
export const PRODUCT_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * Reads an upload row by row (streamed: bounded memory), hands every good row to `write` as one
 * decision request line (awaited: the writer's back-pressure holds the reader) and reports the bad
 * ones with their line numbers. Throws RangeError past {@link MAX_PORTFOLIO_ROWS} records (bad ones included: the time an upload takes stays bounded), and the column
 * planner's PortfolioError for an unreadable CSV header. Resolves with the description of what was
 * written (the hash of the concatenated lines).
 */
export async function readUpload(source: Readable, meta: UploadMeta, write: (line: string) => void | Promise<void>): Promise<UploadResult> {
  const hash = createHash('sha256');
  const badRows: UploadResult['badRows'] = [];
  let rows = 0;
  let bad = 0;
  let bytes = 0;
  let columns: Column[] | undefined;
  const maxRows = meta.maxRows ?? MAX_PORTFOLIO_ROWS;
  for await (const record of readPortfolioRecords(source, meta.format)) {
    if (meta.format === 'csv' && !columns) {
      columns = meta.planColumns!('cells' in record ? record.cells : []);
      continue;
    }
    // bad rows count too: an endless stream of bad rows is refused as soon as a good one would be
    if (rows + bad >= maxRows) throw new RangeError(`a portfolio holds at most ${maxRows} rows`);
    const { request, errors } = requestOfRecord(record, columns, '');
    if (!request) {
      bad += 1;
      if (badRows.length < KEEP_BAD) badRows.push({ line: record.line, errors: errors.slice(0, 10) });
      continue;
    }
    const { asOf, ...rest } = request;
    const line = `${JSON.stringify(asOf ? { ...rest, asOf } : rest)}\n`; // no asOf: the simulation's date applies
    hash.update(line);
    bytes += Buffer.byteLength(line);
    rows += 1;
    await write(line);
  }
  const portfolio: PortfolioMeta = {
    hash: `sha256:${hash.digest('hex')}`,
    productId: meta.productId,
    name: meta.name,
    rows,
    badRows: bad,
    uploadedFrom: meta.format,
    uploadedBy: meta.uploadedBy,
    uploadedAt: meta.now,
    bytes,
  };
  return { portfolio, badRows };
}

/** Newest first; the same upload time ordered by hash (both stores list alike). */
export const newestFirst = (a: PortfolioMeta, b: PortfolioMeta): number => (a.uploadedAt < b.uploadedAt ? 1 : a.uploadedAt > b.uploadedAt ? -1 : a.hash < b.hash ? -1 : 1);

/**
 * Portfolios as files: `<dir>/<productId>/<hex>.jsonl` holds one decision request per line
 * (exactly as the channel decision endpoint takes it; a CSV upload is converted at upload) and
 * `<hex>.json` its description. Content-hashed, so uploading the same rows twice stores one file,
 * and saving a draft never touches them. What the embedded (lowdb) store runs with.
 */
export class FilePortfolios implements Portfolios {
  constructor(readonly dir: string) {}

  private folder(productId: string): string {
    if (!PRODUCT_ID.test(productId)) throw new Error(`not a product id: ${productId}`);
    return path.join(this.dir, productId);
  }

  async openRows(productId: string, hash: string): Promise<Readable | undefined> {
    if (!PORTFOLIO_HASH.test(hash)) return undefined;
    const file = path.join(this.folder(productId), `${hash.slice(7)}.jsonl`);
    try {
      const handle = await fs.promises.open(file, 'r'); // opened now: a delete after this still reads the whole file
      return handle.createReadStream();
    } catch {
      return undefined;
    }
  }

  async get(productId: string, hash: string): Promise<PortfolioMeta | undefined> {
    if (!PORTFOLIO_HASH.test(hash)) return undefined;
    try {
      return JSON.parse(await fs.promises.readFile(path.join(this.folder(productId), `${hash.slice(7)}.json`), 'utf8')) as PortfolioMeta;
    } catch {
      return undefined;
    }
  }

  async list(productId: string): Promise<PortfolioMeta[]> {
    const folder = this.folder(productId);
    if (!fs.existsSync(folder)) return [];
    const metas: PortfolioMeta[] = [];
    for (const name of await fs.promises.readdir(folder)) {
      if (!name.endsWith('.json')) continue;
      const meta = await this.get(productId, `sha256:${name.slice(0, -5)}`);
      if (meta) metas.push(meta);
    }
    return metas.sort(newestFirst);
  }

  async delete(productId: string, hash: string): Promise<boolean> {
    if (!PORTFOLIO_HASH.test(hash)) return false;
    const base = path.join(this.folder(productId), hash.slice(7));
    const existed = fs.existsSync(`${base}.jsonl`);
    await fs.promises.rm(`${base}.jsonl`, { force: true });
    await fs.promises.rm(`${base}.json`, { force: true });
    return existed;
  }

  /** Writes the rows to a temporary file, renamed to its hash once complete. */
  async save(source: Readable, meta: UploadMeta): Promise<UploadResult> {
    const folder = this.folder(meta.productId);
    await fs.promises.mkdir(folder, { recursive: true });
    const temporary = path.join(folder, `.upload-${randomUUID()}`);
    const out = fs.createWriteStream(temporary);
    out.on('error', () => undefined); // a write error rejects at end(); one after a broken-off upload (the stream destroyed) has no one left to tell
    try {
      const result = await readUpload(source, meta, async (line) => {
        if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      });
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const base = path.join(folder, result.portfolio.hash.slice(7));
      await fs.promises.rename(temporary, `${base}.jsonl`);
      await fs.promises.writeFile(`${base}.json`, `${JSON.stringify(result.portfolio, null, 2)}\n`);
      return result;
    } finally {
      out.destroy();
      await fs.promises.rm(temporary, { force: true });
    }
  }
}
