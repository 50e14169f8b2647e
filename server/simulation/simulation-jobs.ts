import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { buildReport, type SimulationReport } from './report.ts';
import { simulatePortfolio, threadsFor } from './simulate.ts';

/** A simulation running or finished on the server, as the studio polls it. */
export interface SimulationJob {
  id: string;
  productId: string;
  portfolio: string; // portfolio hash
  versions: { before: number | 'draft' | null; after: number | 'draft' }; // null: no before (one version)
  status: 'running' | 'done' | 'failed' | 'cancelled';
  progress: { rows: number; total: number; elapsedMs: number; remainingMs: number | null };
  startedBy: string;
  startedAt: string;
  report?: string; // report hash when done
  error?: string;
}

const HASH = /^sha256:[0-9a-f]{64}$/;
const KEPT_JOBS = 100;

/** Reports as content-hashed files under `<dir>`: what a review and an audit event refer to. */
export class ReportFiles {
  constructor(readonly dir: string) {}

  /** Writes a report and returns its hash ("sha256:<hex>" of the file's bytes). */
  async write(report: SimulationReport): Promise<string> {
    const text = `${JSON.stringify(report)}\n`;
    const hex = createHash('sha256').update(text).digest('hex');
    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${hex}.json`);
    if (!fs.existsSync(file)) {
      const temporary = `${file}.${randomUUID()}`;
      await fs.promises.writeFile(temporary, text);
      await fs.promises.rename(temporary, file);
    }
    return `sha256:${hex}`;
  }

  /** The report's JSON text, or undefined for an unknown hash. */
  async read(hash: string): Promise<string | undefined> {
    if (!HASH.test(hash)) return undefined;
    try {
      return await fs.promises.readFile(path.join(this.dir, `${hash.slice(7)}.json`), 'utf8');
    } catch {
      return undefined;
    }
  }
}

/**
 * The server's simulations: each runs on the simulation threads, reports its progress (rows, the
 * portfolio's total, time left at the pace so far) and can be cancelled. Jobs live in memory (the
 * last hundred); their reports are files.
 */
export class SimulationJobs {
  private readonly jobs = new Map<string, { job: SimulationJob; abort: AbortController; done: Promise<void> }>();

  constructor(
    private readonly reports: ReportFiles,
    private readonly options: { threads?: number; clock: () => Date },
  ) {}

  get(id: string): SimulationJob | undefined {
    return this.jobs.get(id)?.job;
  }

  /** Resolves when the job has finished, failed or been cancelled. */
  settled(id: string): Promise<void> {
    return this.jobs.get(id)?.done ?? Promise.resolve();
  }

  cancel(id: string): SimulationJob | undefined {
    const entry = this.jobs.get(id);
    if (entry?.job.status === 'running') entry.abort.abort();
    return entry?.job;
  }

  start(input: {
    productId: string;
    portfolio: { hash: string; rows: number; file: string };
    definitions: ProductDefinition[];
    versions: SimulationJob['versions'];
    startedBy: string;
    asOf: string;
    onSettled?: (job: SimulationJob) => Promise<void>; // runs once the job is done, failed or cancelled (its final state set); its error is logged, never thrown
  }): SimulationJob {
    const started = performance.now();
    const job: SimulationJob = {
      id: randomUUID(),
      productId: input.productId,
      portfolio: input.portfolio.hash,
      versions: input.versions,
      status: 'running',
      progress: { rows: 0, total: input.portfolio.rows, elapsedMs: 0, remainingMs: null },
      startedBy: input.startedBy,
      startedAt: this.options.clock().toISOString(),
    };
    const abort = new AbortController();
    const done = (async () => {
      try {
        const result = await simulatePortfolio({
          definitions: input.definitions,
          source: fs.createReadStream(input.portfolio.file),
          format: 'jsonl',
          defaultAsOf: input.asOf,
          threads: threadsFor(input.portfolio.rows, this.options.threads),
          signal: abort.signal,
          onProgress: ({ rows }) => {
            const elapsedMs = performance.now() - started;
            job.progress = {
              rows,
              total: input.portfolio.rows,
              elapsedMs: Math.round(elapsedMs),
              remainingMs: rows ? Math.round((elapsedMs / rows) * Math.max(0, input.portfolio.rows - rows)) : null,
            };
          },
        });
        job.report = await this.reports.write(buildReport(result, input.definitions, { format: 'jsonl', defaultAsOf: input.asOf }));
        job.status = 'done';
        job.progress = { ...job.progress, remainingMs: 0 };
      } catch (error) {
        job.status = (error as Error).name === 'AbortError' ? 'cancelled' : 'failed';
        if (job.status === 'failed') job.error = (error as Error).message;
      }
      // the job keeps no logger: one JSON line on stderr, as pino writes it
      await input.onSettled?.(job).catch((error: unknown) => console.error(JSON.stringify({ level: 50, msg: 'simulation onSettled failed', job: job.id, error: (error as Error).message })));
    })();
    this.jobs.set(job.id, { job, abort, done });
    for (const [id, entry] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (entry.job.status !== 'running') this.jobs.delete(id);
    }
    return job;
  }
}
