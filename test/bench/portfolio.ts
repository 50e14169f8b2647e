import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateApplications, wireRequest } from './generate-applications.ts';
import { flowDocument, generateModel, type CreditFactoryModel } from './generate-product.ts';
import { zenDecision, zenInput } from './zen-graph.ts';

/** The portfolio simulation row of the benchmark. */
export interface PortfolioFigures {
  applications: number;
  simulateWallSeconds: number; // `npm run simulate` as a child process, start to exit: compile both flows, read, decide both versions, write the report
  simulateReportedSeconds: number; // what the CLI itself reports (from its start to the report written)
  outcomes: Record<string, Record<string, number>>; // per version, from the report
  changed: number;
  peakRssMb: number; // the CLI process's peak resident memory (its threads included)
  zen: { rows: number; seconds: number; perApplicationMs: number }; // ZEN deciding the portfolio's first `rows` applications once (one version), batches of 64, in this process
}

/**
 * ZEN decides the whole portfolio once, as the issue asks (about 400 applications a second here:
 * some four minutes for 100,000). BENCH_ZEN_ROWS decides only the first N for a quicker run; the
 * report then gives the whole portfolio's time as an estimate and says so.
 */
const ZEN_ROWS = process.env.BENCH_ZEN_ROWS === undefined ? Number.POSITIVE_INFINITY : Number(process.env.BENCH_ZEN_ROWS);

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHANNELS = ['app', 'branch', 'partner'];

/**
 * The change the simulation compares: civil servants' income multiple 15 → 18 and the lowest
 * score band's surcharge 60 → 80 bp, the kind of weekly tuning a credit team submits.
 */
export function changedModel(model: CreditFactoryModel): CreditFactoryModel {
  return {
    ...model,
    segments: model.segments.map((segment) => (segment.id === 'civil' ? { ...segment, multiple: 18 } : segment)),
    scoreBands: model.scoreBands.map((band, i) => (i === 0 ? { ...band, bp: 80 } : band)),
  };
}

/** Writes before.json, after.json and portfolio.jsonl (one channel decision request per line, channels in turn) into `dir`. */
export function writePortfolioFiles(dir: string, count: number): { before: string; after: string; portfolio: string; model: CreditFactoryModel } {
  const model = generateModel();
  const files = { before: path.join(dir, 'before.json'), after: path.join(dir, 'after.json'), portfolio: path.join(dir, 'portfolio.jsonl') };
  fs.writeFileSync(files.before, JSON.stringify(flowDocument(model)));
  fs.writeFileSync(files.after, JSON.stringify(flowDocument(changedModel(model))));
  const lines = generateApplications(model, count).map((request, i) => {
    const wire = wireRequest(request);
    return JSON.stringify({ ...wire, application: { ...wire.application, channel: CHANNELS[i % CHANNELS.length] } });
  });
  fs.writeFileSync(files.portfolio, `${lines.join('\n')}\n`);
  return { ...files, model };
}

/** Runs the simulate CLI (the esbuild bundle when built, else through tsx) and times it from outside. */
async function runSimulate(args: string[]): Promise<{ seconds: number; stderr: string; peakRssMb: number }> {
  const bundled = path.join(ROOT, 'dist', 'simulate.mjs');
  const command = fs.existsSync(bundled) ? [bundled] : ['--import', 'tsx', 'server/cli/simulate.ts'];
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ...command, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`simulate exited ${code}: ${stderr.slice(-2000)}`);
  const rss = /maxrss=([0-9]+)/.exec(stderr);
  return { seconds, stderr, peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

/** The simulation of `count` applications against two versions, and ZEN deciding them once. */
export async function measurePortfolio(count: number, log: (line: string) => void): Promise<PortfolioFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-portfolio-'));
  log(`portfolio: writing ${count} applications …`);
  const files = writePortfolioFiles(dir, count);
  const reportFile = path.join(dir, 'report.json');
  log('portfolio: npm run simulate, two versions …');
  const run = await runSimulate([files.after, files.portfolio, '--against', files.before, '--out', reportFile, '--as-of', '2026-11-20']);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { versions: { role: string; outcomes: Record<string, number> }[]; changed: { count: number } };
  const reported = /in ([0-9.]+) s;/.exec(run.stderr);
  log(`portfolio: ZEN, the first ${Math.min(ZEN_ROWS, count)} applications once …`);
  const zen = zenDecision(files.model);
  const inputs = fs
    .readFileSync(files.portfolio, 'utf8')
    .trim()
    .split('\n')
    .slice(0, ZEN_ROWS)
    .map((line) => {
      const request = JSON.parse(line);
      return zenInput({ ...request, profile: 'clean' });
    });
  const started = performance.now();
  for (let i = 0; i < inputs.length; i += 64) await Promise.all(inputs.slice(i, i + 64).map((input) => zen.evaluate(input)));
  const zenSeconds = (performance.now() - started) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    applications: count,
    simulateWallSeconds: run.seconds,
    simulateReportedSeconds: reported ? Number(reported[1]) : Number.NaN,
    outcomes: Object.fromEntries(report.versions.map((version) => [version.role, version.outcomes])),
    changed: report.changed.count,
    peakRssMb: run.peakRssMb,
    zen: { rows: inputs.length, seconds: zenSeconds, perApplicationMs: (zenSeconds * 1000) / inputs.length },
  };
}
