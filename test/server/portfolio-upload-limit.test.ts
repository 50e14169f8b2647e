import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readUpload, type UploadMeta } from '../../server/simulation/portfolio-store.ts';

const meta: UploadMeta = { productId: 'flash-loan', name: 'limit', format: 'jsonl', uploadedBy: 'author', now: '2026-12-03T08:00:00.000Z', maxRows: 10 };
const request = JSON.stringify({ application: { applicant: { age: 30 } }, requestedAmount: '50000', termMonths: 12 });

describe('the upload row limit', () => {
  it('counts bad rows too: an endless stream of bad lines is refused, not read for ever', async () => {
    const written: string[] = [];
    const upload = readUpload(Readable.from(Array.from({ length: 11 }, () => 'not json\n')), meta, (line) => void written.push(line));
    await expect(upload).rejects.toThrow(new RangeError('a portfolio holds at most 10 rows'));
    expect(written).toEqual([]);
  });

  it('refuses the record past the limit, whichever mix of good and bad rows leads to it, and takes exactly the limit', async () => {
    const mixed = [...Array.from({ length: 6 }, () => `${request}\n`), ...Array.from({ length: 5 }, () => '{"application": 7}\n')];
    await expect(readUpload(Readable.from(mixed), meta, () => undefined)).rejects.toThrow(RangeError);
    const atLimit = await readUpload(Readable.from(mixed.slice(0, 10)), meta, () => undefined);
    expect([atLimit.portfolio.rows, atLimit.portfolio.badRows]).toEqual([6, 4]);
  });
});
