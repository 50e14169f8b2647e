import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RestoreError } from './portfolio-store.ts';
import type { SimulationReport } from './report.ts';

/** "sha256:<64 hex>": a report's (and a portfolio's) identity. */
export const REPORT_HASH = /^sha256:[0-9a-f]{64}$/;

/** The report's JSON text as stored, and its identity: the SHA-256 of exactly that text. */
export function reportText(report: SimulationReport): { text: string; hash: string } {
  const text = `${JSON.stringify(report)}\n`;
  return { text, hash: `sha256:${createHash('sha256').update(text).digest('hex')}` };
}

/**
 * Simulation reports by content hash: what a review and an audit event refer to. Files under the
 * data directory with the embedded store, rows in PostgreSQL (so every replica reads them) with
 * that store. Reports carry masked identifiers only.
 */
export interface Reports {
  /** Stores a report (once: the same report twice is one) and returns its hash. */
  write(report: SimulationReport): Promise<string>;
  /** The report's JSON text, byte for byte as hashed, or undefined for an unknown or malformed hash. */
  read(hash: string): Promise<string | undefined>;
  /** Every stored report's hash, in hash order (what `npm run store -- export` copies). */
  hashes(): Promise<string[]>;
  /** Stores an exported report's text as it is, once {@link checkReportText} accepts it; 'present' when already stored. */
  restore(hash: string, text: string): Promise<'stored' | 'present'>;
  /** Removes a report: only an import that failed part-way, undoing what it stored (reports are otherwise kept). */
  remove(hash: string): Promise<void>;
}

/** Throws RestoreError unless `text` is a JSON object whose SHA-256 is `hash` (an exported report, not damaged or edited). */
export function checkReportText(hash: string, text: string): void {
  if (!REPORT_HASH.test(hash)) throw new RestoreError(`${hash} is not a report hash (sha256:<64 hex>)`);
  const actual = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  if (actual !== hash) throw new RestoreError(`its text hashes to ${actual}, not ${hash}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RestoreError('it is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RestoreError('it is not a JSON object');
}

/** Reports as content-hashed files `<dir>/<hex>.json`. */
export class FileReports implements Reports {
  constructor(readonly dir: string) {}

  async write(report: SimulationReport): Promise<string> {
    const { text, hash } = reportText(report);
    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${hash.slice(7)}.json`);
    if (!fs.existsSync(file)) {
      const temporary = `${file}.${randomUUID()}`;
      await fs.promises.writeFile(temporary, text);
      await fs.promises.rename(temporary, file);
    }
    return hash;
  }

  async read(hash: string): Promise<string | undefined> {
    if (!REPORT_HASH.test(hash)) return undefined;
    try {
      return await fs.promises.readFile(path.join(this.dir, `${hash.slice(7)}.json`), 'utf8');
    } catch {
      return undefined;
    }
  }

  async hashes(): Promise<string[]> {
    if (!fs.existsSync(this.dir)) return [];
    const names = (await fs.promises.readdir(this.dir)).filter((name) => /^[0-9a-f]{64}\.json$/.test(name));
    return names.map((name) => `sha256:${name.slice(0, -5)}`).sort();
  }

  async restore(hash: string, text: string): Promise<'stored' | 'present'> {
    checkReportText(hash, text);
    const file = path.join(this.dir, `${hash.slice(7)}.json`);
    if (fs.existsSync(file)) return 'present';
    await fs.promises.mkdir(this.dir, { recursive: true });
    const temporary = `${file}.${randomUUID()}`;
    await fs.promises.writeFile(temporary, text);
    await fs.promises.rename(temporary, file);
    return 'stored';
  }

  async remove(hash: string): Promise<void> {
    if (REPORT_HASH.test(hash)) await fs.promises.rm(path.join(this.dir, `${hash.slice(7)}.json`), { force: true });
  }
}
