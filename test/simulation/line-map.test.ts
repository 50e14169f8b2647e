import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineMap } from '../../server/simulation/line-map.ts';

/**
 * The line map of a stored portfolio (#16): for any upload — good records, refused ones, blank
 * lines, records quoted over several lines — each stored row maps to the line its record starts on
 * and back, and the map survives its stored text. Expected lines are counted here from the drawn
 * records, not by the map.
 */
const record = fc.record({ kind: fc.constantFrom('good', 'good', 'good', 'bad', 'blank'), span: fc.integer({ min: 1, max: 3 }) });

describe('LineMap', () => {
  it('maps every stored row to its uploaded line and back, for any mix of gaps', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(record, { maxLength: 60 }), (header, records) => {
        let line = header ? 2 : 1;
        const starts: number[] = []; // the uploaded line of each stored row, counted here
        const notRows: number[] = header ? [1] : [];
        for (const { kind, span } of records) {
          const lines = kind === 'blank' ? 1 : span;
          if (kind === 'good') starts.push(line);
          else notRows.push(line);
          for (let inner = 1; inner < lines; inner++) notRows.push(line + inner);
          line += lines;
        }
        const builder = LineMap.builder();
        for (const start of starts) builder.add(start);
        const map = builder.done();
        const identity = starts.every((start, index) => start === index + 1);
        expect(map === undefined).toBe(identity);
        for (const candidate of map ? [map, LineMap.fromText(map.toText())] : []) {
          starts.forEach((start, index) => {
            expect(candidate.uploadedLine(index + 1)).toBe(start);
            expect(candidate.storedRow(start)).toBe(index + 1);
          });
          for (const gap of notRows) {
            const row = candidate.storedRow(gap);
            expect(row === undefined || row > starts.length, `line ${gap}`).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a CSV file of clean rows needs one breakpoint; clean JSON lines none', () => {
    const csv = LineMap.builder();
    for (let row = 1; row <= 1000; row++) csv.add(row + 1);
    expect(csv.done()!.toText()).toBe('[1,2]');
    const jsonl = LineMap.builder();
    for (let row = 1; row <= 1000; row++) jsonl.add(row);
    expect(jsonl.done()).toBeUndefined();
  });

  it('stays small at the upload limit: 1,000,000 rows each behind a blank line take about 4 bytes a row', () => {
    const builder = LineMap.builder();
    for (let row = 1; row <= 1_000_000; row++) builder.add(2 * row); // every other line blank: every row a breakpoint, the worst case
    const map = builder.done()!;
    expect(map.breaks).toBe(1_000_000);
    const text = map.toText();
    expect(text.length).toBeLessThanOrEqual(4 * 1_000_000 + 2);
    const back = LineMap.fromText(text);
    expect([back.uploadedLine(1), back.uploadedLine(999_999), back.storedRow(1_999_998), back.storedRow(1_999_997)]).toEqual([2, 1_999_998, 999_999, undefined]);
  });

  it('refuses a stored text that is no map', () => {
    for (const [text, message] of [
      ['{', /not JSON/],
      ['{}', /array of row and line differences, in pairs/],
      ['[1]', /in pairs/],
      ['[0,1]', /breakpoint 1 .*must move/],
      ['[1,1]', /breakpoint 1 .*must move/],
      ['[1,2,1,1]', /breakpoint 2 .*must move/],
      ['[1.5,3]', /breakpoint 1/],
      ['[1,"2"]', /breakpoint 1/],
    ] as const)
      expect(() => LineMap.fromText(text), text).toThrow(message);
  });
});
