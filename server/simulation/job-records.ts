import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A simulation running or finished on the server, as the studio polls it. */
export interface SimulationJob {
  id: string;
  productId: string;
  portfolio: string; // portfolio hash
  versions: { before: number | 'draft' | null; after: number | 'draft' }; // null: no before (one version)
  /** `cancelling`: a cancel was asked and the process running the job has not yet recorded it stopped (within one progress beat). */
  status: 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';
  progress: { rows: number; total: number; elapsedMs: number; remainingMs: number | null };
  startedBy: string;
  startedAt: string;
  report?: string; // report hash when done
  error?: string;
}

/** Whether the job has not ended: running, or cancelling (asked to stop, not yet stopped). */
export const isLive = (job: Pick<SimulationJob, 'status'>): boolean => job.status === 'running' || job.status === 'cancelling';

/** Job ids are UUIDs; anything else is unknown (and never reaches a path or a query). */
export const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Finished jobs kept (the newest); running ones are never removed. */
export const KEPT_JOBS = 100;

/**
 * Where simulation jobs are kept so that any process can answer for them: the process running a
 * job writes its progress (the heartbeat) at a bounded rate and its final state; any process reads
 * it and may ask for its cancellation. A job still 'running' whose process is gone (no heartbeat,
 * or not running in the only process there is) is read as failed, "interrupted", never as running
 * forever. Jobs hold no personal data (product, portfolio hash, counts, user name).
 */
export interface JobRecords {
  /** Stores a new running job (and drops the oldest finished ones beyond {@link KEPT_JOBS}). */
  insert(job: SimulationJob): Promise<void>;
  /** Stores a running job's progress (its heartbeat); resolves whether another process asked to cancel it. */
  progress(job: SimulationJob): Promise<{ cancelRequested: boolean }>;
  /** Stores the job's final state (done, failed or cancelled); it wins over an "interrupted" mark another process may have made. */
  finish(job: SimulationJob): Promise<void>;
  /** The stored job (the id already checked against {@link JOB_ID}); an orphaned running one is stored and returned as failed. */
  get(id: string): Promise<SimulationJob | undefined>;
  /** Asks the process running the job to cancel it; the job as stored (`cancelling` until that process records it stopped), or undefined when unknown. */
  requestCancel(id: string): Promise<SimulationJob | undefined>;
}

/** The job with its fields in the API's order (a jsonb column keeps its own key order). */
export function jobView(job: SimulationJob): SimulationJob {
  const { id, productId, portfolio, versions, status, progress, startedBy, startedAt, report, error } = job;
  return {
    id,
    productId,
    portfolio,
    versions: { before: versions.before, after: versions.after },
    status,
    progress: { rows: progress.rows, total: progress.total, elapsedMs: progress.elapsedMs, remainingMs: progress.remainingMs },
    startedBy,
    startedAt,
    ...(report === undefined ? {} : { report }),
    ...(error === undefined ? {} : { error }),
  };
}

/** The job as failed because its process stopped while it ran. */
export const interrupted = (job: SimulationJob, why: string): SimulationJob => ({ ...job, status: 'failed', progress: { ...job.progress, remainingMs: null }, error: `interrupted: ${why}` });

/**
 * Jobs as small JSON files `<dir>/<id>.json`, for the embedded store: one process owns the data
 * directory (it is locked), so a job file found 'running' that this process does not run was left
 * by a process that stopped — it is marked interrupted when read. A restart therefore shows the
 * finished jobs and the interrupted ones.
 */
export class FileJobRecords implements JobRecords {
  constructor(
    readonly dir: string,
    private readonly runningHere: (id: string) => boolean,
  ) {}

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private async write(job: SimulationJob): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const temporary = `${this.file(job.id)}.${randomUUID()}.tmp`;
    await fs.promises.writeFile(temporary, JSON.stringify(job));
    await fs.promises.rename(temporary, this.file(job.id)); // readers see the old or the new job, never half
  }

  private async read(id: string): Promise<SimulationJob | undefined> {
    try {
      return JSON.parse(await fs.promises.readFile(this.file(id), 'utf8')) as SimulationJob;
    } catch {
      return undefined;
    }
  }

  async insert(job: SimulationJob): Promise<void> {
    await this.write(job);
    const names = (await fs.promises.readdir(this.dir)).filter((name) => name.endsWith('.json'));
    if (names.length <= KEPT_JOBS) return;
    const jobs = (await Promise.all(names.map((name) => this.read(name.slice(0, -5))))).filter((stored): stored is SimulationJob => !!stored && !isLive(stored));
    jobs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
    for (const old of jobs.slice(KEPT_JOBS)) await fs.promises.rm(this.file(old.id), { force: true });
  }

  async progress(job: SimulationJob): Promise<{ cancelRequested: boolean }> {
    await this.write(job);
    return { cancelRequested: false }; // one process: a cancel reaches the job directly
  }

  finish = (job: SimulationJob): Promise<void> => this.write(job);

  async get(id: string): Promise<SimulationJob | undefined> {
    const job = await this.read(id);
    if (!job || !isLive(job) || this.runningHere(id)) return job;
    const failed = interrupted(job, 'the server stopped while this simulation ran; start it again');
    await this.write(failed);
    return failed;
  }

  requestCancel = (id: string): Promise<SimulationJob | undefined> => this.get(id); // not running here: nothing runs it
}
