import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
}
