/**
 * Which line of the uploaded file each stored row of a portfolio came from (#16: "a bad row reported
 * with its line number"). A stored portfolio is the upload's good rows only, one per line, so row n of
 * the stored text is line n of the upload only while no CSV header, blank line, refused row or
 * multi-line CSV record came before it. The map keeps just the breakpoints where that count jumps:
 * from stored row `row[i]` on, the uploaded line is `line[i] + (row - row[i])`, up to the next
 * breakpoint. There is at most one breakpoint per stored row (≤ 1,000,000, an upload's limit) and in
 * practice one per run of refused or blank lines, plus one for a CSV header: a file of one million
 * clean JSON lines has none, a CSV file of clean rows has one.
 *
 * Stored as text: a JSON array of the breakpoints' differences from the one before (starting from
 * row 0, line 0), row then line — `[1,2]` is a CSV file with a header and no other gap. Small
 * numbers, so even the worst case (every other line refused) is a few bytes per stored row.
 */
export class LineMap {
  private constructor(
    private readonly rows: Float64Array, // 1-based stored rows where the offset changes, increasing
    private readonly lines: Float64Array, // the uploaded line of each of those rows
  ) {}

  /** How many breakpoints the map holds. */
  get breaks(): number {
    return this.rows.length;
  }

  /** The stored row of the last breakpoint (0 when none). */
  get lastRow(): number {
    return this.rows.length ? this.rows[this.rows.length - 1] : 0;
  }

  /** The uploaded file's line of stored row `row` (1-based). */
  uploadedLine(row: number): number {
    const i = lastAtMost(this.rows, row);
    return i < 0 ? row : this.lines[i] + (row - this.rows[i]);
  }

  /**
   * The stored row (1-based) that came from the uploaded file's line `line`; undefined when that line
   * was no stored row (header, blank, refused, inside a multi-line record). The map does not know
   * where the portfolio ends: a line after the last stored row gives a row past its end (no such row).
   */
  storedRow(line: number): number | undefined {
    const i = lastAtMost(this.lines, line);
    if (i < 0) return line < (this.rows[0] ?? Infinity) ? line : undefined;
    const row = this.rows[i] + (line - this.lines[i]);
    return i + 1 < this.rows.length && row >= this.rows[i + 1] ? undefined : row;
  }

  /** The map's stored text (see the module's comment). */
  toText(): string {
    const parts: number[] = [];
    for (let i = 0; i < this.rows.length; i++) parts.push(this.rows[i] - (this.rows[i - 1] ?? 0), this.lines[i] - (this.lines[i - 1] ?? 0));
    return JSON.stringify(parts);
  }

  /**
   * Reads a stored map, checking it is one (an import's file may be damaged or edited): breakpoints
   * at increasing rows, each moving the line further ahead of the row than the one before. Throws
   * RangeError saying what is wrong.
   */
  static fromText(text: string): LineMap {
    let parts: unknown;
    try {
      parts = JSON.parse(text);
    } catch {
      throw new RangeError('the line map is not JSON');
    }
    if (!Array.isArray(parts) || parts.length % 2 !== 0) throw new RangeError('the line map must be an array of row and line differences, in pairs');
    const count = parts.length / 2;
    const rows = new Float64Array(count);
    const lines = new Float64Array(count);
    let row = 0;
    let line = 0;
    for (let i = 0; i < count; i++) {
      const dRow = parts[2 * i];
      const dLine = parts[2 * i + 1];
      if (!Number.isSafeInteger(dRow) || !Number.isSafeInteger(dLine) || (dRow as number) < 1 || (dLine as number) <= (dRow as number))
        throw new RangeError(`breakpoint ${i + 1} of the line map must move the row forward and the line further still`);
      row += dRow as number;
      line += dLine as number;
      rows[i] = row;
      lines[i] = line;
    }
    return new LineMap(rows, lines);
  }

  /** Collects the map while an upload is read: {@link LineMapBuilder.add} each stored row's uploaded line, in order. */
  static builder(): LineMapBuilder {
    return new LineMapBuilder();
  }

  /** @internal */
  static of(rows: number[], lines: number[]): LineMap {
    return new LineMap(Float64Array.from(rows), Float64Array.from(lines));
  }
}

/**
 * A stored line map that is not one (edited or damaged by hand: a `<hex>.lines` file, a
 * `portfolios.line_map` value). The portfolio's rows are intact, but which uploaded line each came
 * from is not known any more: a report would name wrong lines, and a reviewer would open another
 * applicant's traces. Says what is wrong and what to do (upload the file again), never a row.
 */
export class DamagedLineMap extends Error {
  override name = 'DamagedLineMap';
  constructor(
    readonly productId: string,
    readonly hash: string,
    why: string,
  ) {
    super(`the line map of portfolio ${hash} is damaged (${why}): upload the portfolio again, then run the simulation again`);
  }
}

/** The stored map's text read as a {@link LineMap}; {@link DamagedLineMap} when it is not one. */
export function storedLineMap(productId: string, hash: string, text: string): LineMap {
  try {
    return LineMap.fromText(text);
  } catch (error) {
    throw new DamagedLineMap(productId, hash, (error as Error).message);
  }
}

/** Builds a {@link LineMap} row by row (memory: one pair of numbers per breakpoint). */
export class LineMapBuilder {
  private readonly rows: number[] = [];
  private readonly lines: number[] = [];
  private row = 0;
  private offset = 0; // uploaded line − stored row so far

  /** The next stored row came from uploaded line `line` (lines increase from row to row). */
  add(line: number): void {
    this.row += 1;
    if (line - this.row === this.offset) return;
    this.offset = line - this.row;
    this.rows.push(this.row);
    this.lines.push(line);
  }

  /** The map, or undefined when every stored row is its own uploaded line (nothing to keep). */
  done(): LineMap | undefined {
    return this.rows.length ? LineMap.of(this.rows, this.lines) : undefined;
  }
}

/** Index of the last value ≤ `value` in the increasing `values`, or -1. */
function lastAtMost(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (values[middle] <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
