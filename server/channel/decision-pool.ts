import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { answerDecision, type DecisionCall, type DecisionReply } from './decision-request.ts';
import type { RuntimeEntry } from './runtime-registry.ts';

/** Main thread → decision thread. */
export type ToDecisionThread =
  | { kind: 'load'; key: string; definition: ProductDefinition }
  | { kind: 'drop'; key: string }
  | { kind: 'decide'; id: number; key: string; call: DecisionCall };

/** Decision thread → main thread. `unavailable`: the thread could not decide (its build failed); the main thread decides instead. */
export type FromDecisionThread = { id: number; kind: 'answer'; reply: DecisionReply } | { id: number; kind: 'unavailable'; message: string };

/** `DECISION_THREADS` (a whole number ≥ 0), else one thread per core beyond the first, at most 8. */
export function decisionThreadCount(value = process.env.DECISION_THREADS): number {
  if (value !== undefined && value !== '') {
    if (!/^[0-9]{1,2}$/.test(value)) throw new Error(`DECISION_THREADS must be a whole number from 0 to 99, got "${value}"`);
    return Number(value);
  }
  return Math.min(8, Math.max(0, os.availableParallelism() - 1));
}

interface Pending { resolve: (reply: DecisionReply) => void; entry: RuntimeEntry; call: DecisionCall }
interface Thread { worker: Worker; loaded: Set<string>; pending: Map<number, Pending>; ready: boolean }

/** Options of {@link DecisionPool}. */
export interface DecisionPoolOptions {
  logger?: Logger; // warnings when a thread cannot decide or stops
  script?: URL; // the thread's module (tests); default decision-thread.mjs beside the bundle, or decision-thread.ts through tsx
}

/** How many decisions threads made, and how many fell to the main thread (no thread ready, a failed build, a stopped thread). */
export interface DecisionPoolStats { threads: number; inThreads: number; inMainThread: number; replacedThreads: number }

/** Runs a TypeScript thread module (tests, `npm run dev`): registers tsx in the new thread, then imports the module. */
export const TSX_BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(require('node:worker_threads').workerData.script); });`;
const LOADED_PER_THREAD = 64; // product versions kept built in each thread; the least recently sent is dropped beyond that
const MAX_FAILED_STARTS = 3; // threads in a row that stop before they are ready; then the main thread decides
const keyOf = (entry: RuntimeEntry) => `${entry.productId}@${entry.version}`;

/**
 * Decision threads: `worker_threads` that hold their own evaluators and answer decision requests
 * (body text in, JSON text out), so the main thread only reads bodies, routes and writes while
 * decisions run on the other cores. The main
 * thread picks the version (a RuntimeEntry) when the request starts; the thread is sent that
 * version's definition before the first application for it (messages to a thread arrive in order,
 * so it always has the version it is asked for). A thread that dies or cannot build a version
 * never loses a request: the main thread decides it with the entry's own evaluator, and a dead
 * thread is replaced. Decisions are byte-identical either way (same definition, same code).
 */
export class DecisionPool {
  private readonly threads: Thread[] = [];
  private readonly logger: Logger | undefined;
  private readonly script: URL | undefined;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly counts = { inThreads: 0, inMainThread: 0, replacedThreads: 0 };
  private nextId = 1;
  private closing = false;
  private failedStarts = 0; // threads in a row that stopped before they were ready
  private gaveUp = false; // after MAX_FAILED_STARTS of them, no more threads are started

  constructor(size: number, options: DecisionPoolOptions = {}) {
    this.logger = options.logger;
    this.script = options.script;
    for (let i = 0; i < size; i++) this.threads.push(this.spawn());
  }

  get size(): number {
    return this.threads.length;
  }

  stats(): DecisionPoolStats {
    return { threads: this.threads.length, ...this.counts };
  }

  /** Resolves when every thread has loaded its catalog (until then, decisions run in the main thread), or the pool gave up starting threads. */
  ready(): Promise<void> {
    if (this.threads.every((thread) => thread.ready)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Answers a decision request on the least busy thread; never rejects (falls back to the main thread). */
  answer(entry: RuntimeEntry, call: DecisionCall): Promise<DecisionReply> {
    const thread = this.leastBusy();
    if (!thread || this.closing) return Promise.resolve(this.inMainThread(entry, call));
    const key = keyOf(entry);
    if (thread.loaded.has(key)) {
      thread.loaded.delete(key); // most recently used last
    } else {
      this.post(thread, { kind: 'load', key, definition: entry.record.definition });
      if (thread.loaded.size >= LOADED_PER_THREAD) {
        const oldest = thread.loaded.values().next().value as string;
        thread.loaded.delete(oldest);
        this.post(thread, { kind: 'drop', key: oldest });
      }
    }
    thread.loaded.add(key);
    const id = this.nextId++;
    return new Promise((resolve) => {
      thread.pending.set(id, { resolve, entry, call });
      this.post(thread, { kind: 'decide', id, key, call });
    });
  }

  /** Stops the threads; decisions still pending are made in the main thread. */
  async close(): Promise<void> {
    this.closing = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) this.settleInMainThread(thread);
    this.settleReadyWaiters();
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private inMainThread(entry: RuntimeEntry, call: DecisionCall): DecisionReply {
    this.counts.inMainThread += 1;
    return answerDecision(entry.evaluator, call);
  }

  private leastBusy(): Thread | undefined {
    let best: Thread | undefined;
    for (const thread of this.threads) if (thread.ready && (!best || thread.pending.size < best.pending.size)) best = thread;
    return best;
  }

  private post(thread: Thread, message: ToDecisionThread): void {
    thread.worker.postMessage(message);
  }

  private spawn(): Thread {
    const script = this.script ?? new URL(import.meta.url.endsWith('.ts') ? './decision-thread.ts' : './decision-thread.mjs', import.meta.url); // dist/server.mjs has dist/decision-thread.mjs beside it
    const worker = script.pathname.endsWith('.ts') ? new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { script: script.href } }) : new Worker(script);
    worker.unref(); // the server's listening socket keeps the process alive, not its decision threads
    const thread: Thread = { worker, loaded: new Set(), pending: new Map(), ready: false };
    worker.on('message', (message: FromDecisionThread | { kind: 'ready' }) => {
      if (message.kind === 'ready') {
        thread.ready = true;
        this.failedStarts = 0;
        this.settleReadyWaiters();
        return;
      }
      const pending = thread.pending.get(message.id);
      if (!pending) return;
      thread.pending.delete(message.id);
      if (message.kind === 'answer') {
        this.counts.inThreads += 1;
        return pending.resolve(message.reply);
      }
      this.logger?.warn({ event: 'decision-thread', product: pending.entry.productId, version: pending.entry.version, message: message.message }, 'a decision thread could not decide; decided in the main thread');
      thread.loaded.delete(keyOf(pending.entry));
      pending.resolve(this.inMainThread(pending.entry, pending.call));
    });
    const replace = (reason: string) => {
      const index = this.threads.indexOf(thread);
      if (index < 0) return; // closed or already replaced
      this.threads.splice(index, 1);
      this.settleInMainThread(thread);
      if (!this.closing && !this.gaveUp) {
        this.failedStarts = thread.ready ? 0 : this.failedStarts + 1;
        if (this.failedStarts >= MAX_FAILED_STARTS) {
          this.gaveUp = true;
          this.logger?.error({ event: 'decision-thread', reason }, 'decision threads cannot start; deciding in the main thread');
        } else {
          this.logger?.error({ event: 'decision-thread', reason }, 'a decision thread stopped; starting another');
          this.counts.replacedThreads += 1;
          this.threads.push(this.spawn());
        }
      }
      this.settleReadyWaiters();
    };
    worker.on('error', (error) => replace(error.message));
    worker.on('exit', (code) => replace(`exit ${code}`));
    return thread;
  }

  private settleReadyWaiters(): void {
    if (this.threads.every((thread) => thread.ready)) for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  private settleInMainThread(thread: Thread): void {
    for (const pending of thread.pending.values()) pending.resolve(this.inMainThread(pending.entry, pending.call));
    thread.pending.clear();
  }
}
