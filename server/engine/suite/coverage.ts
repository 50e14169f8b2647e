import type { Catalog } from '../catalog.ts';
import { outputsOf } from '../compiler/ports-of.ts';
import type { TraceStep } from '../decision.ts';
import type { ProductDefinition } from '../product-definition.ts';

/** One kind of item a suite should reach, with the ones no case reached (in the product's order). */
export interface CoverageCount<T> {
  total: number;
  reached: number;
  unreached: T[];
}

/**
 * What a suite's cases reach in a product: blocks on some case's path, output ports taken (a
 * gate's `fail` counts when a case fails it, whether the port leads on, declines there or refers), rules
 * of rule sets that some case hits, and pricing-table rows some case matches.
 */
export interface Coverage {
  blocks: CoverageCount<{ blockId: string }>;
  ports: CoverageCount<{ blockId: string; port: string }>;
  rules: CoverageCount<{ blockId: string; ruleId: string }>;
  rows: CoverageCount<{ blockId: string; rowId: string }>;
}

/** Accumulates the traces of a suite's decisions, then counts against the product. */
export class CoverageTracker {
  private readonly blocks = new Set<string>();
  private readonly ports = new Set<string>();
  private readonly hits = new Set<string>(); // "block\nrule-or-row id"

  constructor(private readonly definition: ProductDefinition, private readonly catalog: Catalog) {}

  /** Records one decision's path. */
  add(trace: TraceStep[]): void {
    for (const step of trace) {
      this.blocks.add(step.blockId);
      const port = step.port ?? (step.result === 'fail' ? 'fail' : undefined);
      if (port) this.ports.add(`${step.blockId}\n${port}`);
      if (step.result === 'refer') this.ports.add(`${step.blockId}\nfail`); // a gate that refers failed its check and went on through pass
      const hits = (step.facts as { hits?: unknown } | undefined)?.hits;
      if ((step.type === 'rule-set' || step.type === 'pricing-table') && Array.isArray(hits)) for (const id of hits) this.hits.add(`${step.blockId}\n${id}`);
    }
  }

  coverage(): Coverage {
    const blocks: { blockId: string }[] = [];
    const ports: { blockId: string; port: string }[] = [];
    const rules: { blockId: string; ruleId: string }[] = [];
    const rows: { blockId: string; rowId: string }[] = [];
    for (const block of this.definition.blocks) {
      blocks.push({ blockId: block.id });
      const blockType = this.catalog.blockTypes.get(block.type);
      for (const output of blockType ? outputsOf(blockType, block.config) : []) ports.push({ blockId: block.id, port: output.id });
      if (block.type === 'rule-set') {
        for (const rule of (block.config.rules ?? []) as { id: string; enabled?: boolean }[]) if (rule.enabled !== false) rules.push({ blockId: block.id, ruleId: rule.id });
      }
      if (block.type === 'pricing-table') {
        ((block.config.rows ?? []) as { id?: string }[]).forEach((row, index) => rows.push({ blockId: block.id, rowId: row.id ?? `#${index + 1}` }));
      }
    }
    return {
      blocks: count(blocks, (item) => this.blocks.has(item.blockId)),
      ports: count(ports, (item) => this.ports.has(`${item.blockId}\n${item.port}`)),
      rules: count(rules, (item) => this.hits.has(`${item.blockId}\n${item.ruleId}`)),
      rows: count(rows, (item) => this.hits.has(`${item.blockId}\n${item.rowId}`)),
    };
  }
}

function count<T>(items: T[], reached: (item: T) => boolean): CoverageCount<T> {
  const unreached = items.filter((item) => !reached(item));
  return { total: items.length, reached: items.length - unreached.length, unreached };
}
