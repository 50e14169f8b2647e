import os from 'node:os';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { APPLICATION_SCHEMA_ID } from '../engine/catalog.ts';
import { defaultCatalog, type Catalog } from '../catalog.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { TSX_BOOTSTRAP } from '../channel/decision-pool.ts';
import { checkBlockConfigs } from '../engine/runtime/evaluator.ts';
import { createChunkDecider, type BadRow, type ChangedRow, type ChunkResult, type SimulationSetup } from './decide-chunk.ts';
import { dictionariesOf, planColumns } from './portfolio-columns.ts';
import { jsonlRecordBatches, readPortfolioRecords, type PortfolioFormat, type PortfolioRecord } from './portfolio-records.ts';
import { mergeTally, newTally, type BinWidths, type Tally } from './tally.ts';

/** Main thread → simulation thread: the setup (to a thread started early), then chunks of records to decide. */
export type ToSimulationThread = { kind: 'setup'; setup: SimulationSetup } | { kind: 'chunk'; seq: number; records: PortfolioRecord[] };
/** Simulation thread → main thread. `seq` -1: the thread could not start. */
export type FromSimulationThread = { kind: 'ready' } | { kind: 'result'; seq: number; result: ChunkResult } | { kind: 'failed'; seq: number; message: string };

/** Options of {@link simulatePortfolio}. */
export interface SimulateOptions {
  definitions: ProductDefinition[]; // [after] alone, or [before, after]
  source: Readable; // the portfolio file's bytes
  format: PortfolioFormat;
  defaultAsOf: string; // YYYY-MM-DD for rows without asOf (fixed per run: the report must not depend on the day)
  threads?: number; // simulation threads; default one per core; 0 decides in this thread
  chunkSize?: number; // records per message to a thread
  keep?: number; // changed applicants and bad rows kept in the result (the first ones, in file order); the rest only counted or streamed
  onChanged?: (rows: ChangedRow[]) => void; // every changed applicant, in file order (to stream them to a file)
  onProgress?: (progress: { rows: number; decided: number; bad: number }) => void; // after each chunk, in file order
  signal?: AbortSignal; // cancels: threads stop, the promise rejects with an AbortError
  catalog?: Catalog; // this thread's catalog (default: the process-wide one); threads load their own
}

/** The outcome of a simulation before it is written as a report. */
export interface SimulationResult {
  tally: Tally;
  changed: ChangedRow[];
  bad: BadRow[];
  widths: BinWidths;
  columns?: string[];
}

/** Why the whole portfolio is refused (a CSV header no row can be read with); rows' own faults are bad rows instead. */
export class PortfolioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const NICE = [1, 2, 2.5, 5, 10];
/** A round bin width near range ÷ bins (1, 2, 2.5 or 5 times a power of ten), in the same scaled units. */
function niceWidth(range: number, bins: number): number {
  const raw = Math.max(1, range / bins);
  const power = 10 ** Math.floor(Math.log10(raw));
  return Math.round(power * NICE.find((n) => n * power >= raw)!);
}

/** Bin widths from the products' amount bounds: about 20 limit bins; rates and APRs by 0.25 percentage point. */
export function binWidthsOf(definitions: ProductDefinition[]): BinWidths {
  const maxCents = Math.max(...definitions.map((d) => Math.round(Number(d.product.amount.max) * 100)));
  return { limit: niceWidth(maxCents, 20), rate: 2500, apr: 2500 };
}

/**
 * Below this many rows a portfolio is decided in the calling thread: starting the threads (each
 * loads the catalog and builds both versions) costs more than deciding a few thousand rows.
 */
export const THREADS_FROM_ROWS = 20_000;

/** The thread count for a portfolio of `rows` (known for a stored one): none when it is small. */
export const threadsFor = (rows: number, threads: number | undefined): number | undefined => (rows < THREADS_FROM_ROWS ? 0 : threads);

const abortError = () => Object.assign(new Error('the simulation was cancelled'), { name: 'AbortError' });

/**
 * Decides every row of a portfolio against one or two versions on worker threads and tallies the
 * outcomes. The file is read as fast as the threads decide (at most two chunks per thread in
 * flight), and results are taken in file order, so memory is bounded by the chunk size, not the
 * portfolio, and the result is the same whatever the thread count.
 */
export async function simulatePortfolio(options: SimulateOptions): Promise<SimulationResult> {
  const { definitions, signal } = options;
  const keep = options.keep ?? 1000;
  const chunkSize = options.chunkSize ?? 500;
  const widths = binWidthsOf(definitions);
  const setup: SimulationSetup = { definitions, defaultAsOf: options.defaultAsOf, widths };
  const catalog = options.catalog ?? defaultCatalog();
  let header: string[] | undefined;
  let records: AsyncGenerator<PortfolioRecord> | undefined; // CSV's, record by record; JSON lines are read in batches
  if (options.format === 'csv') {
    records = readPortfolioRecords(options.source, 'csv');
    const first = await records.next();
    if (first.done || !('cells' in first.value)) throw new PortfolioError(['the CSV file has no header line']);
    header = first.value.cells;
    const planned = planColumns(header, dictionariesOf(catalog.schemas.schema(APPLICATION_SCHEMA_ID)!, definitions));
    if (planned.errors.length) throw new PortfolioError(planned.errors);
    setup.columns = planned.columns;
  }
  const result: SimulationResult = { tally: newTally(definitions.length), changed: [], bad: [], widths, ...(header ? { columns: header } : {}) };
  const take = (chunk: ChunkResult) => {
    mergeTally(result.tally, chunk.tally);
    if (result.changed.length < keep) result.changed.push(...chunk.changed.slice(0, keep - result.changed.length));
    if (result.bad.length < keep) result.bad.push(...chunk.bad.slice(0, keep - result.bad.length));
    if (chunk.changed.length) options.onChanged?.(chunk.changed);
    options.onProgress?.({ rows: result.tally.rows, decided: result.tally.decided, bad: result.tally.bad });
  };
  const threads = options.threads ?? os.availableParallelism();
  const chunks = chunksOf(records ? oneByOne(records) : jsonlRecordBatches(options.source), chunkSize);
  try {
    if (threads <= 0) await inThisThread(chunks, setup, catalog, take, signal);
    else {
      // checked once here, where the config validators are compiled, instead of in every thread
      for (const definition of definitions) checkBlockConfigs(definition, catalog);
      await onThreads(chunks, { ...setup, configsChecked: true }, threads, take, signal);
    }
  } finally {
    await chunks.return(undefined);
    await records?.return(undefined);
    options.source.destroy();
  }
  return result;
}

/** CSV records as batches of one, for {@link chunksOf}. */
async function* oneByOne(records: AsyncGenerator<PortfolioRecord>): AsyncGenerator<PortfolioRecord[]> {
  for await (const record of records) yield [record];
}

/** Batches of records as read (a JSON-lines piece, a CSV record), regrouped into chunks of `size` in file order (the last may be shorter). */
async function* chunksOf(batches: AsyncGenerator<PortfolioRecord[]>, size: number): AsyncGenerator<PortfolioRecord[]> {
  let chunk: PortfolioRecord[] = [];
  for await (const batch of batches) {
    for (const record of batch) {
      chunk.push(record);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length) yield chunk;
}

async function inThisThread(chunks: AsyncGenerator<PortfolioRecord[]>, setup: SimulationSetup, catalog: Catalog, take: (chunk: ChunkResult) => void, signal?: AbortSignal): Promise<void> {
  const decide = createChunkDecider(setup, catalog);
  for await (const chunk of chunks) {
    if (signal?.aborted) throw abortError();
    take(decide(chunk));
    await new Promise((resolve) => setImmediate(resolve)); // lets progress reports and a cancel through
  }
}

interface Thread {
  worker: Worker;
  pending: number;
}

function startThread(setup?: SimulationSetup): Worker {
  const script = new URL(import.meta.url.endsWith('.ts') ? './simulation-thread.ts' : './simulation-thread.mjs', import.meta.url); // dist/*.mjs have dist/simulation-thread.mjs beside them
  const data = setup ? { setup } : {};
  return script.pathname.endsWith('.ts') ? new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { script: script.href, ...data } }) : new Worker(script, { workerData: data });
}

const early: Worker[] = []; // threads started by startSimulationThreads, not yet given a setup

/**
 * Starts simulation threads before the versions are compiled, so that they load their code and
 * catalog meanwhile (`npm run simulate` calls it first thing); the next simulatePortfolio on
 * threads takes them. They do not keep the process alive while they wait.
 */
export function startSimulationThreads(count = os.availableParallelism()): void {
  for (let i = 0; i < count; i++) {
    const worker = startThread();
    worker.on('error', () => undefined); // reported when the thread is taken (it answers the setup with `failed`), or it is gone
    worker.once('exit', () => {
      const at = early.indexOf(worker);
      if (at >= 0) early.splice(at, 1); // a thread that stopped while waiting is not handed out
    });
    worker.unref();
    early.push(worker);
  }
}

/** A thread for this run: one started early, sent the setup, else a new one started with it. */
function takeThread(setup: SimulationSetup): Worker {
  const worker = early.shift();
  if (!worker) return startThread(setup);
  worker.ref();
  worker.postMessage({ kind: 'setup', setup } satisfies ToSimulationThread);
  return worker;
}

async function onThreads(chunks: AsyncGenerator<PortfolioRecord[]>, setup: SimulationSetup, count: number, take: (chunk: ChunkResult) => void, signal?: AbortSignal): Promise<void> {
  const threads: Thread[] = Array.from({ length: count }, () => ({ worker: takeThread(setup), pending: 0 }));
  const done = new Map<number, ChunkResult>();
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let failure: Error | undefined;
  let next = 0; // the next chunk to take, in file order
  let stopStart: (error: Error) => void = () => undefined;
  const startStopped = new Promise<never>((_, reject) => (stopStart = reject)); // a cancel while the threads start (seconds on a loaded machine) need not wait for them
  startStopped.catch(() => undefined);
  const fail = (error: Error) => {
    failure ??= error;
    stopStart(failure);
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  const onAbort = () => fail(abortError());
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const ready = threads.map(
    (thread) =>
      new Promise<void>((resolve, reject) => {
        thread.worker.on('message', (message: FromSimulationThread) => {
          if (message.kind === 'ready') return resolve();
          if (message.kind === 'failed') {
            const error = new Error(`a simulation thread failed: ${message.message}`);
            reject(error);
            return fail(error);
          }
          thread.pending -= 1;
          done.set(message.seq, message.result);
          while (done.has(next)) {
            take(done.get(next)!);
            done.delete(next);
            waiting.get(next)?.resolve();
            waiting.delete(next);
            next += 1;
          }
        });
        thread.worker.on('error', (error) => {
          reject(error);
          fail(error);
        });
        thread.worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a simulation thread stopped (exit ${code})`));
        });
      }),
  );
  try {
    await Promise.race([Promise.all(ready), startStopped]);
    let seq = 0;
    const inFlight: Promise<void>[] = [];
    for await (const chunk of chunks) {
      if (failure) throw failure;
      if (signal?.aborted) throw abortError();
      const thread = threads.reduce((best, t) => (t.pending < best.pending ? t : best));
      thread.pending += 1;
      const own = seq++;
      const finished = new Promise<void>((resolve, reject) => waiting.set(own, { resolve, reject }));
      finished.catch(() => undefined); // a failure is thrown where the chunk is awaited, never unhandled
      thread.worker.postMessage({ kind: 'chunk', seq: own, records: chunk } satisfies ToSimulationThread);
      inFlight.push(finished);
      if (inFlight.length >= 2 * count) await inFlight.shift();
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}
