import type { Diagnostic } from '../diagnostics.ts';
import type { FlowLink } from '../flow-document.ts';
import { linkRefusal, type OutputPort } from '../ports.ts';
import type { CompiledBlock } from './blocks-pass.ts';
import { diagnostic } from './diagnostic.ts';
import { outputsOf } from './ports-of.ts';

/** The checked graph: valid links only, with each output's target. */
export interface Graph {
  nodes: Map<string, CompiledBlock>;
  outputs: Map<string, OutputPort[]>; // block id → its output ports
  next: Map<string, Map<string, string>>; // block id → output port id → target block id
  validLinks: FlowLink[];
  order: string[]; // topological order of blocks reachable from the start (empty when there is a cycle)
  reachable: Set<string>;
}

/** Checks links (blocks, ports, kinds, one link per output), cycles and reachability. */
export function buildGraph(blocks: CompiledBlock[], links: FlowLink[], startId: string, diagnostics: Diagnostic[]): Graph {
  const nodes = new Map(blocks.map((compiled) => [compiled.block.id, compiled]));
  const outputs = new Map(blocks.map((compiled) => [compiled.block.id, outputsOf(compiled.blockType, compiled.block.config)]));
  const next = new Map<string, Map<string, string>>(blocks.map((compiled) => [compiled.block.id, new Map()]));
  const validLinks: FlowLink[] = [];

  links.forEach((link, index) => {
    const pointer = `/links/${index}`;
    const from = nodes.get(link.from.block);
    const to = nodes.get(link.to.block);
    if (!from || !to) {
      const missing = !from ? link.from.block : link.to.block;
      diagnostics.push(
        diagnostic('LINK_BLOCK_UNKNOWN', 'error', `${pointer}/${!from ? 'from' : 'to'}/block`, `连线指向不存在的积木 ${missing}`, `The link points at block ${missing}, which does not exist`, {
          linkId: link.id,
        }),
      );
      return;
    }
    const outPort = outputs.get(from.block.id)!.find((port) => port.id === link.from.port);
    const inPort = to.blockType.inputs.find((port) => port.id === link.to.port);
    const refusal = linkRefusal(outPort, inPort);
    if (refusal === 'PORT_UNKNOWN') {
      const side = !outPort ? 'from' : 'to';
      const port = !outPort ? link.from.port : link.to.port;
      const owner = !outPort ? from.block.id : to.block.id;
      diagnostics.push(diagnostic('PORT_UNKNOWN', 'error', `${pointer}/${side}/port`, `积木 ${owner} 没有端口 “${port}”`, `Block ${owner} has no port "${port}"`, { linkId: link.id, blockId: owner }));
      return;
    }
    if (refusal === 'PORT_KIND_MISMATCH') {
      diagnostics.push(
        diagnostic(
          'PORT_KIND_MISMATCH',
          'error',
          pointer,
          `“${from.blockType.title['zh-CN']}”的 ${outPort!.label['zh-CN']} 端口不能连接到“${to.blockType.title['zh-CN']}”：未通过的申请只能转人工或拒绝`,
          `The ${outPort!.label.en} port of "${from.blockType.title.en}" cannot lead to "${to.blockType.title.en}": a failed application can only go to refer or decline`,
          { linkId: link.id, blockId: to.block.id },
        ),
      );
      return;
    }
    const targets = next.get(from.block.id)!;
    if (targets.has(link.from.port)) {
      diagnostics.push(
        diagnostic(
          'PORT_ALREADY_LINKED',
          'error',
          pointer,
          `积木 ${from.block.id} 的端口 “${link.from.port}” 已有连线：每笔申请只走一条路径`,
          `Port "${link.from.port}" of block ${from.block.id} is already linked: an application follows one path`,
          { linkId: link.id, blockId: from.block.id },
        ),
      );
      return;
    }
    targets.set(link.from.port, to.block.id);
    validLinks.push(link);
  });

  const reachable = new Set<string>();
  const stack = nodes.has(startId) ? [startId] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const target of next.get(id)!.values()) stack.push(target);
  }
  for (const compiled of blocks) {
    if (!reachable.has(compiled.block.id)) {
      diagnostics.push(
        diagnostic(
          'UNREACHABLE_BLOCK',
          'warning',
          `/blocks/${compiled.index}`,
          `积木 ${compiled.block.id} 不在任何从申请入口出发的路径上，发布时将被忽略`,
          `Block ${compiled.block.id} is not on any path from the start block; it is left out of the product`,
          { blockId: compiled.block.id },
        ),
      );
    }
  }
  return { nodes, outputs, next, validLinks, reachable, order: topologicalOrder(reachable, next, nodes, diagnostics) };
}

/** Kahn's algorithm over the reachable blocks; blocks left over are on a cycle. */
function topologicalOrder(reachable: Set<string>, next: Graph['next'], nodes: Graph['nodes'], diagnostics: Diagnostic[]): string[] {
  const indegree = new Map([...reachable].map((id) => [id, 0]));
  for (const id of reachable) for (const target of next.get(id)!.values()) indegree.set(target, indegree.get(target)! + 1);
  const queue = [...reachable].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const target of next.get(id)!.values()) {
      indegree.set(target, indegree.get(target)! - 1);
      if (indegree.get(target) === 0) queue.push(target);
    }
  }
  if (order.length === reachable.size) return order;
  for (const id of reachable) {
    if (order.includes(id)) continue;
    diagnostics.push(
      diagnostic(
        'CYCLE',
        'error',
        `/blocks/${nodes.get(id)!.index}`,
        `积木 ${id} 处在一个环上：申请流程必须从入口单向走到结果`,
        `Block ${id} is on a cycle: a flow must run one way from the start to an outcome`,
        { blockId: id },
      ),
    );
  }
  return [];
}
