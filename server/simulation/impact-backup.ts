import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DamagedLineMap, LineMap } from './line-map.ts';
import { PORTFOLIO_HASH, PRODUCT_ID, type PortfolioMeta, type Portfolios, readRestore, RestoreError } from './portfolio-store.ts';
import { checkReportText, REPORT_HASH, type Reports } from './report-store.ts';

/**
 * Portfolios and reports in an export directory (`npm run store -- export <directory>`), beside the
 * store document `store.json`, in the embedded store's own layout so an operator can read it:
 *
 *     manifest.json                        what the export holds (this module's ImpactManifest)
 *     portfolios/<productId>/<hex>.jsonl   a portfolio's rows, byte for byte as stored (hex: its SHA-256)
 *     portfolios/<productId>/<hex>.json    its description (name, uploader, upload time, rows, bytes)
 *     portfolios/<productId>/<hex>.lines   which uploaded line each row came from (server/simulation/line-map.ts), when they differ
 *     reports/<hex>.json                   a simulation report, byte for byte (hex: its SHA-256)
 *
 * Everything is content-hashed: an import checks each file against its hash and refuses a damaged or
 * edited one by name before anything is stored. Simulation jobs are not exported (a job is a running
 * or recent computation; its report is).
 */
export const MANIFEST_FILE = 'manifest.json';

/** `manifest.json`: the portfolios and reports an export holds (an import takes exactly these, and misses none). */
export interface ImpactManifest {
  format: 'loan-blocks-impact';
  formatVersion: 1;
  exportedAt: string;
  /** `lineBreaks`: the breakpoints of the portfolio's line map in its `.lines` file; absent when it has none (an export made before maps were kept has none). */
  portfolios: { productId: string; hash: string; rows: number; bytes: number; lineBreaks?: number }[];
  reports: string[];
}

/** Where the impact data is kept (files or PostgreSQL rows: the two implementations of each). */
export interface ImpactData {
  portfolios: Portfolios;
  reports: Reports;
}

/** An export that cannot be imported: the message names the file and what is wrong with it. */
export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

const portfolioFile = (productId: string, hash: string, ext: 'json' | 'jsonl' | 'lines') => path.join('portfolios', productId, `${hash.slice(7)}.${ext}`);
const reportFile = (hash: string) => path.join('reports', `${hash.slice(7)}.json`);

/**
 * Writes the portfolios of `productIds` and every stored report under `dir`, checking each against
 * its hash as it is copied (a store whose data no longer matches its hash is reported, not copied
 * silently). Rows are streamed: memory stays bounded whatever the portfolio's size.
 */
export async function exportImpact(dir: string, productIds: string[], data: ImpactData, exportedAt: string): Promise<ImpactManifest> {
  const manifest: ImpactManifest = { format: 'loan-blocks-impact', formatVersion: 1, exportedAt, portfolios: [], reports: [] };
  for (const productId of productIds) {
    for (const meta of await data.portfolios.list(productId)) {
      const rows = await data.portfolios.openRows(productId, meta.hash);
      if (!rows) continue; // deleted while exporting
      const file = portfolioFile(productId, meta.hash, 'jsonl');
      await fs.promises.mkdir(path.join(dir, path.dirname(file)), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      const hashing = new Transform({
        transform(chunk: Buffer | string, _encoding, done) {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          hash.update(buffer);
          bytes += buffer.length;
          done(null, buffer);
        },
      });
      await pipeline(rows, hashing, fs.createWriteStream(path.join(dir, file)));
      const digest = `sha256:${hash.digest('hex')}`;
      if (digest !== meta.hash || bytes !== meta.bytes)
        throw new Error(
          `the stored rows of portfolio ${productId}/${meta.hash} hash to ${digest} (${bytes} bytes): the source store is damaged; delete that portfolio or restore it from an earlier export`,
        );
      let lines: LineMap | undefined;
      try {
        lines = await data.portfolios.lineMap(productId, meta.hash);
      } catch (error) {
        if (!(error instanceof DamagedLineMap)) throw error;
        throw new Error(`portfolio ${productId}/${meta.hash}: ${error.message}; or delete that portfolio: the source store is damaged`);
      }
      if (lines) await fs.promises.writeFile(path.join(dir, portfolioFile(productId, meta.hash, 'lines')), lines.toText());
      await fs.promises.writeFile(path.join(dir, portfolioFile(productId, meta.hash, 'json')), `${JSON.stringify(meta, null, 2)}\n`);
      manifest.portfolios.push({ productId, hash: meta.hash, rows: meta.rows, bytes: meta.bytes, ...(lines ? { lineBreaks: lines.breaks } : {}) });
    }
  }
  for (const hash of await data.reports.hashes()) {
    const text = await data.reports.read(hash);
    if (text === undefined) continue;
    try {
      checkReportText(hash, text);
    } catch (error) {
      throw new Error(`the stored report ${hash} is damaged (${(error as Error).message}): the source store is damaged`);
    }
    await fs.promises.mkdir(path.join(dir, 'reports'), { recursive: true });
    await fs.promises.writeFile(path.join(dir, reportFile(hash)), text);
    manifest.reports.push(hash);
  }
  return manifest;
}

/** Reads and checks `manifest.json` (its shape; the files it names are checked by {@link verifyImpact}). */
export async function readManifest(dir: string): Promise<ImpactManifest> {
  const refuse = (what: string) => new ImportRefused(`${path.join(dir, MANIFEST_FILE)}: ${what}`);
  let manifest: Partial<ImpactManifest>;
  try {
    manifest = JSON.parse(await fs.promises.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Partial<ImpactManifest>;
  } catch (error) {
    throw refuse((error as Error).message);
  }
  if (manifest?.format !== 'loan-blocks-impact') throw refuse('not a loan-blocks export manifest (format must be "loan-blocks-impact")');
  if (manifest.formatVersion !== 1) throw refuse(`format version ${String(manifest.formatVersion)} is not known to this code (it reads 1)`);
  if (!Array.isArray(manifest.portfolios) || !Array.isArray(manifest.reports)) throw refuse('portfolios and reports must be arrays');
  const seen = new Set<string>();
  manifest.portfolios.forEach((entry, index) => {
    const ok =
      entry && PRODUCT_ID.test(entry.productId) && PORTFOLIO_HASH.test(entry.hash) && Number.isSafeInteger(entry.rows) && entry.rows >= 0 && Number.isSafeInteger(entry.bytes) && entry.bytes >= 0;
    const breaks = entry?.lineBreaks;
    if (!ok || (breaks !== undefined && (!Number.isSafeInteger(breaks) || breaks < 1 || breaks > entry.rows)))
      throw refuse(`portfolios[${index}] must be { productId, hash: "sha256:<64 hex>", rows, bytes, lineBreaks?: 1 to rows }`);
    if (seen.has(`${entry.productId}/${entry.hash}`)) throw refuse(`portfolios[${index}] is listed twice`);
    seen.add(`${entry.productId}/${entry.hash}`);
  });
  manifest.reports.forEach((hash, index) => {
    if (typeof hash !== 'string' || !REPORT_HASH.test(hash)) throw refuse(`reports[${index}] must be "sha256:<64 hex>"`);
    if (seen.has(hash)) throw refuse(`reports[${index}] is listed twice`);
    seen.add(hash);
  });
  return manifest as ImpactManifest;
}

/** A portfolio's description file, checked against the manifest's entry and normalised. */
async function readDescription(dir: string, entry: ImpactManifest['portfolios'][number]): Promise<PortfolioMeta> {
  const file = path.join(dir, portfolioFile(entry.productId, entry.hash, 'json'));
  let meta: PortfolioMeta;
  try {
    meta = JSON.parse(await fs.promises.readFile(file, 'utf8')) as PortfolioMeta;
  } catch (error) {
    throw new ImportRefused(`${file}: ${(error as Error).message}`);
  }
  const wrong = (field: string, should: string) => new ImportRefused(`${file}: ${field} must be ${should}`);
  if (!meta || typeof meta !== 'object') throw new ImportRefused(`${file}: not a portfolio description`);
  if (meta.hash !== entry.hash) throw wrong('hash', `${entry.hash} (its file name and manifest.json)`);
  if (meta.productId !== entry.productId) throw wrong('productId', `${entry.productId} (its folder)`);
  if (meta.rows !== entry.rows || meta.bytes !== entry.bytes) throw wrong('rows and bytes', `${entry.rows} and ${entry.bytes} (manifest.json)`);
  if (typeof meta.name !== 'string' || typeof meta.uploadedBy !== 'string') throw wrong('name and uploadedBy', 'text');
  if (!Number.isSafeInteger(meta.badRows) || meta.badRows < 0) throw wrong('badRows', 'a whole number ≥ 0');
  if (meta.uploadedFrom !== 'csv' && meta.uploadedFrom !== 'jsonl') throw wrong('uploadedFrom', '"csv" or "jsonl"');
  if (typeof meta.uploadedAt !== 'string' || Number.isNaN(Date.parse(meta.uploadedAt))) throw wrong('uploadedAt', 'a date and time');
  const { hash, productId, name, rows, badRows, uploadedFrom, uploadedBy, uploadedAt, bytes } = meta;
  return { hash, productId, name, rows, badRows, uploadedFrom, uploadedBy, uploadedAt, bytes };
}

/** The rows file of a portfolio, as a stream; a missing file is refused by name. */
function openRowsFile(dir: string, entry: ImpactManifest['portfolios'][number]): { file: string; rows: Readable } {
  const file = path.join(dir, portfolioFile(entry.productId, entry.hash, 'jsonl'));
  if (!fs.existsSync(file)) throw new ImportRefused(`${file}: missing (manifest.json lists it)`);
  return { file, rows: fs.createReadStream(file) };
}

/** The portfolio's line map when the manifest says it has one, checked (its breakpoints' count, none past the rows); a missing or damaged file is refused by name. */
async function readLineMap(dir: string, entry: ImpactManifest['portfolios'][number]): Promise<LineMap | undefined> {
  if (entry.lineBreaks === undefined) return undefined;
  const file = path.join(dir, portfolioFile(entry.productId, entry.hash, 'lines'));
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    throw new ImportRefused(`${file}: missing (manifest.json says the portfolio has a line map)`);
  }
  let map: LineMap;
  try {
    map = LineMap.fromText(text);
  } catch (error) {
    throw new ImportRefused(`${file}: ${(error as Error).message} (damaged or edited since it was exported?)`);
  }
  if (map.lastRow > entry.rows) throw new ImportRefused(`${file}: maps row ${map.lastRow}, past the portfolio's ${entry.rows} rows`);
  if (map.breaks !== entry.lineBreaks) throw new ImportRefused(`${file}: holds ${map.breaks} breakpoints, not the ${entry.lineBreaks} manifest.json says`);
  return map;
}

/** A report file's text; a missing one is refused by name. */
async function readReportFile(dir: string, hash: string): Promise<{ file: string; text: string }> {
  const file = path.join(dir, reportFile(hash));
  try {
    return { file, text: await fs.promises.readFile(file, 'utf8') };
  } catch {
    throw new ImportRefused(`${file}: missing (manifest.json lists it)`);
  }
}

const named = (file: string, error: unknown): Error => (error instanceof RestoreError ? new ImportRefused(`${file}: ${error.message} (damaged or edited since it was exported?)`) : (error as Error));

/**
 * Checks every file the manifest lists before anything is stored: each description against its
 * entry, each portfolio's rows against the description's hash, bytes and count (streamed), each
 * report against its hash. The first bad file is refused by name (ImportRefused).
 */
export async function verifyImpact(dir: string, manifest: ImpactManifest): Promise<void> {
  for (const entry of manifest.portfolios) {
    const meta = await readDescription(dir, entry);
    await readLineMap(dir, entry);
    const { file, rows } = openRowsFile(dir, entry);
    try {
      await readRestore(rows, meta, () => undefined);
    } catch (error) {
      throw named(file, error);
    } finally {
      rows.destroy();
    }
  }
  for (const hash of manifest.reports) {
    const { file, text } = await readReportFile(dir, hash);
    try {
      checkReportText(hash, text);
    } catch (error) {
      throw named(file, error);
    }
  }
}

/** What an import stored, and how to take it back (when the store document is refused after it). */
export interface ImpactImported {
  portfolios: number;
  rows: number;
  reports: number;
  present: number; // already in the target store, left as they were
  undo(): Promise<void>;
}

/**
 * Stores the manifest's portfolios and reports into `data`, each checked again as it is written (so
 * a file changed since {@link verifyImpact} is refused too). When one fails, what this import stored
 * is removed before the error is thrown: nothing is half-imported.
 */
export async function importImpact(dir: string, manifest: ImpactManifest, data: ImpactData): Promise<ImpactImported> {
  const portfolios: { productId: string; hash: string }[] = [];
  const reports: string[] = [];
  let rows = 0;
  let present = 0;
  const undo = async () => {
    for (const { productId, hash } of portfolios) await data.portfolios.delete(productId, hash);
    for (const hash of reports) await data.reports.remove(hash);
  };
  try {
    for (const entry of manifest.portfolios) {
      const meta = await readDescription(dir, entry);
      const lines = await readLineMap(dir, entry);
      const { file, rows: source } = openRowsFile(dir, entry);
      const stored = await data.portfolios.restore(meta, source, lines).catch((error: unknown) => {
        throw named(file, error);
      });
      if (stored === 'present') present += 1;
      else {
        portfolios.push(entry);
        rows += entry.rows;
      }
    }
    for (const hash of manifest.reports) {
      const { file, text } = await readReportFile(dir, hash);
      const stored = await data.reports.restore(hash, text).catch((error: unknown) => {
        throw named(file, error);
      });
      if (stored === 'present') present += 1;
      else reports.push(hash);
    }
  } catch (error) {
    await undo();
    throw error;
  }
  return { portfolios: portfolios.length, rows, reports: reports.length, present, undo };
}
