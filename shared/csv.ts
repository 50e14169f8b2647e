import Papa from 'papaparse';

/**
 * The project's one CSV reader and writer, on papaparse, for code on both sides of the wire: the
 * studio's decision-table import/export and the pricing table's CSV format on the server. It runs in
 * the browser and in Node (no Node modules), and imports nothing but papaparse
 * (`.dependency-cruiser.cjs`, rule `shared-is-pure`). The portfolio reader streams the same parser
 * (server/simulation/portfolio-records.ts).
 *
 * What papaparse leaves to its caller, done here once:
 * - line ends: papaparse takes one line-break style per file, but a file saved by hand often mixes
 *   CRLF and LF; line breaks outside quoted fields are made LF first, those inside a quoted field
 *   are kept as written;
 * - line numbers: each record carries the line it starts on (1-based, the header is line 1), also
 *   after a quoted field that spans lines, so an error names the line a spreadsheet shows;
 * - a leading byte order mark (spreadsheets write one) is dropped; records whose fields are all
 *   empty (blank lines, `,,`) are left out.
 */

/** One CSV record and the line it starts on. */
export interface CsvRecord {
  line: number; // 1-based line where the record starts (the header is line 1)
  fields: string[];
}

/** Why a file is not CSV: a quoted field never closed, or text after a closing quote. */
export interface CsvSyntaxError {
  code: 'unclosed-quote' | 'text-after-quote';
  line: number; // the line where the record starts
  column: number; // 1-based field number
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Makes every line break outside a quoted field LF, chunk by chunk (a CRLF or a `""` split across two
 * chunks is handled: the state is carried over). A quote opens a quoted field only at a field's
 * start, as in papaparse; inside one, `""` is a quote and line breaks are kept as written.
 */
export function lineEndNormalizer(): (chunk: string) => string {
  let quoted = false; // inside a quoted field
  let closed = false; // the last character closed a quoted field (a quote next means `""`)
  let fieldStart = true; // the next character starts a field
  let afterCr = false; // the last character was a CR written as LF: an LF next belongs to it
  return (chunk) => {
    let out = '';
    let from = 0; // start of the run not yet copied to `out`
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (afterCr) {
        afterCr = false;
        if (code === LF) {
          from = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (code === QUOTE) [quoted, closed] = [false, true];
        continue;
      }
      if (code === QUOTE && (fieldStart || closed)) [quoted, closed, fieldStart] = [true, false, false];
      else if (code === CR) {
        out += `${chunk.slice(from, i)}\n`;
        from = i + 1;
        [afterCr, closed, fieldStart] = [true, false, true];
      } else [closed, fieldStart] = [false, code === COMMA || code === LF];
    }
    return from === 0 ? chunk : out + chunk.slice(from);
  };
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks in a text, a CRLF counted once: how many lines a record's text adds. */
export const countLineBreaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;
/** Field separators in a record's text before a position, quoted fields skipped. */
const fieldNumberAt = (recordText: string) => (recordText.match(/(?<=^|,)"(?:[^"]|"")*"?|,/g) ?? []).filter((part) => part === ',').length + 1;

/** Reads CSV text into records with their starting line; stops at the first syntax error. */
export function parseCsv(csv: string): { records: CsvRecord[]; error?: CsvSyntaxError } {
  const source = lineEndNormalizer()(csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv);
  const records: CsvRecord[] = [];
  let error: CsvSyntaxError | undefined;
  let start = 0; // offset where the current record starts
  let line = 1;
  Papa.parse<string[]>(source, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step(result, parser) {
      const fields = result.data;
      const problem = result.errors[0];
      if (problem) {
        const code = problem.code === 'MissingQuotes' ? 'unclosed-quote' : 'text-after-quote';
        const column = code === 'unclosed-quote' ? fields.length : fieldNumberAt(source.slice(start, problem.index));
        error = { code, line, column };
        parser.abort();
        return;
      }
      if (fields.some((field) => field !== '')) records.push({ line, fields });
      const end = result.meta.cursor;
      line += countLineBreaks(source.slice(start, end));
      start = end;
    },
  });
  return error ? { records, error } : { records };
}

/**
 * Writes records as CSV with CRLF line ends (RFC 4180) and a final line end. A field is quoted when
 * it holds a comma, a quote or a line break, or starts or ends with white space (which a
 * spreadsheet would otherwise trim). `bom` prefixes a UTF-8 byte order mark so spreadsheet
 * programs show Chinese text correctly.
 */
export function toCsv(records: readonly (readonly (string | number | null | undefined)[])[], { bom = false }: { bom?: boolean } = {}): string {
  if (!records.length) return bom ? '\uFEFF' : '';
  const text = Papa.unparse(
    records.map((record) => record.map((field) => (field === null || field === undefined ? '' : String(field)))),
    { delimiter: ',', newline: '\r\n', quoteChar: '"', escapeChar: '"', quotes: (value: unknown) => /^\s|\s$/.test(String(value)), escapeFormulae: false },
  );
  return `${bom ? '\uFEFF' : ''}${text}\r\n`;
}
