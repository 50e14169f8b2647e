import type { FlowDocument } from '../api/types.ts';

/**
 * Undo/redo over immutable document snapshots (structural sharing keeps them cheap).
 * Consecutive edits with the same coalesce key within `windowMs` become one step (typing in a form).
 */
export class History {
  private past: FlowDocument[] = [];
  private future: FlowDocument[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private readonly limit = 200,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `before` as an undo step, unless it continues the previous coalesced edit. */
  record(before: FlowDocument, coalesceKey?: string): void {
    const at = this.now();
    const continues = coalesceKey !== undefined && coalesceKey === this.lastKey && at - this.lastAt < this.windowMs;
    this.lastKey = coalesceKey ?? null;
    this.lastAt = at;
    this.future = [];
    if (continues) return;
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
  }

  undo(current: FlowDocument): FlowDocument | undefined {
    const previous = this.past.pop();
    if (previous) this.future.push(current);
    this.lastKey = null;
    return previous;
  }

  redo(current: FlowDocument): FlowDocument | undefined {
    const next = this.future.pop();
    if (next) this.past.push(current);
    this.lastKey = null;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
