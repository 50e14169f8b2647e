import type { FlowDocument, InputPort, LocalizedText, OutputPort } from '../api/types.ts';

/** Why the studio refuses a link while the product manager drags it (the compiler says the same later). */
export interface LinkRefusal {
  code: 'PORT_UNKNOWN' | 'PORT_KIND_MISMATCH' | 'LINK_SELF' | 'PORT_ALREADY_LINKED' | 'CYCLE' | 'READ_ONLY';
  message: LocalizedText;
}

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

export const REFUSALS = {
  unknown: text('没有这个端口', 'There is no such port'),
  failPort: text('失败分支只能连接到转人工或拒绝', 'A fail port can only lead to refer or decline'),
  rejectionOnly: text('这个输入只接受失败分支', 'This input only takes a fail port'),
  self: text('积木不能连接到自己', 'A block cannot link to itself'),
  alreadyLinked: text('这个输出已有连线：一个申请只走一条路径', 'This output already has a link: an application follows one path'),
  cycle: text('这条连线会形成环路', 'This link would make a loop'),
  readOnly: text('继承的产品结构是只读的', 'The inherited structure is read-only'),
};

/** Port kinds are data: an input accepts a list of kinds, an output has one (same rule as the compiler's linkRefusal). */
export function portRefusal(from: OutputPort | undefined, to: InputPort | undefined): LinkRefusal | null {
  if (!from || !to) return { code: 'PORT_UNKNOWN', message: REFUSALS.unknown };
  if (to.accepts.includes(from.kind)) return null;
  return { code: 'PORT_KIND_MISMATCH', message: from.kind === 'rejection' ? REFUSALS.failPort : REFUSALS.rejectionOnly };
}

/** True when a path already leads from `start` to `target` (adding target → start would close a loop). */
export function reaches(document: FlowDocument, start: string, target: string): boolean {
  const next = new Map<string, string[]>();
  for (const link of document.links) {
    const list = next.get(link.from.block) ?? [];
    list.push(link.to.block);
    next.set(link.from.block, list);
  }
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const current = stack.pop()!;
    if (current === target) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
  return false;
}
