import { createHash } from 'node:crypto';
import { compile } from '../engine/compiler/compile.ts';
import { buildEvaluator, type Evaluator } from '../engine/runtime/evaluator.ts';
import type { Catalog } from '../engine/catalog.ts';
import type { Diagnostic } from '../engine/diagnostics.ts';
import type { FlowDocument } from '../engine/flow-document.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import type { Store } from '../store/store.ts';

/** What a compile gives the studio. */
export interface CompileOutcome {
  product?: ProductDefinition;
  diagnostics: Diagnostic[];
}

type ResolvedBase = { document: FlowDocument; version: number | null; hash?: string };

const MAX_ENTRIES = 256;

/** A small insertion-ordered cache that forgets its oldest entry when full. */
class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  get(key: string): V | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: V): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }
}

const digest = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex');

/**
 * Compiles drafts for the studio. A derived product's base is read from the store before the
 * (synchronous, pure) compiler runs: the pinned version, else the latest published version, else
 * the base's current draft. Results are cached by the document and the base it resolved to, and
 * evaluators by definition hash, so typing in the studio does not recompile unchanged products.
 */
export class CompileService {
  private readonly compiled = new BoundedCache<CompileOutcome>();
  private readonly evaluators = new BoundedCache<Evaluator>();

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
    const key = digest([document, base ?? null]);
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const result = compile(document, {
      catalog: this.catalog,
      resolveBase: (ref) => (base && ref.productId === (document as FlowDocument).base?.productId ? base : undefined),
      version: null,
    });
    const outcome: CompileOutcome = { product: result.product, diagnostics: result.diagnostics };
    this.compiled.set(key, outcome);
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
