import { Readable } from 'node:stream';
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
