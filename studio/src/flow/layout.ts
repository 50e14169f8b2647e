import type { FlowDocument, FlowLink } from '../api/types.ts';

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_BLOCK_SIZE: Size = { width: 200, height: 110 }; // .block-node in styles.css

/** The canvas a layout is made for when the caller does not say (1440×900 window, both side panels open). */
export const DEFAULT_VIEWPORT: Size = { width: 840, height: 760 };

export interface LayoutOptions {
  /** True when the link leaves a rejection (fail) port: its target goes to the fail lane. */
  isRejection?(link: FlowLink): boolean;
  /** The canvas in screen pixels: the layout picks the row length that shows the product largest. */
  viewport?: Size;
}

const COLUMN_GAP = 48; // room for a link between two blocks of one row
const STACK_GAP = 16; // between blocks of one rank (router branches)
const BAND_GAP = 40; // between rows
const LANE_GAP = 28; // between a row's main path and its fail lane
const FIT_PADDING = { x: 40, y: 24 }; // px the fit view keeps around the product (left/right: room for links that wrap)

/**
 * Ranks along the links (longest path from the start), ignoring `skip`ped blocks. A cycle cannot be
 * ranked: its blocks go one rank after the rest, so a broken document still lays out.
 */
function rank(ids: string[], links: FlowLink[], skip: ReadonlySet<string>): Map<string, number> {
  const main = ids.filter((id) => !skip.has(id));
  const inDegree = new Map(main.map((id) => [id, 0]));
  const next = new Map<string, string[]>(main.map((id) => [id, []]));
  for (const link of links) {
    if (!inDegree.has(link.from.block) || !inDegree.has(link.to.block) || link.from.block === link.to.block) continue;
    next.get(link.from.block)!.push(link.to.block);
    inDegree.set(link.to.block, inDegree.get(link.to.block)! + 1);
  }
  const ranks = new Map<string, number>();
  const queue = main.filter((id) => inDegree.get(id) === 0);
  for (const id of queue) ranks.set(id, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const to of next.get(id)!) {
      ranks.set(to, Math.max(ranks.get(to) ?? 0, ranks.get(id)! + 1));
      inDegree.set(to, inDegree.get(to)! - 1);
      if (inDegree.get(to) === 0) queue.push(to);
    }
  }
  const last = Math.max(-1, ...ranks.values());
  for (const id of main) if (!ranks.has(id)) ranks.set(id, last + 1);
  return ranks;
}

/**
 * Blocks an application reaches only after failing a gate (decline/refer outcomes on fail ports, and
 * whatever follows them only): they leave the main path for a lane below it.
 */
function failBlocks(document: FlowDocument, isRejection: (link: FlowLink) => boolean): Set<string> {
  const fail = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const block of document.blocks) {
      if (fail.has(block.id)) continue;
      const incoming = document.links.filter((link) => link.to.block === block.id);
      if (incoming.length && incoming.every((link) => isRejection(link) || fail.has(link.from.block))) {
        fail.add(block.id);
        grew = true;
      }
    }
  }
  return fail;
}

interface Plan {
  width: number;
  height: number;
  positions: Record<string, { x: number; y: number }>;
}

/**
 * Automatic layout that keeps a real product legible on one screen: the main path runs left to
 * right in rows ("snaking" like text) with router branches stacked in their column, and the row
 * length is the one that lets the fit view show the whole product largest in `viewport`. Blocks
 * reached only through fail ports sit in a lane under the row of the gate that sends them there.
 * Returns each block's new top-left position.
 */
export function layoutPositions(document: FlowDocument, sizes: Record<string, Size> = {}, options: LayoutOptions = {}): Record<string, { x: number; y: number }> {
  if (!document.blocks.length) return {};
  const viewport = options.viewport ?? DEFAULT_VIEWPORT;
  const ids = document.blocks.map((block) => block.id);
  const known = new Set(ids);
  const links = document.links.filter((link) => known.has(link.from.block) && known.has(link.to.block));
  const fail = failBlocks({ ...document, links }, options.isRejection ?? (() => false));
  const ranks = rank(ids, links, fail);
  const size = (id: string) => sizes[id] ?? DEFAULT_BLOCK_SIZE;
  const columnWidth = Math.max(...ids.map((id) => size(id).width));
  const pitch = columnWidth + COLUMN_GAP;

  // Within a rank, blocks follow their predecessors' order (few crossings), then document order.
  const rankCount = Math.max(...ranks.values()) + 1;
  const columns: string[][] = Array.from({ length: rankCount }, () => []);
  const order = new Map<string, number>();
  for (const id of ids) if (ranks.has(id)) columns[ranks.get(id)!]!.push(id);
  for (const column of columns) {
    const weight = (id: string) => {
      const before = links.filter((link) => link.to.block === id && order.has(link.from.block)).map((link) => order.get(link.from.block)!);
      return before.length ? before.reduce((a, b) => a + b, 0) / before.length : ids.indexOf(id) / ids.length;
    };
    column.sort((a, b) => weight(a) - weight(b));
    column.forEach((id, i) => order.set(id, i));
  }
  const columnHeight = (column: string[]) => column.reduce((sum, id) => sum + size(id).height, 0) + STACK_GAP * Math.max(0, column.length - 1);

  // Each fail block belongs under its earliest source.
  const failHome = new Map<string, number>();
  for (const id of ids.filter((block) => fail.has(block))) {
    const sources = links.filter((link) => link.to.block === id).map((link) => ranks.get(link.from.block) ?? failHome.get(link.from.block) ?? 0);
    failHome.set(id, Math.min(...sources));
  }

  // A row ends where the fewest links cross to the next rank (one, ideally: the row hands a single
  // application on), within the second half of the row, so router branches do not wrap mid-way.
  const crossing = Array.from({ length: rankCount + 1 }, (_, cut) => links.filter((link) => ranks.has(link.from.block) && ranks.has(link.to.block) && ranks.get(link.from.block)! < cut && ranks.get(link.to.block)! >= cut).length);
  function rowEnd(first: number, perRow: number): number {
    const last = first + perRow;
    if (last >= rankCount) return rankCount;
    let best = last;
    for (let cut = last; cut >= first + Math.ceil(perRow / 2) && cut > first; cut -= 1) if (crossing[cut]! < crossing[best]!) best = cut;
    return best;
  }

  function plan(perRow: number): Plan {
    const positions: Record<string, { x: number; y: number }> = {};
    let top = 0;
    let width = 0;
    for (let first = 0, end = 0; first < rankCount; first = end) {
      end = rowEnd(first, perRow);
      const band = columns.slice(first, end);
      // Columns with as many blocks as the band's tallest share its tracks, so parallel branches
      // (segment A's limit and price, B's…) line up; other columns are centred on the band.
      const tracks = Math.max(...band.map((column) => column.length));
      const trackHeights = Array.from({ length: tracks }, (_, t) => Math.max(...band.filter((column) => column.length === tracks).map((column) => size(column[t]!).height)));
      const mainHeight = Math.max(...band.map(columnHeight), trackHeights.reduce((a, b) => a + b, 0) + STACK_GAP * (tracks - 1));
      band.forEach((column, c) => {
        let y = column.length === tracks ? top : top + (mainHeight - columnHeight(column)) / 2;
        column.forEach((id, t) => {
          positions[id] = { x: c * pitch, y };
          y += (column.length === tracks ? trackHeights[t]! : size(id).height) + STACK_GAP;
        });
      });
      width = Math.max(width, band.length * pitch - COLUMN_GAP);
      const lane = [...failHome].filter(([, home]) => home >= first && home < end);
      let laneHeight = 0;
      const taken = new Set<number>();
      for (const [id, home] of lane.sort((a, b) => a[1] - b[1])) {
        let c = home - first;
        while (taken.has(c)) c += 1;
        taken.add(c);
        positions[id] = { x: c * pitch, y: top + mainHeight + LANE_GAP };
        laneHeight = Math.max(laneHeight, size(id).height + LANE_GAP);
        width = Math.max(width, (c + 1) * pitch - COLUMN_GAP);
      }
      top += mainHeight + laneHeight + BAND_GAP;
    }
    return { width, height: top - BAND_GAP, positions };
  }

  let best: { zoom: number; plan: Plan } | undefined;
  for (let perRow = 1; perRow <= rankCount; perRow += 1) {
    const candidate = plan(perRow);
    const zoom = Math.min(1, (viewport.width - 2 * FIT_PADDING.x) / candidate.width, (viewport.height - 2 * FIT_PADDING.y) / candidate.height);
    if (!best || zoom >= best.zoom - 1e-9) best = { zoom, plan: candidate };
  }
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [id, at] of Object.entries(best!.plan.positions)) positions[id] = { x: Math.round(at.x + 20), y: Math.round(at.y + 20) };
  return positions;
}

/** The margin the layout plans for around the product: "fit view" must use the same to show it at the planned zoom. */
export const LAYOUT_FIT_PADDING = FIT_PADDING;
