import type { Catalog } from '../engine/catalog.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { buildEvaluator, type Evaluator } from '../engine/runtime/evaluator.ts';
import type { PublishedVersion, Store } from '../store/store.ts';

/** Builds an evaluator for a compiled definition (the runtime's `buildEvaluator`; tests may pass another). */
export type EvaluatorBuilder = (definition: ProductDefinition, catalog: Catalog) => Evaluator;

/**
 * One published product version, ready to serve: its record and the evaluator built from it.
 * Immutable. A request takes one entry at its start and uses only it, so every answer comes from
 * exactly one version even while a newer one is being published.
 */
export interface RuntimeEntry {
  readonly productId: string;
  readonly version: number;
  readonly hash: string;
  readonly record: PublishedVersion; // the immutable published version
  readonly evaluator: Evaluator; // built once, when the entry was created
  readonly channels: ReadonlySet<string>; // channels this version is published to
}

/** Options of {@link RuntimeRegistry}. */
export interface RuntimeRegistryOptions {
  build?: EvaluatorBuilder; // default: the runtime's buildEvaluator
  historySize?: number; // older versions kept built in memory (least recently used are dropped), default 50
}

/** What {@link RuntimeRegistry.load} did: versions served, and versions whose evaluator could not be built. */
export interface LoadReport {
  loaded: number;
  failed: { productId: string; version: number; message: string }[];
}

/**
 * The channel runtime's evaluators: one per product's latest published version, built at `load`,
 * plus older versions built on demand (an LRU). `publish` builds the new version's evaluator
 * BEFORE it swaps the product's "latest" pointer, so the swap is atomic and needs no restart.
 */
export class RuntimeRegistry {
  private readonly build: EvaluatorBuilder;
  private readonly historySize: number;
  private readonly latestById = new Map<string, RuntimeEntry>();
  private readonly history = new Map<string, RuntimeEntry>(); // "<id>@<version>", oldest first
  private readonly pending = new Map<string, Promise<RuntimeEntry | undefined>>();
  private readonly retired = new Set<string>(); // archived products: no version of them is served
  private store: Store | undefined;
  private generationCounter = 0;

  constructor(
    private readonly catalog: Catalog,
    options: RuntimeRegistryOptions = {},
  ) {
    this.build = options.build ?? buildEvaluator;
    this.historySize = options.historySize ?? 50;
  }

  /** Builds an evaluator for every product's latest published version. Call once at start-up. */
  async load(store: Store): Promise<LoadReport> {
    this.store = store;
    const report: LoadReport = { loaded: 0, failed: [] };
    for (const version of await store.latestVersions()) {
      if ((await store.getProduct(version.productId))?.archived) {
        this.retired.add(version.productId);
        continue;
      }
      try {
        this.publish(version);
        report.loaded += 1;
      } catch (error) {
        report.failed.push({ productId: version.productId, version: version.version, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return report;
  }

  /** True once `load` has finished (for `/readyz`). */
  get ready(): boolean {
    return this.store !== undefined;
  }

  /** Increases with every change of a latest pointer; lets callers cache views of the whole set. */
  get generation(): number {
    return this.generationCounter;
  }

  /**
   * Serves a newly published version. The evaluator is built first (a failing build throws and
   * changes nothing); then the product's latest pointer is swapped in one assignment. A version
   * older than the current latest only joins the history.
   */
  publish(version: PublishedVersion): RuntimeEntry {
    const entry = this.createEntry(version);
    this.retired.delete(version.productId);
    const current = this.latestById.get(version.productId);
    if (current && current.version > entry.version) {
      this.remember(entry);
      return entry;
    }
    if (current && current.version !== entry.version) this.remember(current);
    this.latestById.set(version.productId, entry);
    this.generationCounter += 1;
    return entry;
  }

  /** Stops serving an archived product: its latest and pinned versions are gone for channels. */
  retire(productId: string): void {
    this.retired.add(productId);
    this.latestById.delete(productId);
    for (const key of [...this.history.keys()]) if (key.startsWith(`${productId}@`)) this.history.delete(key);
    this.generationCounter += 1;
  }

  /** The latest published version of a product, or undefined when it has none. */
  latest(productId: string): RuntimeEntry | undefined {
    return this.latestById.get(productId);
  }

  /** Every product's latest version. */
  latestEntries(): RuntimeEntry[] {
    return [...this.latestById.values()];
  }

  /** A pinned version: the latest, a remembered one, or one read from the store and built now. */
  async get(productId: string, version: number): Promise<RuntimeEntry | undefined> {
    if (this.retired.has(productId)) return undefined;
    const latest = this.latestById.get(productId);
    if (latest?.version === version) return latest;
    const key = `${productId}@${version}`;
    const remembered = this.history.get(key);
    if (remembered) {
      this.remember(remembered);
      return remembered;
    }
    const store = this.store;
    if (!store) return undefined;
    let loading = this.pending.get(key);
    if (!loading) {
      loading = store
        .getVersion(productId, version)
        .then((record) => {
          if (!record) return undefined;
          const entry = this.createEntry(record);
          this.remember(entry);
          return entry;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, loading);
    }
    return loading;
  }

  private createEntry(record: PublishedVersion): RuntimeEntry {
    const evaluator = this.build(record.definition, this.catalog);
    return Object.freeze({
      productId: record.productId,
      version: record.version,
      hash: record.hash,
      record,
      evaluator,
      channels: new Set(record.channels),
    });
  }

  /** Puts an entry at the young end of the LRU and drops the oldest beyond the history size. */
  private remember(entry: RuntimeEntry): void {
    const key = `${entry.productId}@${entry.version}`;
    this.history.delete(key);
    this.history.set(key, entry);
    while (this.history.size > this.historySize) {
      const oldest = this.history.keys().next().value as string;
      this.history.delete(oldest);
    }
  }
}
