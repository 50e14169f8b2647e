import { Transform, type Duplex, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { countLineBreaks, lineEndNormalizer } from '../../shared/csv.ts';

/** How a portfolio file is written: one decision request per line, or CSV with dictionary paths as columns. */
export type PortfolioFormat = 'jsonl' | 'csv';

/**
 * The media types a portfolio upload may have, and the format each means. None is a CORS-safelisted
 * type, so the studio's CSRF guard (server/auth/csrf.ts) lets exactly these through besides JSON.
 */
export const PORTFOLIO_MEDIA_TYPES: Readonly<Record<string, PortfolioFormat>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/json-lines': 'jsonl',
};

/**
 * One record of a portfolio as read from the file, not yet understood: a JSON line's text or a CSV
 * row's cells, with the line it starts on (1-based; a CSV file's header is line 1). Records are
 * turned into decision requests on the simulation threads, so the reading thread only splits.
 */
export type PortfolioRecord = { line: number; text: string } | { line: number; cells: string[] };

/** The portfolio's format from its file name: `.csv` is CSV, anything else JSON lines. */
export const formatOf = (fileName: string): PortfolioFormat => (/\.csv$/i.test(fileName) ? 'csv' : 'jsonl');

const MAX_LINE_CHARS = 1_000_000; // a record longer than this is reported bad without being parsed
const MAX_LINE_BYTES = 4 * 1024 * 1024; // a line longer than this stops the read: memory stays bounded whatever the input

/** Passes bytes through and fails (RangeError) on a line longer than MAX_LINE_BYTES, before a line splitter would hold it whole. */
export function boundedLines(maxLineBytes = MAX_LINE_BYTES): Transform {
  let run = 0; // bytes since the last line break
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let from = 0;
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, from)) {
        if (run + at - from > maxLineBytes) return callback(new RangeError(`a line is longer than ${maxLineBytes} bytes`));
        run = 0;
        from = at + 1;
      }
      run += chunk.length - from;
      if (run > maxLineBytes) return callback(new RangeError(`a line is longer than ${maxLineBytes} bytes`));
      callback(null, chunk);
    },
  });
}

/**
 * A JSON-lines portfolio's records, a batch per piece of the stream (about a hundred lines in a
 * 64 KiB read): split synchronously, so a 100,000-line file costs a thousand awaits, not a hundred
 * thousand. Lines end at LF, CRLF or a lone CR, as readline splits them; a line's number counts
 * blank lines, which are skipped; a byte-order mark before the first line is dropped.
 */
export async function* jsonlRecordBatches(input: Readable): AsyncGenerator<PortfolioRecord[]> {
  const source = input.pipe(boundedLines());
  input.once('error', (error) => source.destroy(error));
  const decoder = new StringDecoder('utf8');
  let line = 0;
  let rest = ''; // the unfinished last line of what was read so far
  const split = (piece: string, final: boolean): PortfolioRecord[] => {
    const batch: PortfolioRecord[] = [];
    const all = rest + piece;
    const lines = all.includes('\r') ? all.split(LINE_END) : all.split('\n');
    rest = final ? '' : lines.pop()!;
    // a CR at the very end may be the first half of a CRLF: its line waits for what follows
    if (!final && all.endsWith('\r')) rest = `${lines.pop()}\r`;
    for (let text of lines) {
      line += 1;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) {
        if (text.length === 1) continue;
        text = text.slice(1);
      }
      if (text.trim() === '') continue;
      batch.push({ line, text: text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS) : text });
    }
    return batch;
  };
  for await (const chunk of source) {
    const batch = split(decoder.write(chunk as Buffer), false);
    if (batch.length) yield batch;
  }
  const last = split(decoder.end(), true);
  if (last.length) yield last;
}

const LINE_END = /\r\n|\n|\r/;

/**
 * Reads a portfolio stream record by record (pull-based: the stream is read only as fast as the
 * records are taken, so memory stays bounded whatever the file's size). Blank lines are skipped.
 * For CSV the first record is the header (its cells are column names) and is yielded with line 1.
 */
export async function* readPortfolioRecords(input: Readable, format: PortfolioFormat): AsyncGenerator<PortfolioRecord> {
  if (format === 'jsonl') {
    for await (const batch of jsonlRecordBatches(input)) yield* batch;
    return;
  }
  const source = input.pipe(boundedLines());
  input.once('error', (error) => source.destroy(error));
  // The same reading as shared/csv.ts, streamed: UTF-8 decoded whole characters at a time (a
  // character split between two chunks stays whole), line ends outside quoted fields made LF (a
  // file may mix CRLF and LF), then papaparse with LF records.
  const decoder = new StringDecoder('utf8');
  const normalize = lineEndNormalizer();
  const text = new Transform({
    decodeStrings: true,
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, normalize(decoder.write(chunk)));
    },
    flush(callback) {
      const rest = normalize(decoder.end());
      callback(null, rest || undefined);
    },
  });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', skipEmptyLines: false }) as unknown as Duplex;
  source.once('error', (error) => text.destroy(error)); // pipe() does not pass errors on
  text.once('error', (error) => parser.destroy(error));
  const rows = source.pipe(text).pipe(parser);
  let line = 1;
  for await (const cells of rows as AsyncIterable<string[]>) {
    const at = line;
    // A quoted cell may span lines; the next record starts after every line break it holds.
    for (const cell of cells) line += countLineBreaks(cell);
    line += 1;
    if (cells.length === 1 && cells[0].trim() === '') continue;
    if (at === 1 && cells.length > 0 && cells[0].charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1);
    yield { line: at, cells };
  }
}
