import type { Provision } from '../block-type.ts';
import type { Diagnostic, DiagnosticCode } from '../diagnostics.ts';
import type { CompiledBlock } from './blocks-pass.ts';
import { diagnostic } from './diagnostic.ts';
import type { Graph } from './graph.ts';

export const OFFER_TYPE = 'offer';
const MAX_LINTED_PATHS = 2000;

/** Every output a path can take must lead somewhere; a gate's `fail` may stay open (its action applies). */
export function checkOpenOutputs(graph: Graph, diagnostics: Diagnostic[]): void {
  for (const id of graph.reachable) {
    const compiled = graph.nodes.get(id)!;
    if (compiled.blockType.role === 'outcome') continue;
    for (const port of graph.outputs.get(id)!) {
      if (compiled.blockType.role === 'gate' && port.id === 'fail') continue;
      if (graph.next.get(id)!.has(port.id)) continue;
      diagnostics.push(
        diagnostic(
          'OUTPUT_UNLINKED',
          'error',
          `/blocks/${compiled.index}`,
          `积木 ${id} 的 “${port.label['zh-CN']}” 端口没有连线：路径必须以结果积木结束`,
          `Port "${port.label.en}" of block ${id} is not linked: every path must end at an outcome`,
          { blockId: id },
        ),
      );
    }
  }
}

/** Path state: (has a limit, base prices seen 0/1/2+, repayment blocks seen 0/1/2+) packed in a number. */
const pack = (limit: number, base: number, repay: number) => limit * 9 + base * 3 + repay;

/**
 * The static guarantee of DESIGN.md: every path reaching `offer` passes at least one limit, exactly
 * one base price and exactly one repayment block. Dynamic programming over at most 18 states per
 * block, so it is exact however many paths the graph has.
 */
export function checkOfferPaths(graph: Graph, diagnostics: Diagnostic[]): void {
  const states = new Map<string, Set<number>>();
  const start = graph.order[0];
  if (!start) return;
  states.set(start, new Set([pack(0, 0, 0)]));
  for (const id of graph.order) {
    const compiled = graph.nodes.get(id)!;
    const provides = new Set<Provision>(compiled.blockType.provides ?? []);
    const here = new Set<number>();
    for (const state of states.get(id) ?? []) {
      let limit = Math.floor(state / 9),
        base = Math.floor(state / 3) % 3,
        repay = state % 3;
      if (provides.has('limit')) limit = 1;
      if (provides.has('base-rate')) base = Math.min(base + 1, 2);
      if (provides.has('repayment')) repay = Math.min(repay + 1, 2);
      here.add(pack(limit, base, repay));
    }
    if (compiled.block.type === OFFER_TYPE) reportOffer(compiled, here, diagnostics);
    for (const [port, target] of graph.next.get(id)!) {
      if (port === 'fail' && compiled.blockType.role === 'gate') continue;
      const into = states.get(target) ?? new Set<number>();
      for (const state of here) into.add(state);
      states.set(target, into);
    }
  }
}

function reportOffer(compiled: CompiledBlock, states: Set<number>, diagnostics: Diagnostic[]): void {
  const found = new Set<DiagnosticCode>();
  for (const state of states) {
    if (Math.floor(state / 9) === 0) found.add('PATH_WITHOUT_LIMIT');
    const base = Math.floor(state / 3) % 3;
    if (base === 0) found.add('PATH_WITHOUT_BASE_RATE');
    if (base === 2) found.add('PATH_MULTIPLE_BASE_RATES');
    const repay = state % 3;
    if (repay === 0) found.add('PATH_WITHOUT_REPAYMENT');
    if (repay === 2) found.add('PATH_MULTIPLE_REPAYMENTS');
  }
  const texts: Partial<Record<DiagnosticCode, [string, string]>> = {
    PATH_WITHOUT_LIMIT: ['有一条到达“出具报价”的路径没有经过任何额度积木', 'A path reaches this offer without passing any limit block'],
    PATH_WITHOUT_BASE_RATE: ['有一条到达“出具报价”的路径没有基准定价', 'A path reaches this offer without a base rate'],
    PATH_MULTIPLE_BASE_RATES: ['有一条到达“出具报价”的路径经过了多个基准定价', 'A path reaches this offer through more than one base rate'],
    PATH_WITHOUT_REPAYMENT: ['有一条到达“出具报价”的路径没有还款方式积木', 'A path reaches this offer without a repayment block'],
    PATH_MULTIPLE_REPAYMENTS: ['有一条到达“出具报价”的路径经过了多个还款方式积木', 'A path reaches this offer through more than one repayment block'],
  };
  for (const code of found) {
    const [zh, en] = texts[code]!;
    diagnostics.push(diagnostic(code, 'error', `/blocks/${compiled.index}`, zh, en, { blockId: compiled.block.id }));
  }
}

/** Paths from the start to each offer (capped), as lists of blocks, for the regulatory lint. */
export function offerPaths(graph: Graph): { paths: CompiledBlock[][]; complete: boolean } {
  const paths: CompiledBlock[][] = [];
  const start = graph.order[0];
  if (!start) return { paths, complete: true };
  const walk = (id: string, trail: CompiledBlock[]): boolean => {
    if (paths.length >= MAX_LINTED_PATHS) return false;
    const compiled = graph.nodes.get(id)!;
    const here = [...trail, compiled];
    if (compiled.block.type === OFFER_TYPE) paths.push(here);
    for (const [port, target] of graph.next.get(id)!) {
      if (port === 'fail' && compiled.blockType.role === 'gate') continue;
      if (!walk(target, here)) return false;
    }
    return true;
  };
  const complete = walk(start, []);
  return { paths, complete };
}
