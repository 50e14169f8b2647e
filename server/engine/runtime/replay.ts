import type { BlockResult } from '../block-type.ts';
import { Decimal } from '../money.ts';
import type { ProductDefinition } from '../product-definition.ts';
import type { OfferResult } from './offer.ts';

/**
 * Deciding one application under two versions of a product (a portfolio simulation) walks the
 * same blocks twice when the change touches only a few of them. Blocks are pure (BlockType.evaluate
 * is a function of its compiled config and its input), so the second version may take the first
 * version's result for a block compiled from the same config, as long as everything before it on
 * the path gave equal results (then the block's input, the offer built so far, is equal too). A
 * changed block is evaluated and its result compared; from the first result that differs on, the
 * second version evaluates everything itself. The decision is the same as deciding it alone;
 * test/engine/replay.test.ts checks that on whole portfolios.
 */

/** What one decision's walk leaves for a second version to replay: validity, then each step's block and result, then the offer built at the end. */
export interface WalkLog {
  valid: boolean; // the application passed this version's checks (schema limits and validation)
  nodes: string[]; // block id at each step
  results: BlockResult[]; // that block's result
  offer?: OfferResult; // what buildOffer gave at an approve outcome
}

/** A walk log to fill (reuse one per thread: `resetWalkLog` empties it without allocating). */
export const newWalkLog = (): WalkLog => ({ valid: false, nodes: [], results: [] });

export function resetWalkLog(log: WalkLog): WalkLog {
  log.valid = false;
  log.nodes.length = 0;
  log.results.length = 0;
  log.offer = undefined;
  return log;
}

/** What the second version may take from the first: the blocks compiled alike in both (ids). */
export interface Replay {
  log: WalkLog;
  reusable: ReadonlySet<string>;
  alike?: boolean; // set by the decision: every step had the replayed walk's block and an equal result, so its outcome, reasons, offer and trace equal the replayed decision's
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The blocks of `next` whose results may be taken from `first`'s walk: same id, type, type version
 * and config. Undefined when no result may be shared at all: the product settings or the
 * application schema differ (every block is compiled against them, and validation depends on the
 * schema), or the start blocks' extra fields differ (the dictionary the application is checked
 * against).
 */
export function reusableBlocks(first: ProductDefinition, next: ProductDefinition): ReadonlySet<string> | undefined {
  if (!same(first.product, next.product) || !same(first.applicationSchema, next.applicationSchema)) return undefined;
  const extraFields = (definition: ProductDefinition) => definition.blocks.find((block) => block.id === definition.start)?.config.extraFields ?? null;
  if (!same(extraFields(first), extraFields(next))) return undefined;
  const earlier = new Map(first.blocks.map((block) => [block.id, block]));
  const reusable = new Set<string>();
  for (const block of next.blocks) {
    const was = earlier.get(block.id);
    if (was && was.type === block.type && was.typeVersion === block.typeVersion && same(was.config, block.config)) reusable.add(block.id);
  }
  return reusable;
}

/**
 * Whether two block results are equal as data: same kinds, same keys in the same order, equal
 * values (decimals by value and sign). Anything else (a class instance, a function) counts as
 * different, which only costs the replay its shortcut, never its correctness.
 */
export function sameResult(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameResult(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (Decimal.isDecimal(a) || Decimal.isDecimal(b)) return Decimal.isDecimal(a) && Decimal.isDecimal(b) && a.toString() === b.toString() && a.isNegative() === b.isNegative();
  const plain = (value: object) => {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
  };
  if (!plain(a) || !plain(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== others[i] || !sameResult((a as Record<string, unknown>)[keys[i]], (b as Record<string, unknown>)[keys[i]])) return false;
  }
  return true;
}
