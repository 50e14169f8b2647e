import type { FlowDocument, VersionDiff } from '../api/types.ts';
import type { NodeDecor } from '../canvas/node-decor.ts';

/**
 * One document to draw a diff on: the new blocks and links, plus removed ones as ghosts taken
 * from the old document; decorations colour added green, removed red, changed amber.
 */
export function diffCanvas(diff: VersionDiff, next: FlowDocument, previous?: FlowDocument) {
  const decor = new Map<string, NodeDecor>();
  const mark = (id: string, kind: NodeDecor['diff']) => decor.set(id, { errors: 0, warnings: 0, diff: kind });
  diff.blocks.added.forEach((b) => mark(b.id, 'added'));
  diff.blocks.changed.forEach((b) => mark(b.id, 'changed'));
  const removedIds = new Set(diff.blocks.removed.map((b) => b.id));
  removedIds.forEach((id) => mark(id, 'removed'));
  const ghosts = (previous?.blocks ?? []).filter((block) => removedIds.has(block.id) && !next.blocks.some((b) => b.id === block.id));
  const linkKey = (l: { from: { block: string; port: string }; to: { block: string; port: string } }) => `${l.from.block}:${l.from.port}>${l.to.block}:${l.to.port}`;
  const removedLinks = new Set(diff.links.removed.map(linkKey));
  const addedLinks = new Set(diff.links.added.map(linkKey));
  const ghostLinks = (previous?.links ?? []).filter((l) => removedLinks.has(linkKey(l)) && !next.links.some((n) => n.id === l.id)).map((l) => ({ ...l, id: `ghost-${l.id}` }));
  const document: FlowDocument = { schemaVersion: 1, blocks: [...next.blocks, ...ghosts], links: [...next.links, ...ghostLinks] };
  const linkDiff = new Map<string, 'added' | 'removed'>();
  next.links.forEach((l) => addedLinks.has(linkKey(l)) && linkDiff.set(l.id, 'added'));
  ghostLinks.forEach((l) => linkDiff.set(l.id, 'removed'));
  return { document, decor, linkDiff };
}

/** A field value, short enough for a table cell. */
export function shortValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
