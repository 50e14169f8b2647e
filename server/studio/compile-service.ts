import { createHash } from 'node:crypto';
import { compile } from '../engine/compiler/compile.ts';
import { buildEvaluator, type Evaluator } from '../engine/runtime/evaluator.ts';
import type { Catalog } from '../engine/catalog.ts';
import type { Diagnostic } from '../engine/diagnostics.ts';
import type { FlowDocument } from '../engine/flow-document.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import type { Store } from '../store/store.ts';
import { capErrors, fieldOf } from '../engine/error-cap.ts';

/** What a compile gives the studio. */
export interface CompileOutcome {
  product?: ProductDefinition;
  diagnostics: Diagnostic[];
  diagnosticsOmitted?: number; // diagnostics past the cap, counted but not listed
}

/** Diagnostics a compile lists: up to 20 of one code on one field, 500 in all (a real product has a few dozen). */
const DIAGNOSTIC_CAP = { perField: 20, total: 500 };

type ResolvedBase = { document: FlowDocument; version: number | null; hash?: string };

/**
 * A least-recently-used cache bounded by entry count and by total weight (the JSON size of what
 * was compiled), so a few credit-factory-sized drafts cannot hold hundreds of megabytes.
 */
class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private weight = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
  ) {}
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }
  set(key: string, value: V, weight = 0): void {
    const old = this.entries.get(key);
    if (old) this.weight -= old.weight;
    this.entries.delete(key);
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || this.weight > this.maxWeight)) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { weight: number }];
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }
  get size(): number {
    return this.entries.size;
  }
}

/** The JSON text of what is compiled and its digest (the text's length weighs the cache entry). */
function digest(value: unknown): { key: string; size: number } {
  const json = JSON.stringify(value) ?? 'undefined';
  return { key: createHash('sha256').update(json).digest('hex'), size: json.length };
}

/**
 * Compiles drafts for the studio. A derived product's base is read from the store before the
 * (synchronous, pure) compiler runs: the pinned version, else the latest published version, else
 * the base's current draft. Results are cached by the document and the base it resolved to, and
 * evaluators by definition hash, so typing in the studio does not recompile unchanged products.
 */
export class CompileService {
  private readonly compiled = new BoundedCache<CompileOutcome>(256, 32 * 1024 * 1024); // 256 outcomes, 32 MB of compiled JSON
  private readonly evaluators = new BoundedCache<Evaluator>(32); // evaluators of the drafts being simulated now

  constructor(
    private readonly store: Store,
    private readonly catalog: Catalog,
  ) {}

  /** Looks up the base a derived document names (undefined when it has none or it cannot be found). */
  async resolveBase(document: unknown): Promise<ResolvedBase | undefined> {
    const base = (document as FlowDocument | null)?.base;
    if (!base || typeof base !== 'object' || typeof base.productId !== 'string') return undefined;
    if (base.version !== undefined) {
      if (!Number.isInteger(base.version)) return undefined;
      const pinned = await this.store.getVersion(base.productId, base.version);
      return pinned && { document: pinned.document, version: pinned.version, hash: pinned.hash };
    }
    const latest = await this.store.latestVersion(base.productId);
    if (latest) return { document: latest.document, version: latest.version, hash: latest.hash };
    const draft = await this.store.getProduct(base.productId);
    return draft && { document: draft.document, version: null };
  }

  /** Compiles any value as a flow document; never throws (bad documents come back as diagnostics). */
  async compile(document: unknown): Promise<CompileOutcome> {
    const base = await this.resolveBase(document);
    const { key, size } = digest([document, base ?? null]);
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const result = compile(document, {
      catalog: this.catalog,
      resolveBase: (ref) => (base && ref.productId === (document as FlowDocument).base?.productId ? base : undefined),
      version: null,
    });
    const { kept, omitted } = capErrors(result.diagnostics, DIAGNOSTIC_CAP, (diagnostic) => `${diagnostic.code} ${fieldOf(diagnostic.pointer ?? '')}`);
    const totalOmitted = omitted + (result.diagnosticsOmitted ?? 0);
    const outcome: CompileOutcome = { product: result.product, diagnostics: kept, ...(totalOmitted ? { diagnosticsOmitted: totalOmitted } : {}) };
    this.compiled.set(key, outcome, size);
    return outcome;
  }

  /** An evaluator for a compiled definition, built once per definition hash. */
  evaluator(definition: ProductDefinition): Evaluator {
    const cached = this.evaluators.get(definition.hash);
    if (cached) return cached;
    const evaluator = buildEvaluator(definition, this.catalog);
    this.evaluators.set(definition.hash, evaluator);
    return evaluator;
  }
}

/** True when any diagnostic is an error (which blocks submitting, not saving). */
export const hasErrors = (diagnostics: Diagnostic[]): boolean => diagnostics.some((diagnostic) => diagnostic.severity === 'error');
