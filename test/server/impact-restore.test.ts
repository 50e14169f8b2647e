import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PortfolioMeta } from '../../server/simulation/portfolio-store.ts';
import { storageBackends, portfolioRows, sha256, textOf } from './impact-storage-fixtures.ts';

/**
 * The restore half of the export contract, on both implementations: exported rows and reports are
 * stored byte for byte under their description when they are exactly what it says, and refused
 * (RestoreError) with nothing left behind when they are not — the check an import relies on.
 */
const { kinds, backend } = storageBackends();
const rows = `${portfolioRows(60)
  .map((row) => row.replace('"Applicant ', '"申请人 '))
  .join('\n')}\n`; // 660 rows, ~280 KB: more than one PostgreSQL chunk; names in three-byte characters
const meta: PortfolioMeta = {
  hash: sha256(rows),
  productId: 'flash-copy',
  name: '六月进件',
  rows: 660,
  badRows: 3,
  uploadedFrom: 'csv',
  uploadedBy: 'author',
  uploadedAt: '2026-06-30T09:15:00.000Z',
  bytes: Buffer.byteLength(rows),
};
/** The text split at awkward places (mid-line, mid-character), as a file stream may deliver it. */
const pieces = (text: string) => {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 4093) out.push(bytes.subarray(at, at + 4093));
  return Readable.from(out);
};

describe.each(kinds)('restoring exported impact data into %s', (kind) => {
  it('stores exactly described rows byte for byte with their description, once', async () => {
    const opened = await backend(kind);
    const { portfolios } = opened.services();
    expect(await portfolios.restore(meta, pieces(rows))).toBe('stored');
    expect(await portfolios.get(meta.productId, meta.hash)).toEqual(meta); // name, uploader and time as exported
    expect(await textOf((await portfolios.openRows(meta.productId, meta.hash))!)).toBe(rows);
    expect(await portfolios.restore({ ...meta, name: 'again' }, pieces(rows))).toBe('present');
    expect((await portfolios.get(meta.productId, meta.hash))!.name).toBe('六月进件');
  });

  it('refuses rows that differ from their description and keeps nothing of them', async () => {
    const opened = await backend(kind);
    const { portfolios, reports } = opened.services();
    const edited = rows.replace('"申请人 600"', '"申请人 601"');
    expect(edited).not.toBe(rows);
    const cases: [string, string, RegExp][] = [
      ['one row edited', edited, /hashing to sha256:[0-9a-f]{64}, not the 660 rows/],
      ['cut short', rows.slice(0, rows.indexOf('\n', 100_000) + 1), /holds \d+ rows of \d+ bytes/],
      ['a row added', `${rows}{"application":{}}\n`, /holds more than the 660 rows/],
      ['no line end at the end', rows.slice(0, -1), /the last row does not end with a line end/],
      ['not JSON', rows.replace('{"application"', '{application"'), /row 1 is not JSON/],
    ];
    for (const [what, text, message] of cases) {
      await expect(portfolios.restore(meta, pieces(text)), what).rejects.toMatchObject({ name: 'RestoreError', message: expect.stringMatching(message) });
      expect(await portfolios.list(meta.productId), what).toEqual([]);
      expect(await opened.leftovers(), what).toBe(0);
    }
    // a byte that is not UTF-8 (a lone lead byte) in place of one of the first row's
    const broken = Buffer.concat([Buffer.from(rows.slice(0, 10)), Buffer.from([0xc3]), Buffer.from(rows.slice(11))]);
    await expect(portfolios.restore(meta, Readable.from([broken]))).rejects.toMatchObject({ message: expect.stringMatching(/row 1 is not JSON \(or not UTF-8\)/) });

    const report = '{"format":"loan-portfolio-simulation/1"}\n';
    expect(await reports.restore(sha256(report), report)).toBe('stored');
    expect(await reports.read(sha256(report))).toBe(report);
    expect(await reports.hashes()).toEqual([sha256(report)]);
    await expect(reports.restore(sha256(report), report.replace('/1', '/2'))).rejects.toMatchObject({ name: 'RestoreError', message: expect.stringMatching(/hashes to sha256:/) });
    await expect(reports.restore(sha256('[1]\n'), '[1]\n')).rejects.toMatchObject({ message: 'it is not a JSON object' });
    await reports.remove(sha256(report));
    expect(await reports.hashes()).toEqual([]);
  });
});

describe('a refused restore into files', () => {
  it('leaves no temporary file even when the refusal comes before the file system has opened it', async () => {
    // The thread pool kept busy, as on a loaded machine: a temporary file whose opening was still
    // queued when its restore was refused used to be created after the clean-up had run.
    const opened = await backend('files');
    const { portfolios } = opened.services();
    let busy = true;
    const keepBusy = (): void => {
      if (busy) crypto.pbkdf2('x', 'y', 3000, 32, 'sha256', keepBusy);
    };
    for (let thread = 0; thread < 4; thread += 1) keepBusy();
    try {
      const refusals = Array.from({ length: 100 }, () =>
        portfolios.restore(meta, Readable.from([Buffer.from('{application"\n')])).then(
          () => 'stored',
          (error: Error) => error.name,
        ),
      );
      expect(new Set(await Promise.all(refusals))).toEqual(new Set(['RestoreError']));
    } finally {
      busy = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // any open still queued has run by now
    expect(await opened.leftovers()).toBe(0);
  });
});
