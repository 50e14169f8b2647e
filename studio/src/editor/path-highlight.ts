import type { Decision, FlowDocument } from '../api/types.ts';

/** The simulated path on the canvas: trace blocks, and the links the application followed between them. */
export function pathOf(decision: Decision, document: FlowDocument): { blocks: Set<string>; links: Set<string> } {
  const blocks = new Set(decision.trace.map((step) => step.blockId));
  const links = new Set<string>();
  decision.trace.forEach((step, index) => {
    const next = decision.trace[index + 1];
    if (!next) return;
    const link = document.links.find((l) => l.from.block === step.blockId && l.to.block === next.blockId && (!step.port || l.from.port === step.port));
    if (link) links.add(link.id);
  });
  return { blocks, links };
}
