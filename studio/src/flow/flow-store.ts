import type { BlockTypeInfo, FlowBlock, FlowDocument, FlowLink, Locale, LocalizedText } from '../api/types.ts';
import { History } from './history.ts';
import { freshId } from './ids.ts';
import { layoutPositions, type Size } from './layout.ts';
import { REFUSALS, portRefusal, reaches, type LinkRefusal } from './link-refusal.ts';
import { inputPort, outputPort } from './ports.ts';

export interface FlowSelection {
  blocks: string[];
  links: string[];
}

/** Everything the editor shows: the document (saved) and the selection (view state, never saved). */
export interface FlowState {
  document: FlowDocument;
  selection: FlowSelection;
  canUndo: boolean;
  canRedo: boolean;
}

/** What copy puts on the clipboard: the selected blocks and the links between them. */
export interface ClipboardPayload {
  blocks: FlowBlock[];
  links: FlowLink[];
}

export type Endpoint = { block: string; port: string };
export type ConnectResult = { ok: true; linkId: string } | { ok: false; refusal: LinkRefusal };

const EMPTY_SELECTION: FlowSelection = { blocks: [], links: [] };
const clone = <T>(value: T): T => structuredClone(value);

/**
 * The headless flow store: a FlowDocument plus selection and undo/redo, changed only through
 * actions. Pure TypeScript (no React); the canvas maps it to React Flow at the boundary.
 */
export class FlowStore {
  private state: FlowState;
  private readonly history: History;
  private readonly listeners = new Set<() => void>();
  private readonly types: Map<string, BlockTypeInfo>;
  private moveBase: FlowDocument | null = null;

  constructor(document: FlowDocument, blockTypes: readonly BlockTypeInfo[], options: { now?: () => number; readOnly?: boolean } = {}) {
    this.types = new Map(blockTypes.map((type) => [type.type, type]));
    this.history = new History(200, 1000, options.now);
    this.readOnly = options.readOnly ?? false;
    this.state = { document, selection: EMPTY_SELECTION, canUndo: false, canRedo: false };
  }

  /** A read-only store refuses structural edits (inherited structure of a derived product). */
  readOnly: boolean;

  getState = (): FlowState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  blockType(type: string): BlockTypeInfo | undefined {
    return this.types.get(type);
  }

  block(id: string): FlowBlock | undefined {
    return this.state.document.blocks.find((block) => block.id === id);
  }

  // --- document actions (each one undo step) ---

  /** Adds a block of `type` with its defaults at `position`, selects it and returns its id. */
  add(type: string, position: { x: number; y: number }): string {
    const blockType = this.types.get(type);
    if (!blockType) throw new Error(`unknown block type ${type}`);
    if (this.readOnly) return '';
    const id = freshId(type, new Set(this.state.document.blocks.map((block) => block.id)));
    const block: FlowBlock = { id, type, typeVersion: blockType.version, config: clone(blockType.defaults), position };
    this.commit({ ...this.state.document, blocks: [...this.state.document.blocks, block] }, { blocks: [id], links: [] });
    return id;
  }

  /** Moves blocks. `transient` moves (during a drag) become one undo step at `commitMove()`. */
  move(positions: Record<string, { x: number; y: number }>, options: { transient?: boolean } = {}): void {
    const document = this.state.document;
    const blocks = document.blocks.map((block) => (positions[block.id] ? { ...block, position: positions[block.id] } : block));
    if (options.transient) {
      this.moveBase ??= document;
      this.set({ ...this.state, document: { ...document, blocks } });
      return;
    }
    this.commit({ ...document, blocks });
  }

  /** Ends a drag: the whole drag is one undo step. */
  commitMove(): void {
    if (!this.moveBase) return;
    this.history.record(this.moveBase);
    this.moveBase = null;
    this.set({ ...this.state });
  }

  /** Deletes blocks (with every link touching them) and links. */
  delete(blockIds: string[], linkIds: string[] = []): void {
    if (this.readOnly || (!blockIds.length && !linkIds.length)) return;
    const gone = new Set(blockIds);
    const goneLinks = new Set(linkIds);
    const document = this.state.document;
    this.commit(
      {
        ...document,
        blocks: document.blocks.filter((block) => !gone.has(block.id)),
        links: document.links.filter((link) => !goneLinks.has(link.id) && !gone.has(link.from.block) && !gone.has(link.to.block)),
      },
      EMPTY_SELECTION,
    );
  }

  deleteSelection(): void {
    this.delete(this.state.selection.blocks, this.state.selection.links);
  }

  /** Why a link from → to would be refused, or null when the studio allows it. */
  checkLink(from: Endpoint, to: Endpoint): LinkRefusal | null {
    if (this.readOnly) return { code: 'READ_ONLY', message: REFUSALS.readOnly };
    const source = this.block(from.block);
    const target = this.block(to.block);
    if (!source || !target) return portRefusal(undefined, undefined);
    if (source.id === target.id) return { code: 'LINK_SELF', message: REFUSALS.self };
    const refusal = portRefusal(outputPort(this.types.get(source.type), source, from.port), inputPort(this.types.get(target.type), to.port));
    if (refusal) return refusal;
    if (this.state.document.links.some((link) => link.from.block === from.block && link.from.port === from.port)) {
      return { code: 'PORT_ALREADY_LINKED', message: REFUSALS.alreadyLinked };
    }
    if (reaches(this.state.document, target.id, source.id)) return { code: 'CYCLE', message: REFUSALS.cycle };
    return null;
  }

  connect(from: Endpoint, to: Endpoint): ConnectResult {
    const refusal = this.checkLink(from, to);
    if (refusal) return { ok: false, refusal };
    const document = this.state.document;
    const id = freshId('link', new Set(document.links.map((link) => link.id)));
    this.commit({ ...document, links: [...document.links, { id, from: { ...from }, to: { ...to } }] });
    return { ok: true, linkId: id };
  }

  disconnect(linkId: string): void {
    this.delete([], [linkId]);
  }

  /** Replaces a block's config. Typing in one block's form coalesces into one undo step. */
  updateConfig(blockId: string, config: Record<string, unknown>): void {
    this.patchBlock(blockId, { config }, `config:${blockId}`);
  }

  /**
   * Sets the block's own name in one UI language, keeping the other. An older single-text name
   * becomes a per-language name whose other language keeps that text; both empty removes the name.
   * The text is stored as typed (no trimming while the person types).
   */
  setLabel(blockId: string, locale: Locale, text: string): void {
    const current = this.block(blockId)?.label;
    const previous: LocalizedText = typeof current === 'string' ? { 'zh-CN': current, en: current } : (current ?? { 'zh-CN': '', en: '' });
    const next = { ...previous, [locale]: text };
    this.patchBlock(blockId, { label: next['zh-CN'] || next.en ? next : undefined }, `label:${blockId}`);
  }

  /** The selected blocks and the links among them, deep-copied. */
  copy(): ClipboardPayload {
    const ids = new Set(this.state.selection.blocks);
    const document = this.state.document;
    return clone({
      blocks: document.blocks.filter((block) => ids.has(block.id)),
      links: document.links.filter((link) => ids.has(link.from.block) && ids.has(link.to.block)),
    });
  }

  /**
   * Pastes copies with fresh ids, shifted by `offset` — and by `offset` again as long as any copy
   * would sit on a block already there (pasting twice must not stack the copies), — and selects them.
   */
  paste(payload: ClipboardPayload, step = { x: 40, y: 40 }): string[] {
    if (this.readOnly || !payload.blocks.length) return [];
    const document = this.state.document;
    const occupied = (x: number, y: number) => document.blocks.some((block) => Math.abs(block.position.x - x) < 8 && Math.abs(block.position.y - y) < 8);
    let offset = step;
    for (let n = 2; n < 50 && payload.blocks.some((block) => occupied(block.position.x + offset.x, block.position.y + offset.y)); n += 1) offset = { x: step.x * n, y: step.y * n };
    const takenBlocks = new Set(document.blocks.map((block) => block.id));
    const takenLinks = new Set(document.links.map((link) => link.id));
    const renamed = new Map<string, string>();
    const blocks = payload.blocks.filter((block) => this.types.has(block.type)).map((block) => {
      const id = freshId(block.type, takenBlocks);
      takenBlocks.add(id);
      renamed.set(block.id, id);
      return { ...clone(block), id, position: { x: block.position.x + offset.x, y: block.position.y + offset.y } };
    });
    const links = payload.links.filter((link) => renamed.has(link.from.block) && renamed.has(link.to.block)).map((link) => {
      const id = freshId('link', takenLinks);
      takenLinks.add(id);
      return { id, from: { block: renamed.get(link.from.block)!, port: link.from.port }, to: { block: renamed.get(link.to.block)!, port: link.to.port } };
    });
    this.commit({ ...document, blocks: [...document.blocks, ...blocks], links: [...document.links, ...links] }, { blocks: blocks.map((b) => b.id), links: [] });
    return blocks.map((block) => block.id);
  }

  /**
   * Lays the flow out in rows that fit `viewport` (see layout.ts), fail branches in a lane below,
   * using measured sizes when the canvas knows them.
   */
  autoLayout(sizes: Record<string, Size> = {}, viewport?: Size): void {
    const blocks = new Map(this.state.document.blocks.map((block) => [block.id, block]));
    const isRejection = (link: FlowLink) => {
      const from = blocks.get(link.from.block);
      return !!from && outputPort(this.types.get(from.type), from, link.from.port)?.kind === 'rejection';
    };
    this.move(layoutPositions(this.state.document, sizes, { isRejection, ...(viewport ? { viewport } : {}) }));
  }

  /** Replaces the whole document (JSON editor, reload after a conflict) as one undo step. */
  replaceDocument(document: FlowDocument, options: { record?: boolean; coalesceKey?: string; keepSelection?: boolean } = {}): void {
    const ids = new Set(document.blocks.map((block) => block.id));
    const selection = options.keepSelection ? this.state.selection : { blocks: this.state.selection.blocks.filter((id) => ids.has(id)), links: [] };
    if (options.record === false) this.set({ ...this.state, document, selection });
    else this.commit(document, selection, options.coalesceKey);
  }

  // --- view state ---

  select(selection: Partial<FlowSelection>): void {
    const next = { blocks: selection.blocks ?? [], links: selection.links ?? [] };
    const current = this.state.selection;
    if (sameIds(next.blocks, current.blocks) && sameIds(next.links, current.links)) return;
    this.set({ ...this.state, selection: next });
  }

  undo(): void {
    const previous = this.history.undo(this.state.document);
    if (previous) this.set({ ...this.state, document: previous, selection: EMPTY_SELECTION });
  }

  redo(): void {
    const next = this.history.redo(this.state.document);
    if (next) this.set({ ...this.state, document: next, selection: EMPTY_SELECTION });
  }

  // --- internals ---

  private patchBlock(blockId: string, patch: Partial<FlowBlock>, coalesceKey: string): void {
    const document = this.state.document;
    const current = document.blocks.find((block) => block.id === blockId);
    // Forms echo unchanged data (e.g. on mount): that is not an edit and must not enter the history.
    if (!current || Object.entries(patch).every(([key, value]) => JSON.stringify(current[key as keyof FlowBlock]) === JSON.stringify(value))) return;
    const blocks = document.blocks.map((block) => (block.id === blockId ? { ...block, ...patch } : block));
    this.commit({ ...document, blocks }, this.state.selection, coalesceKey);
  }

  private commit(document: FlowDocument, selection: FlowSelection = this.state.selection, coalesceKey?: string): void {
    this.history.record(this.moveBase ?? this.state.document, coalesceKey);
    this.moveBase = null;
    this.set({ ...this.state, document, selection });
  }

  private set(state: FlowState): void {
    this.state = { ...state, canUndo: this.history.canUndo, canRedo: this.history.canRedo };
    this.listeners.forEach((listener) => listener());
  }
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
