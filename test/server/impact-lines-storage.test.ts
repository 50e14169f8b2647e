import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { exportImpact, ImportRefused, importImpact, MANIFEST_FILE, readManifest, verifyImpact } from '../../server/simulation/impact-backup.ts';
import type { ImpactServices } from '../../server/simulation/impact.ts';
import type { SimulationReport } from '../../server/simulation/report.ts';
import { storageBackends, flashLoan, ID_NUMBER, portfolioRow, samples, sha256, textOf } from './impact-storage-fixtures.ts';

/**
 * The line map of a stored portfolio (which uploaded line each stored row came from) on both
 * stores: kept with the upload, following the description when the same rows come again from
 * another file, used by a simulation job so its report names the uploaded lines, and carried by
 * the store's export and import. The portfolio's identity (the hash of its rows) does not change.
 */
const { kinds, backend } = storageBackends();

/** Row n with its own ID number, so a line of the upload names one applicant. */
const idOf = (n: number) => `11010119900101${1000 + n}`;
const row = (n: number) => portfolioRow(n).replace(ID_NUMBER, idOf(n));
const masked = (id: string) => `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`; // first 3 and last 4 kept, written out here
const ID = /11010119900101\d{4}/;

/** The flash loan with the minimum age raised from 22 to 30: the samples under 30 not declined before change. */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
function olderApplicantsOnly() {
  const document = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'flash-loan', 'flow.json'), 'utf8')) as FlowDocument;
  (document.blocks.find((block) => block.type === 'age-gate')!.config as { minAge: number }).minAge = 30;
  return compile(document, { catalog: defaultCatalog() }).product!;
}
const moved = samples.filter((sample) => (sample.application.applicant.age as number) < 30 && sample.expected.outcome !== 'decline').length;

const save = (services: ImpactServices, text: string, name: string, now: string) =>
  services.portfolios.save(Readable.from([text]), { productId: 'flash-copy', name, format: 'jsonl', uploadedBy: 'author', now });

/** Three copies of the samples with gaps: a blank first line, a refused row, two blank lines, a refused row. */
function gappyFile(): string {
  const n = samples.length;
  const copy = (from: number) => Array.from({ length: n }, (_, i) => row(from + i));
  return `${['', ...copy(1), 'not json', ...copy(n + 1), '', '   ', '{"application": 7}', ...copy(2 * n + 1)].join('\n')}\n`;
}

async function simulate(services: ImpactServices, hash: string, rows: number): Promise<SimulationReport> {
  const job = await services.jobs.start({
    productId: 'flash-copy',
    portfolio: { hash, rows },
    definitions: [flashLoan(), olderApplicantsOnly()],
    versions: { before: 1, after: 'draft' },
    startedBy: 'author',
    asOf: '2026-11-22',
  });
  await services.jobs.settled(job.id);
  const done = await services.jobs.get(job.id);
  expect(done?.status).toBe('done');
  return JSON.parse((await services.reports.read(done!.report!))!) as SimulationReport;
}

describe.each(kinds)('line maps in %s', (kind) => {
  it('a simulation of a stored portfolio names the lines of the uploaded file', async () => {
    const services = (await backend(kind)).services();
    const clean = await save(services, `${Array.from({ length: 3 * samples.length }, (_, i) => row(i + 1)).join('\n')}\n`, 'clean', '2026-11-22T07:00:00.000Z');
    const text = gappyFile();
    const uploadedLines = text.split('\n');
    const { portfolio, badRows } = await save(services, text, 'gappy', '2026-11-22T08:00:00.000Z');
    expect(badRows.map((bad) => bad.line)).toEqual([samples.length + 2, 2 * samples.length + 5]);
    expect(portfolio.rows).toBe(3 * samples.length);
    // the identity is still the stored rows' own hash: the same rows without the gaps are the same portfolio
    expect(portfolio.hash).toBe(clean.portfolio.hash);
    expect(sha256(await textOf((await services.portfolios.openRows('flash-copy', portfolio.hash))!))).toBe(portfolio.hash);
    const map = (await services.portfolios.lineMap('flash-copy', portfolio.hash))!;
    expect(map.breaks).toBe(3); // one per run of blank or refused lines

    const report = await simulate(services, portfolio.hash, portfolio.rows);
    expect(report.changed!.count).toBe(3 * moved);
    for (const changed of report.changed!.shown) expect(masked(uploadedLines[changed.line - 1].match(ID)![0]), `line ${changed.line}`).toBe(changed.applicant);
    // the other way, as the trace route finds the row: the stored row of each reported line holds that applicant
    const stored = (await textOf((await services.portfolios.openRows('flash-copy', portfolio.hash))!)).split('\n');
    for (const changed of report.changed!.shown) expect(masked(stored[map.storedRow(changed.line)! - 1].match(ID)![0])).toBe(changed.applicant);
    expect([1, samples.length + 2, 2 * samples.length + 3, 2 * samples.length + 5].map((line) => map.storedRow(line))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('the map follows the description: the same rows from another file take that file’s lines', async () => {
    const services = (await backend(kind)).services();
    const gappy = await save(services, gappyFile(), 'gappy', '2026-11-22T08:00:00.000Z');
    const clean = `${Array.from({ length: 3 * samples.length }, (_, i) => row(i + 1)).join('\n')}\n`;
    const again = await save(services, clean, 'clean', '2026-11-22T09:00:00.000Z');
    expect(again.portfolio.hash).toBe(gappy.portfolio.hash);
    expect(await services.portfolios.lineMap('flash-copy', again.portfolio.hash)).toBeUndefined();
    const report = await simulate(services, again.portfolio.hash, again.portfolio.rows);
    const lines = clean.split('\n');
    for (const changed of report.changed!.shown) expect(masked(lines[changed.line - 1].match(ID)![0])).toBe(changed.applicant);
    await save(services, gappyFile(), 'gappy again', '2026-11-22T10:00:00.000Z');
    expect((await services.portfolios.lineMap('flash-copy', again.portfolio.hash))?.breaks).toBe(3);
    expect(await services.portfolios.delete('flash-copy', again.portfolio.hash)).toBe(true);
    expect(await services.portfolios.lineMap('flash-copy', again.portfolio.hash)).toBeUndefined();
  });

  it('export and import carry the map, and refuse a damaged one by name', async () => {
    const services = (await backend(kind)).services();
    const { portfolio } = await save(services, gappyFile(), 'gappy', '2026-11-22T08:00:00.000Z');
    const expected = (await services.portfolios.lineMap('flash-copy', portfolio.hash))!.toText();
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'loan-blocks-lines-export-'));
    try {
      const manifest = await exportImpact(dir, ['flash-copy'], services, '2026-11-22T08:00:00.000Z');
      await fs.promises.writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest)); // as `npm run store -- export` writes it
      expect(manifest.portfolios).toEqual([{ productId: 'flash-copy', hash: portfolio.hash, rows: portfolio.rows, bytes: portfolio.bytes, lineBreaks: 3 }]);
      for (const target of kinds) {
        const into = (await backend(target)).services();
        await verifyImpact(dir, await readManifest(dir));
        const imported = await importImpact(dir, await readManifest(dir), into);
        expect(imported.portfolios).toBe(1);
        expect((await into.portfolios.lineMap('flash-copy', portfolio.hash))?.toText()).toBe(expected);
      }
      const file = path.join(dir, 'portfolios', 'flash-copy', `${portfolio.hash.slice(7)}.lines`);
      for (const [damaged, message] of [
        ['[1,2', /not JSON/],
        ['[1,2,3,3]', /breakpoint 2 .* must move the row forward and the line further still/],
        ['[1,2]', /holds 1 breakpoints, not the 3/],
        [`[${3 * samples.length},${3 * samples.length + 5}]`.replace(/^\[\d+/, `[${3 * samples.length + 1}`), /past the portfolio/],
      ] as const) {
        await fs.promises.writeFile(file, damaged);
        await expect(verifyImpact(dir, await readManifest(dir))).rejects.toThrow(message);
        await expect(verifyImpact(dir, await readManifest(dir))).rejects.toBeInstanceOf(ImportRefused);
      }
      await fs.promises.rm(file);
      await expect(verifyImpact(dir, await readManifest(dir))).rejects.toThrow(/\.lines: missing/);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});
