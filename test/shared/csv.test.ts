import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../shared/csv.ts';

const fields = (csv: string) => parseCsv(csv).records.map((record) => record.fields);
const lines = (csv: string) => parseCsv(csv).records.map((record) => record.line);

describe('shared CSV (papaparse)', () => {
  it('reads a file whose line ends mix CRLF, LF and CR, and keeps the line breaks inside quoted fields as written', () => {
    const csv = 'a,b\r\n1,"x\r\ny"\n2,"p\nq"\r3,z\r\n';
    expect(fields(csv)).toEqual([
      ['a', 'b'],
      ['1', 'x\r\ny'],
      ['2', 'p\nq'],
      ['3', 'z'],
    ]);
    // Lines as a text editor counts them: header 1; "1" on 2 (its field spans 2–3); "2" on 4 (4–5); "3" on 6.
    expect(lines(csv)).toEqual([1, 2, 4, 6]);
  });

  it('numbers each record by the line it starts on, after blank lines and multi-line fields', () => {
    expect(lines('h\n\n"one\ntwo\nthree"\n,,\nlast\n')).toEqual([1, 3, 7]);
  });

  it('treats a quote inside an unquoted field as text, as RFC 4180 readers do, also in a CRLF file', () => {
    expect(fields('size,note\r\n5 "inch,ok\r\nx,y\n')).toEqual([
      ['size', 'note'],
      ['5 "inch', 'ok'],
      ['x', 'y'],
    ]);
  });

  it('names the record line and the field of a quoted field followed by text', () => {
    expect(parseCsv('a,b,c\n1,"x, y"z,3\n').error).toEqual({ code: 'text-after-quote', line: 2, column: 2 });
  });

  it('reports an unclosed quote at the line where its record starts', () => {
    expect(parseCsv('a\n\nb,"open\nstill\n').error).toEqual({ code: 'unclosed-quote', line: 3, column: 2 });
  });

  it('writes CRLF line ends, a final line end, an optional BOM and quotes where a spreadsheet needs them', () => {
    expect(toCsv([['a', ' lead', 'tail\t', 'x,y', 'say "hi"', 'l\nm', null, 3]], { bom: true })).toBe('\uFEFFa," lead","tail\t","x,y","say ""hi""","l\nm",,3\r\n');
  });

  it('gives back what it wrote, and the line each record starts on, for any text and any mix of line ends', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '中', ' ', ',', '"', '\r', '\n', '\t', 'x'), maxLength: 8 });
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).filter((cells) => cells.some((cell) => cell !== ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(row, fc.constantFrom('\r\n', '\n', '\r')), { minLength: 1, maxLength: 6 }), (records) => {
        // Each record written on its own, then ended with the drawn line end instead of CRLF.
        const csv = records.map(([cells, end]) => toCsv([cells]).slice(0, -2) + end).join('');
        expect(fields(csv)).toEqual(records.map(([cells]) => cells));
        // Expected lines counted from the fields themselves: a record takes 1 line plus the breaks inside its fields.
        const breaks = (cells: string[]) => cells.reduce((sum, cell) => sum + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        const expected = records.map((_, i) => 1 + records.slice(0, i).reduce((sum, [cells]) => sum + 1 + breaks(cells), 0));
        expect(lines(csv)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
