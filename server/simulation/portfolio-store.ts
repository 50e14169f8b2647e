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
  hash: string; // "sha256:<hex>" of the stored JSON-lines file: the portfolio's identity
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
export interface UploadResult { portfolio: PortfolioMeta; badRows: { line: number; errors: FieldError[] }[] }

export const MAX_PORTFOLIO_ROWS = 1_000_000;
const KEEP_BAD = 200;
const HASH = /^sha256:[0-9a-f]{64}$/;
const PRODUCT_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * Portfolios as files: `<dir>/<productId>/<hex>.jsonl` holds one decision request per line
 * (exactly as the channel decision endpoint takes it; a CSV upload is converted at upload) and
 * `<hex>.json` its description. Content-hashed, so uploading the same rows twice stores one file,
 * and saving a draft never touches them. Rows hold personal data: nothing here logs a row.
 */
export class PortfolioStore {
  constructor(readonly dir: string) {}

  private folder(productId: string): string {
    if (!PRODUCT_ID.test(productId)) throw new Error(`not a product id: ${productId}`);
    return path.join(this.dir, productId);
  }

  /** The rows file of a stored portfolio, or undefined when the hash is not one of the product's. */
  rowsFile(productId: string, hash: string): string | undefined {
    if (!HASH.test(hash)) return undefined;
    const file = path.join(this.folder(productId), `${hash.slice(7)}.jsonl`);
    return fs.existsSync(file) ? file : undefined;
  }

  async get(productId: string, hash: string): Promise<PortfolioMeta | undefined> {
    if (!HASH.test(hash)) return undefined;
    try {
      return JSON.parse(await fs.promises.readFile(path.join(this.folder(productId), `${hash.slice(7)}.json`), 'utf8')) as PortfolioMeta;
    } catch {
      return undefined;
    }
  }

  /** The product's portfolios, newest first. */
  async list(productId: string): Promise<PortfolioMeta[]> {
    const folder = this.folder(productId);
    if (!fs.existsSync(folder)) return [];
    const metas: PortfolioMeta[] = [];
    for (const name of await fs.promises.readdir(folder)) {
      if (!name.endsWith('.json')) continue;
      const meta = await this.get(productId, `sha256:${name.slice(0, -5)}`);
      if (meta) metas.push(meta);
    }
    return metas.sort((a, b) => (a.uploadedAt < b.uploadedAt ? 1 : a.uploadedAt > b.uploadedAt ? -1 : a.hash < b.hash ? -1 : 1));
  }

  /** Deletes a portfolio's rows and description; false when it was not there. */
  async delete(productId: string, hash: string): Promise<boolean> {
    if (!HASH.test(hash)) return false;
    const base = path.join(this.folder(productId), hash.slice(7));
    const existed = fs.existsSync(`${base}.jsonl`);
    await fs.promises.rm(`${base}.jsonl`, { force: true });
    await fs.promises.rm(`${base}.json`, { force: true });
    return existed;
  }

  /**
   * Reads an upload row by row (streamed: bounded memory), stores every good row as a decision
   * request line and reports the bad ones with their line numbers. Throws PortfolioError from the
   * caller's column plan for an unreadable CSV header; the caller plans the columns from the
   * header it is given.
   */
  async save(source: Readable, meta: { productId: string; name: string; format: PortfolioFormat; uploadedBy: string; now: string; planColumns?: (header: string[]) => Column[] }): Promise<UploadResult> {
    const folder = this.folder(meta.productId);
    await fs.promises.mkdir(folder, { recursive: true });
    const temporary = path.join(folder, `.upload-${randomUUID()}`);
    const out = fs.createWriteStream(temporary);
    const hash = createHash('sha256');
    const badRows: UploadResult['badRows'] = [];
    let rows = 0;
    let bad = 0;
    let bytes = 0;
    let columns: Column[] | undefined;
    try {
      for await (const record of readPortfolioRecords(source, meta.format)) {
        if (meta.format === 'csv' && !columns) {
          columns = meta.planColumns!('cells' in record ? record.cells : []);
          continue;
        }
        const { request, errors } = requestOfRecord(record, columns, '');
        if (!request) {
          bad += 1;
          if (badRows.length < KEEP_BAD) badRows.push({ line: record.line, errors: errors.slice(0, 10) });
          continue;
        }
        if (rows >= MAX_PORTFOLIO_ROWS) throw new RangeError(`a portfolio holds at most ${MAX_PORTFOLIO_ROWS} rows`);
        const { asOf, ...rest } = request;
        const line = `${JSON.stringify(asOf ? { ...rest, asOf } : rest)}\n`; // no asOf: the simulation's date applies
        hash.update(line);
        bytes += Buffer.byteLength(line);
        rows += 1;
        if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const portfolio: PortfolioMeta = { hash: `sha256:${hash.digest('hex')}`, productId: meta.productId, name: meta.name, rows, badRows: bad, uploadedFrom: meta.format, uploadedBy: meta.uploadedBy, uploadedAt: meta.now, bytes };
      const base = path.join(folder, portfolio.hash.slice(7));
      await fs.promises.rename(temporary, `${base}.jsonl`);
      await fs.promises.writeFile(`${base}.json`, `${JSON.stringify(portfolio, null, 2)}\n`);
      return { portfolio, badRows };
    } finally {
      out.destroy();
      await fs.promises.rm(temporary, { force: true });
    }
  }
}
