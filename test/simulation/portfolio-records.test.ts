import readline from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPortfolioRecords, type PortfolioRecord } from '../../server/simulation/portfolio-records.ts';
import { parseCsv } from '../../shared/csv.ts';

async function records(chunks: Buffer[]): Promise<PortfolioRecord[]> {
  const out: PortfolioRecord[] = [];
  for await (const record of readPortfolioRecords(Readable.from(chunks), 'csv')) out.push(record);
  return out;
}

describe('reading a CSV portfolio as a stream', () => {
  it('reads a file whose line ends mix CRLF and LF without gluing records together', async () => {
    expect(await records([Buffer.from('applicant.age,applicant.region\r\n30,罗平县\n41,"师宗\r\n县"\r\n52,陆良县\n')])).toEqual([
      { line: 1, cells: ['applicant.age', 'applicant.region'] },
      { line: 2, cells: ['30', '罗平县'] },
      { line: 3, cells: ['41', '师宗\r\n县'] },
      { line: 5, cells: ['52', '陆良县'] },
    ]);
  });

  it('keeps Chinese text whole wherever the file is cut into chunks, and reads what the shared parser reads', async () => {
    const text = '\uFEFFapplicant.name,applicant.region\r\n张三,罗平县\n"李\n四",师宗县\r\n王五,"陆良县"\r\n';
    const bytes = Buffer.from(text);
    const whole = parseCsv(text).records.map(({ line, fields }) => ({ line, cells: fields }));
    // Every cut point, including those inside a three-byte character, a CRLF and a quoted field.
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(await records([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
    }
    expect(whole.map((record) => record.line)).toEqual([1, 2, 3, 5]);
  });
});

/** The lines as readline gives them (LF, CRLF and a lone CR end a line): the reader the batched one replaced, as the oracle. */
async function readlineRecords(bytes: Buffer): Promise<PortfolioRecord[]> {
  const out: PortfolioRecord[] = [];
  let line = 0;
  for await (let text of readline.createInterface({ input: Readable.from([bytes]), crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() !== '') out.push({ line, text });
  }
  return out;
}

/** Each piece on its own turn of the event loop, as a file stream delivers its reads (pieces read at once would be read as one). */
async function* apart(pieces: Buffer[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) {
    await new Promise((resolve) => setImmediate(resolve));
    yield piece;
  }
}

async function jsonlRecords(pieces: Buffer[]): Promise<PortfolioRecord[]> {
  const out: PortfolioRecord[] = [];
  for await (const record of readPortfolioRecords(Readable.from(apart(pieces)), 'jsonl')) out.push(record);
  return out;
}

/** The bytes cut at the given points (sorted, inside the text), as a file stream may deliver them. */
const cutAt = (bytes: Buffer, points: number[]): Buffer[] => {
  const at = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => bytes.subarray(from, i < at.length ? at[i] : bytes.length)).filter((piece) => piece.length > 0);
};

describe('reading a JSON-lines portfolio in batches', () => {
  it('numbers and splits lines as readline does, wherever the stream is cut (CR, CRLF, LF, blank lines, a BOM, Chinese text)', async () => {
    const piece = fc.constantFrom('{"application":{"applicant":{"name":"张三"}}}', '{"a":1}', '   ', '', '李', '\r', '\n', '\r\n', 'x');
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), async (bom, parts, points) => {
        const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${parts.join('')}`);
        expect(await jsonlRecords(cutAt(bytes, points))).toEqual(await readlineRecords(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a CRLF cut between its CR and LF as one line end', async () => {
    const bytes = Buffer.from('{"a":1}\r\n{"a":2}\r\n\r\n{"a":3}');
    const cut = bytes.indexOf('\n');
    expect(await jsonlRecords([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '{"a":2}' },
      { line: 4, text: '{"a":3}' },
    ]);
  });
});
