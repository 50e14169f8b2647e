import type { Graph } from './graph.ts';
import { OFFER_TYPE } from './paths.ts';

/**
 * Blocks every application that can be offered a loan passes through: the blocks that dominate
 * every `offer` outcome (or every outcome when there is no offer). A field such a block needs is
 * required of every application; a field only a branch needs (tobacco orders on the tobacco
 * branch) is optional in the form and checked at decision time when the path reaches that branch.
 */
export function blocksOnEveryPath(graph: Graph): Set<string> {
  const predecessors = new Map<string, string[]>();
  for (const [from, targets] of graph.next) {
    for (const to of targets.values()) predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
  }
  const dominators = new Map<string, Set<string>>();
  for (const id of graph.order) {
    const preds = (predecessors.get(id) ?? []).filter((p) => dominators.has(p));
    let common: Set<string> | undefined;
    for (const p of preds) {
      const theirs = dominators.get(p)!;
      common = common ? new Set([...common].filter((x) => theirs.has(x))) : new Set(theirs);
    }
    dominators.set(id, new Set([...(common ?? []), id]));
  }
  const outcomes = graph.order.filter((id) => graph.nodes.get(id)!.block.type === OFFER_TYPE);
  const ends = outcomes.length ? outcomes : graph.order.filter((id) => graph.nodes.get(id)!.blockType.role === 'outcome');
  let result: Set<string> | undefined;
  for (const end of ends) {
    const theirs = dominators.get(end)!;
    result = result ? new Set([...result].filter((x) => theirs.has(x))) : new Set(theirs);
  }
  return result ?? new Set(graph.order.slice(0, 1));
}
