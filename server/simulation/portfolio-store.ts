import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ProblemError as FieldError } from '../http/problem.ts';
import { LineMap, type LineMapBuilder, storedLineMap } from './line-map.ts';
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
  /**
   * Which uploaded line each stored row came from, as of the latest upload of these rows (it goes
   * with the description); undefined when every stored row is its own line — or for a portfolio
   * stored before maps were kept, whose lines are then counted in the stored rows as before.
   * Throws {@link DamagedLineMap} when the stored map is not one (edited by hand).
   */
  lineMap(productId: string, hash: string): Promise<LineMap | undefined>;
  /**
   * Stores exported rows under their description as it was (`npm run store -- import`: name, uploader
   * and upload time kept), checked by {@link readRestore} as they are written: rows that are not
   * exactly the described ones are refused (RestoreError) and nothing is kept. 'present' when the
   * product already holds that portfolio (left as it is). `lineMap` is the exported {@link LineMap}'s text, when it had one.
   */
  restore(meta: PortfolioMeta, rows: Readable, lineMap?: LineMap): Promise<'stored' | 'present'>;
}

/** Exported rows that are not the ones their description names (damaged or edited): nothing of them is stored. */
export class RestoreError extends Error {
  override name = 'RestoreError';
}

const MAX_RESTORE_LINE = 4 * 1024 * 1024; // a stored row is far shorter (an upload's line is at most 1,000,000 characters): past this the file is not rows

/**
 * Reads exported rows — the stored JSON-lines text, byte for byte — in bounded memory, hands each
 * line to `write` (awaited: the writer's back-pressure holds the reader) and checks as it goes:
 * every line is a JSON object in valid UTF-8 and ends with a line end, and the count, the bytes and
 * the SHA-256 of the whole are `meta`'s. Throws {@link RestoreError} saying what differs (never a
 * row's content: rows are personal data), as soon as it is known.
 */
export async function readRestore(source: Readable, meta: Pick<PortfolioMeta, 'hash' | 'rows' | 'bytes'>, write: (line: string) => void | Promise<void>): Promise<void> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rows = 0;
  let bytes = 0;
  const line = async (raw: Buffer) => {
    rows += 1;
    bytes += raw.length;
    if (rows > meta.rows || bytes > meta.bytes) throw new RestoreError(`holds more than the ${meta.rows} rows of ${meta.bytes} bytes its description says`);
    let value: unknown;
    let text: string;
    try {
      text = decoder.decode(raw);
      value = JSON.parse(text);
    } catch {
      throw new RestoreError(`row ${rows} is not JSON (or not UTF-8)`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RestoreError(`row ${rows} is not a JSON object`);
    hash.update(raw);
    await write(text);
  };
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const data = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      await line(data.subarray(start, end + 1));
      start = end + 1;
    }
    rest = data.subarray(start);
    if (rest.length > MAX_RESTORE_LINE) throw new RestoreError(`row ${rows + 1} is longer than ${MAX_RESTORE_LINE} bytes`);
  }
  if (rest.length) throw new RestoreError(`the last row does not end with a line end`);
  const digest = `sha256:${hash.digest('hex')}`;
  if (rows !== meta.rows || bytes !== meta.bytes || digest !== meta.hash)
    throw new RestoreError(`holds ${rows} rows of ${bytes} bytes hashing to ${digest}, not the ${meta.rows} rows of ${meta.bytes} bytes hashing to ${meta.hash} its description says`);
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
 * written (the hash of the concatenated lines). `lines` is told each written row's uploaded line.
 */
export async function readUpload(source: Readable, meta: UploadMeta, write: (line: string) => void | Promise<void>, lines?: LineMapBuilder): Promise<UploadResult> {
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
    lines?.add(record.line);
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

  async lineMap(productId: string, hash: string): Promise<LineMap | undefined> {
    if (!PORTFOLIO_HASH.test(hash)) return undefined;
    let text: string;
    try {
      text = await fs.promises.readFile(path.join(this.folder(productId), `${hash.slice(7)}.lines`), 'utf8');
    } catch {
      return undefined; // no gap in the upload, or stored before maps were kept
    }
    return storedLineMap(productId, hash, text);
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
    await fs.promises.rm(`${base}.lines`, { force: true });
    return existed;
  }

  /** Writes the rows to a temporary file, renamed to its hash once complete. */
  async save(source: Readable, meta: UploadMeta): Promise<UploadResult> {
    const lines = LineMap.builder();
    return this.write(
      meta.productId,
      (write) => readUpload(source, meta, write, lines),
      (result) => result.portfolio,
      () => lines.done(),
    );
  }

  async restore(meta: PortfolioMeta, rows: Readable, lineMap?: LineMap): Promise<'stored' | 'present'> {
    if (await this.get(meta.productId, meta.hash)) {
      rows.destroy();
      return 'present';
    }
    await this.write(
      meta.productId,
      (write) => readRestore(rows, meta, write),
      () => meta,
      () => lineMap,
    );
    return 'stored';
  }

  /**
   * Fills a temporary file with the lines `fill` gives, then names it `<hex>.jsonl` after the
   * description `described` takes from fill's result, and writes the line map (`<hex>.lines`, or
   * removes an earlier upload's) and that description beside it. Nothing is left when `fill` throws.
   */
  private async write<T>(productId: string, fill: (write: (line: string) => Promise<void>) => Promise<T>, described: (result: T) => PortfolioMeta, lineMap: () => LineMap | undefined): Promise<T> {
    const folder = this.folder(productId);
    await fs.promises.mkdir(folder, { recursive: true });
    const temporary = path.join(folder, `.upload-${randomUUID()}`);
    // opened before any row is read: a stream opening the file itself could create it after a fill that fails at once had removed it
    const out = (await fs.promises.open(temporary, 'wx')).createWriteStream();
    out.on('error', () => undefined); // a write error rejects at end(); one after a broken-off upload (the stream destroyed) has no one left to tell
    try {
      const result = await fill(async (line) => {
        if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      });
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const portfolio = described(result);
      const base = path.join(folder, portfolio.hash.slice(7));
      await fs.promises.rename(temporary, `${base}.jsonl`);
      const map = lineMap();
      // the map goes with the description (the latest upload of these rows): written before it, so a new description never meets an older upload's map
      if (map) {
        await fs.promises.writeFile(`${temporary}.lines`, map.toText());
        await fs.promises.rename(`${temporary}.lines`, `${base}.lines`); // whole or not at all
      } else await fs.promises.rm(`${base}.lines`, { force: true });
      await fs.promises.writeFile(`${base}.json`, `${JSON.stringify(portfolio, null, 2)}\n`);
      return result;
    } finally {
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once('close', () => resolve()));
      await fs.promises.rm(temporary, { force: true });
      await fs.promises.rm(`${temporary}.lines`, { force: true });
    }
  }
}
