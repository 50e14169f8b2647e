import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { Decimal } from '../../server/engine/money.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { buildReport, type SimulationReport } from '../../server/simulation/report.ts';
import { PortfolioError, simulatePortfolio } from '../../server/simulation/simulate.ts';
import type { PortfolioFormat } from '../../server/simulation/portfolio-records.ts';

/**
 * The simulation's aggregates against an independent count: a portfolio made of each example's
 * samples, whose outcomes, reason codes and limits are stated in the sample files (worked out by
 * hand or by an independent script, see each sample's `check`). The expected counts below are
 * tallied from those files, never from the simulation.
 */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const catalog = defaultCatalog();
const productIds = fs
  .readdirSync(EXAMPLES)
  .filter((id) => fs.existsSync(path.join(EXAMPLES, id, 'flow.json')))
  .sort();
const documentOf = (id: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, id, 'flow.json'), 'utf8')) as FlowDocument;
const definitionOf = (document: FlowDocument): ProductDefinition =>
  compile(document, { catalog, resolveBase: ({ productId }) => (productIds.includes(productId) ? { document: documentOf(productId), version: null } : undefined) }).product!;

interface Sample {
  application: Record<string, unknown>;
  request: { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf: string; channel?: string };
  expected: { outcome: 'approve' | 'decline' | 'refer'; reasonCodes: string[]; offer?: { limit?: string } };
}
const samplesOf = (id: string): Sample[] => {
  const dir = path.join(EXAMPLES, id, 'samples');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Sample);
};
/** A sample as a channel decision request: the channel travels in the application (a dictionary field). */
const requestOf = ({ application, request: { channel, ...request } }: Sample) => ({ application: channel ? { ...application, channel } : application, ...request });
const jsonLines = (rows: unknown[]) => `${rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n')}\n`;

async function simulate(definitions: ProductDefinition[], text: string, format: PortfolioFormat, threads = 0): Promise<SimulationReport> {
  const result = await simulatePortfolio({ definitions, source: Readable.from([text]), format, defaultAsOf: '2026-11-22', threads, chunkSize: 4 });
  return buildReport(result, definitions, { format, defaultAsOf: '2026-11-22' });
}

describe('portfolio simulation', () => {
  it.each(productIds)('counts outcomes, reason codes and approved limits of the %s samples as the sample files state them', async (id) => {
    const samples = samplesOf(id);
    const expected = { approve: 0, decline: 0, refer: 0 };
    const codes: Record<string, number> = {};
    let approvedTotal = new Decimal(0);
    for (const sample of samples) {
      expected[sample.expected.outcome] += 1;
      for (const code of new Set(sample.expected.reasonCodes)) codes[code] = (codes[code] ?? 0) + 1;
      if (sample.expected.outcome === 'approve') approvedTotal = approvedTotal.plus(sample.expected.offer!.limit!);
    }
    const definition = definitionOf(documentOf(id));
    const report = await simulate([definition, definition], jsonLines(samples.map(requestOf)), 'jsonl');
    const [before, after] = report.versions;
    expect(report.portfolio).toMatchObject({ rows: samples.length, decided: samples.length, bad: 0 });
    expect(after.outcomes).toEqual(expected);
    expect(before.outcomes).toEqual(expected);
    expect(Object.fromEntries(after.reasonCodes.map(({ code, count }) => [code, count]))).toEqual(codes);
    expect(after.approvedLimitTotal).toBe(approvedTotal.toFixed(2));
    expect(after.limit.count).toBe(expected.approve);
    // the same version on both sides: nobody moves
    expect(report.changed!.count).toBe(0);
    for (const from of ['approve', 'decline', 'refer'] as const) {
      for (const to of ['approve', 'decline', 'refer'] as const) expect(report.transitions![from][to]).toBe(from === to ? expected[from] : 0);
    }
  });

  it('reads the same portfolio as CSV with dictionary paths as columns and counts the same', async () => {
    const samples = samplesOf('flash-loan');
    const rows = samples.map((sample) => {
      const flat: Record<string, unknown> = {};
      const walk = (value: unknown, prefix: string) => {
        if (value && typeof value === 'object' && !Array.isArray(value)) for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
        else flat[prefix] = Array.isArray(value) ? value.join('|') : value;
      };
      const { application, ...request } = requestOf(sample);
      walk(application, '');
      return { ...flat, ...request };
    });
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].sort();
    const csv = Papa.unparse(
      rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column] ?? '')),
      { newline: '\n' },
    );
    const definition = definitionOf(documentOf('flash-loan'));
    const fromCsv = await simulate([definition], `${columns.join(',')}\n${csv}\n`, 'csv');
    const fromJson = await simulate([definition], jsonLines(samples.map(requestOf)), 'jsonl');
    expect(fromCsv.badRows.shown).toEqual([]);
    expect(fromCsv.versions).toEqual(fromJson.versions);
  });

  it('reports bad rows with their line numbers and decides the rest', async () => {
    const samples = samplesOf('flash-loan').map(requestOf);
    const text = jsonLines([samples[0], '', '{"application": ', samples[1], { ...samples[2], termMonths: 0 }, { ...samples[3], application: { applicant: { age: 'old' } } }, samples[4]]);
    const definition = definitionOf(documentOf('flash-loan'));
    const report = await simulate([definition], text, 'jsonl');
    expect(report.portfolio).toMatchObject({ rows: 6, decided: 3, bad: 3 }); // the blank line 2 is no row
    expect(report.badRows.shown.map((row) => row.line)).toEqual([3, 5, 6]);
    expect(report.badRows.shown[1].errors).toEqual([{ pointer: '/termMonths', message: 'must be a whole number of months from 1 to 600' }]);
    expect(report.badRows.shown[2].errors).toContainEqual({ pointer: '/application/applicant/age', message: 'must be integer' });
  });

  it('counts CSV lines through quoted cells that span lines, and names the bad cell', async () => {
    const definition = definitionOf(documentOf('flash-loan'));
    const header = 'applicant.name,applicant.age,applicant.monthlyIncome,applicant.lists,applicant.bureau.currentOverdue,termMonths,asOf';
    const text = `${header}\n"Zhang\nSan",30,10000,existing-customers,false,12,2026-11-22\nLi,thirty,10000,,false,12,2026-11-22\n`;
    const report = await simulate([definition], text, 'csv');
    expect(report.badRows.shown[0].line).toBe(2); // the quoted name starts on line 2 and ends on line 3
    expect(report.badRows.shown[1].line).toBe(4);
    expect(report.badRows.shown[1].errors).toContainEqual({ pointer: '/application/applicant/age', message: 'column applicant.age must be a whole number, got "thirty"' });
  });

  it('stops at a line longer than 4 MiB instead of holding it in memory, in both formats', async () => {
    const definition = definitionOf(documentOf('flash-loan'));
    for (const format of ['jsonl', 'csv'] as const) {
      const huge = `${format === 'csv' ? 'applicant.age\n' : ''}${'9'.repeat(5 * 1024 * 1024)}\n`;
      await expect(simulate([definition], huge, format)).rejects.toThrow(RangeError);
    }
  });

  it('refuses a CSV header with a column that is no dictionary path, naming it', async () => {
    const definition = definitionOf(documentOf('flash-loan'));
    await expect(simulate([definition], 'applicant.age,applicant.shoeSize\n30,42\n', 'csv')).rejects.toThrow(PortfolioError);
    await expect(simulate([definition], 'applicant.age,applicant.shoeSize\n30,42\n', 'csv')).rejects.toThrow(/column 2 "applicant.shoeSize": is neither a request field/);
  });

  it.each(['agricultural', 'merchant', 'mortgage-fast', 'salaried'])(
    'counts each %s sample in the segment its decision trace shows (the simulation reads it from the walk, without a trace)',
    async (id) => {
      const definition = definitionOf(documentOf(id));
      const evaluator = buildEvaluator(definition, catalog);
      const expected: Record<string, Record<string, number>> = {};
      const samples = samplesOf(id);
      for (const sample of samples) {
        const { channel, ...request } = sample.request;
        const result = evaluator.decide({ application: channel ? { ...sample.application, channel } : sample.application, ...request, channel, trace: true });
        if (!('decision' in result)) continue;
        const segment = result.decision.trace!.find((step) => step.type === 'segment-switch')?.port ?? '';
        const counts = (expected[segment] ??= { approve: 0, decline: 0, refer: 0 });
        counts[result.decision.outcome] += 1;
      }
      expect(Object.keys(expected).filter((segment) => segment !== '').length).toBeGreaterThan(0);
      const report = await simulate([definition], jsonLines(samples.map(requestOf)), 'jsonl');
      expect(Object.fromEntries(report.versions[0].bySegment.map(({ key, approve, decline, refer }) => [key, { approve, decline, refer }]))).toEqual(expected);
    },
  );

  it('refuses a version whose block config fails its schema before any thread decides with it, on threads as in one thread', async () => {
    // Threads build the versions without validating block configs again (the main thread checks them once), so a stored
    // definition that no longer passes its schema must be stopped here, not decided with.
    const tampered = structuredClone(definitionOf(documentOf('flash-loan')));
    const age = tampered.blocks.find((block) => block.type === 'age-gate')!;
    (age.config as { minAge: unknown }).minAge = 'eighteen';
    const text = jsonLines(samplesOf('flash-loan').map(requestOf));
    await expect(simulate([tampered], text, 'jsonl', 1)).rejects.toThrow(new RegExp(`block ${age.id} does not compile: config /minAge is invalid`));
    await expect(simulate([tampered], text, 'jsonl', 0)).rejects.toThrow(new RegExp(`block ${age.id} does not compile`));
  }, 60_000);

  it('stops at once when cancelled while its threads are still starting, instead of waiting for them', async () => {
    // A review's simulation interrupted by a server stop just after submission used to wait for its
    // threads to load (seconds on a loaded machine), past the stop's grace period, and stay "running".
    const definitions = [definitionOf(documentOf('flash-loan'))];
    const text = jsonLines(samplesOf('flash-loan').map(requestOf));
    const run = async (cancel: boolean) => {
      const abort = new AbortController();
      const started = performance.now();
      const running = simulatePortfolio({ definitions, source: Readable.from([text]), format: 'jsonl', defaultAsOf: '2026-11-22', threads: 2, signal: abort.signal });
      if (cancel) setTimeout(() => abort.abort(), 1);
      const outcome = await running.then(
        () => 'done',
        (error: Error) => error.name,
      );
      return { outcome, ms: performance.now() - started };
    };
    await run(false); // loads what the threads load once per process
    const whole = await run(false); // almost all of it starting the threads: the portfolio is a few dozen rows
    const cancelled = await run(true);
    expect(whole.outcome).toBe('done');
    expect(cancelled.outcome).toBe('AbortError');
    expect(cancelled.ms, `cancelled after ${Math.round(cancelled.ms)} ms; a whole run took ${Math.round(whole.ms)} ms`).toBeLessThan(whole.ms / 3);
  }, 60_000);

  it('gives the same report byte for byte on threads and in one thread, and lists changed applicants masked', async () => {
    const base = documentOf('flash-loan');
    const changed = structuredClone(base);
    const age = changed.blocks.find((block) => block.type === 'age-gate')!;
    (age.config as { minAge: number }).minAge = 30; // 22 → 30: the young applicants are now declined
    const samples = samplesOf('flash-loan').map(requestOf);
    const portfolio = samples.map((sample, i) => ({
      ...sample,
      application: { ...sample.application, applicant: { ...(sample.application as { applicant: object }).applicant, idNumber: `53010219${String(80 + i).padStart(2, '0')}0101123X` } },
    }));
    const definitions = [definitionOf(base), definitionOf(changed)];
    const text = jsonLines([...portfolio, ...portfolio, ...portfolio]);
    const inOneThread = JSON.stringify(await simulate(definitions, text, 'jsonl', 0));
    const onThreads = JSON.stringify(await simulate(definitions, text, 'jsonl', 2));
    expect(onThreads).toBe(inOneThread);
    const report = JSON.parse(inOneThread) as SimulationReport;
    // from the sample files: applicants under 30 who were not declined already now are, three times over
    const moved = samplesOf('flash-loan').filter((sample) => (sample.application as { applicant: { age: number } }).applicant.age < 30 && sample.expected.outcome !== 'decline');
    expect(moved.length).toBeGreaterThan(0);
    expect(report.changed!.count).toBe(3 * moved.length);
    for (const row of report.changed!.shown) {
      expect(row.applicant).toMatch(/^530\*{11}123X$/);
      expect(row.after.outcome).toBe('decline');
    }
  }, 60_000);
});
