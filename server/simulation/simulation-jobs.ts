import { randomUUID } from 'node:crypto';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { HttpProblem } from '../http/problem.ts';
import { interrupted, JOB_ID, type JobRecords, type SimulationJob } from './job-records.ts';
import { DamagedLineMap } from './line-map.ts';
import type { Portfolios } from './portfolio-store.ts';
import { buildReport } from './report.ts';
import type { Reports } from './report-store.ts';
import { simulatePortfolio, threadsFor } from './simulate.ts';

export type { SimulationJob } from './job-records.ts';

/** Where a job's failure of its `onSettled` (or of storing its state) is told; nothing personal is passed. */
export interface JobLogger {
  error(details: object, message: string): void;
}

/** What {@link SimulationJobs.start} is given. */
export interface StartSimulation {
  productId: string;
  portfolio: { hash: string; rows: number };
  definitions: ProductDefinition[];
  versions: SimulationJob['versions'];
  startedBy: string;
  asOf: string;
  /** Runs on the process that ran the job, once its final state (done, failed, cancelled) is stored; a rejection is logged. */
  onSettled?: (job: SimulationJob) => Promise<void>;
}

/** A moment of a run: when (ms), and how many rows had been decided by then. */
export interface Reading {
  at: number;
  rows: number;
}

/**
 * The time left, at the pace since the first chunk was decided: the threads' start-up (a second or
 * two before any row) is not a cost of the rows still to come, and counting it made the first
 * estimates several times too long (约剩 544 秒 at 500 rows of 100,000). Null until there is a pace.
 */
export function timeLeft(first: Reading, now: Reading, total: number): number | null {
  const rows = now.rows - first.rows;
  if (rows <= 0) return null;
  return Math.round(((now.at - first.at) / rows) * Math.max(0, total - now.rows));
}

/** Why a job was stopped without anyone cancelling it: its process is stopping (the abort's reason). */
class Interruption extends Error {}

/** How often a running job's progress and heartbeat are stored, and a cancel from another process is looked for. */
export const PROGRESS_EVERY_MS = 500;

/**
 * The server's simulations: each runs on the simulation threads of the process that started it,
 * reports its progress (rows, the portfolio's total, time left at the pace so far) and can be
 * cancelled — through any process sharing the same {@link JobRecords}: the running process stores
 * its progress every {@link PROGRESS_EVERY_MS} and reads back whether a cancel was asked.
 */
export class SimulationJobs {
  private readonly running = new Map<string, { job: SimulationJob; abort: AbortController; done: Promise<void> }>();
  readonly records: JobRecords;
  private stopping: string | undefined; // set by interruptAll: why this process runs no more simulations

  constructor(
    private readonly portfolios: Portfolios,
    private readonly reports: Reports,
    records: JobRecords | ((runningHere: (id: string) => boolean) => JobRecords),
    private readonly options: { threads?: number; clock: () => Date; logger?: JobLogger; progressEveryMs?: number },
  ) {
    this.records = typeof records === 'function' ? records((id) => this.running.has(id)) : records;
  }

  /** How many jobs this process runs now (each on its own simulation threads). */
  get runningHere(): number {
    return this.running.size;
  }

  /** The job as this process runs it, else as stored; undefined for an unknown id. */
  async get(id: string): Promise<SimulationJob | undefined> {
    if (!JOB_ID.test(id)) return undefined;
    const local = this.running.get(id);
    return local ? structuredClone(local.job) : this.records.get(id);
  }

  /** Resolves when a job this process runs has finished, failed or been cancelled (and `onSettled` has run). */
  settled(id: string): Promise<void> {
    return this.running.get(id)?.done ?? Promise.resolve();
  }

  /**
   * Cancels the job here when this process runs it (and waits, up to `withinMs`, for it to stop and
   * store so), else asks the process that runs it. The job as it then is — `cancelling` while the
   * process running it has not yet stopped it — or undefined when unknown.
   */
  async cancel(id: string, withinMs = 2000): Promise<SimulationJob | undefined> {
    if (!JOB_ID.test(id)) return undefined;
    const local = this.running.get(id);
    if (!local) return this.records.requestCancel(id);
    if (local.job.status === 'running') local.job.status = 'cancelling'; // what a beat stores, and what get() answers, until it stopped
    local.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([local.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    clearTimeout(timer);
    return this.get(id);
  }

  /**
   * The process is stopping (SIGTERM/SIGINT): every simulation it runs stops and is stored as failed,
   * "interrupted: <why>" — what every process already shows for a job whose process died, so the
   * studio and the other replicas show the final state at once instead of after the stale limit (or,
   * with the embedded store, at the next start). Later starts are refused (503 SHUTTING_DOWN).
   * Resolves with how many jobs were stopped, once their final states are stored (and their
   * `onSettled` ran), or after `withinMs` with the ones still running (they stay for the stale rule).
   */
  async interruptAll(why: string, withinMs = 5000): Promise<{ stopped: number; unsettled: number }> {
    this.stopping = why;
    const jobs = [...this.running.values()];
    for (const { abort } of jobs) abort.abort(new Interruption(why));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([Promise.all(jobs.map(({ done }) => done)), late]);
    clearTimeout(timer);
    return { stopped: jobs.length, unsettled: this.running.size };
  }

  /** Stores the job as running and starts it; resolves once it is stored (any process can then answer for it). */
  async start(input: StartSimulation): Promise<SimulationJob> {
    if (this.stopping) throw new HttpProblem(503, 'SHUTTING_DOWN', 'This server is stopping; start the simulation again in a moment');
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
    await this.records.insert(job);
    const abort = new AbortController();
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    this.running.set(job.id, { job, abort, done });
    if (this.stopping) abort.abort(new Interruption(this.stopping)); // the stop came while the job was being stored
    void this.run(job, input, abort, started).finally(resolveDone);
    return structuredClone(job);
  }

  private async run(job: SimulationJob, input: StartSimulation, abort: AbortController, started: number): Promise<void> {
    const total = input.portfolio.rows;
    let storing: Promise<void> | undefined;
    const tick = () => {
      if (storing) return; // the last write is still on its way: skip a beat rather than queue them
      job.progress = { ...job.progress, elapsedMs: Math.round(performance.now() - started) };
      storing = this.records
        .progress(structuredClone(job))
        .then(({ cancelRequested }) => {
          if (cancelRequested) abort.abort();
        })
        .catch((error: unknown) => this.options.logger?.error({ job: job.id, err: (error as Error).message }, 'could not store a simulation’s progress'))
        .finally(() => (storing = undefined));
    };
    let first: Reading | undefined; // the first chunk decided: the pace is taken from there on
    const timer = setInterval(tick, this.options.progressEveryMs ?? PROGRESS_EVERY_MS);
    timer.unref();
    try {
      const lines = await this.portfolios.lineMap(input.productId, input.portfolio.hash);
      const source = await this.portfolios.openRows(input.productId, input.portfolio.hash);
      if (!source) throw new Error('the portfolio is no longer stored');
      const result = await simulatePortfolio({
        definitions: input.definitions,
        source,
        format: 'jsonl',
        defaultAsOf: input.asOf,
        threads: threadsFor(total, this.options.threads),
        signal: abort.signal,
        onProgress: ({ rows }) => {
          const now = performance.now();
          first ??= { at: now, rows };
          job.progress = { rows, total, elapsedMs: Math.round(now - started), remainingMs: timeLeft(first, { at: now, rows }, total) };
        },
      });
      // the report names the lines of the file the user uploaded (an approver looks applicants up in it), not the stored rows'
      if (lines) {
        for (const row of result.changed) row.line = lines.uploadedLine(row.line);
        for (const row of result.bad) row.line = lines.uploadedLine(row.line);
      }
      job.report = await this.reports.write(buildReport(result, input.definitions, { format: 'jsonl', defaultAsOf: input.asOf }));
      job.status = 'done';
      job.progress = { ...job.progress, remainingMs: 0 };
    } catch (error) {
      // a damaged line map fails the job, not falls back to stored rows: the report would name wrong lines, and an approver would look up the wrong applicants
      if (error instanceof DamagedLineMap) this.options.logger?.error({ job: job.id, productId: error.productId, portfolio: error.hash, err: error.message }, 'a portfolio’s line map is damaged');
      job.status = (error as Error).name === 'AbortError' ? 'cancelled' : 'failed';
      if (job.status === 'failed') job.error = (error as Error).message;
      if (abort.signal.reason instanceof Interruption) Object.assign(job, interrupted(job, abort.signal.reason.message));
    } finally {
      clearInterval(timer);
    }
    await storing;
    try {
      await this.records.finish(structuredClone(job));
    } catch (error) {
      this.options.logger?.error({ job: job.id, err: (error as Error).message }, 'could not store a simulation’s final state');
    }
    this.running.delete(job.id);
    if (!input.onSettled) return;
    try {
      await input.onSettled(structuredClone(job));
    } catch (error) {
      this.options.logger?.error({ job: job.id, status: job.status, err: (error as Error).message }, 'a simulation’s onSettled failed');
    }
  }
}
