import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { computeSchedule, type ScheduleRequest } from '../../server/engine/loan-math/index.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import { ourDecision, type BenchSetup } from './engines.ts';
import { flowDocument } from './generate-product.ts';
import { jsonRulesBench } from './json-rules.ts';
import { timeEach, timing, type Timing } from './stats.ts';
import { zenDecision, zenInput } from './zen-graph.ts';
import { runnable } from './http.ts';

export interface InProcessFigures {
  compile: { cold: Record<string, number>; warm: Timing; warmRuns: number; documentBytes: number };
  evaluatorBuild: Timing;
  evaluatorHeapMb: number; // heap delta of one loaded evaluator (definition excluded), after GC
  decide: { all: Timing; byOutcome: Record<string, Timing> };
  zen: { createMs: number; sequential: Timing; batch: { concurrency: number; perEvaluationMs: number; totalMs: number } };
  jsonRules: { sequential: Timing };
  schedule360: { sameRequest: Timing; distinctRates: Timing };
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The first compile in a fresh process (child), including the catalog and schema load. */
function coldCompile(documentFile: string): Record<string, number> {
  const output = execFileSync(process.execPath, [...runnable('test/bench/cold-compile.ts'), documentFile], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop()!);
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function measureInProcess(bench: BenchSetup, options: { warmCompiles: number; jsonRulesCount: number; scheduleRuns: number }, log: (line: string) => void): Promise<InProcessFigures> {
  const catalog = defaultCatalog();
  const document = flowDocument(bench.model);
  const documentFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-doc-')), 'flow.json');
  fs.writeFileSync(documentFile, JSON.stringify(document));
  log('compile: cold (fresh process) …');
  const cold = coldCompile(documentFile);
  log('compile: warm …');
  const warm = timeEach(options.warmCompiles, () => compile(document, { catalog }));
  const evaluatorBuild = timeEach(Math.max(3, Math.floor(options.warmCompiles / 2)), () => buildEvaluator(bench.definition, catalog));

  const before = heapAfterGc();
  const kept = buildEvaluator(bench.definition, catalog);
  const evaluatorHeapMb = (heapAfterGc() - before) / 1024 / 1024;
  void kept.definition;

  log(`decide: ${bench.requests.length} applications …`);
  const requests = bench.requests;
  for (const request of requests.slice(0, 2000)) ourDecision(bench.evaluator, request); // warm-up (JIT)
  const samples: number[] = [];
  const byOutcome: Record<string, number[]> = {};
  for (const request of requests) {
    const started = performance.now();
    const decision = ourDecision(bench.evaluator, request);
    const took = performance.now() - started;
    samples.push(took);
    (byOutcome[decision.outcome] ??= []).push(took);
  }

  log('ZEN: sequential and batched …');
  const createStarted = performance.now();
  const zen = zenDecision(bench.model);
  const createMs = performance.now() - createStarted;
  const zenInputs = requests.map(zenInput);
  for (const input of zenInputs.slice(0, 500)) await zen.evaluate(input);
  const zenSamples: number[] = [];
  for (const input of zenInputs) {
    const started = performance.now();
    await zen.evaluate(input);
    zenSamples.push(performance.now() - started);
  }
  const concurrency = 64;
  const batchStarted = performance.now();
  for (let i = 0; i < zenInputs.length; i += concurrency) await Promise.all(zenInputs.slice(i, i + concurrency).map((input) => zen.evaluate(input)));
  const batchMs = performance.now() - batchStarted;

  log(`json-rules-engine: ${options.jsonRulesCount} applications …`);
  const jre = jsonRulesBench(bench.model);
  for (const request of requests.slice(0, 20)) await jre.decide(request);
  const jreSamples: number[] = [];
  for (const request of requests.slice(0, options.jsonRulesCount)) {
    const started = performance.now();
    await jre.decide(request);
    jreSamples.push(performance.now() - started);
  }

  log('schedule: 360 months …');
  const base: ScheduleRequest = {
    principal: '1000000.00',
    annualRate: '4.9000',
    method: 'equal-installment',
    termMonths: 360,
    dayCount: '30/360',
    rounding: { mode: 'HALF_UP', unit: '0.01' },
    startDate: '2026-11-20',
  };
  timeEach(200, () => computeSchedule(base));
  const sameRequest = timeEach(options.scheduleRuns, () => computeSchedule(base));
  // a different rate every time: nothing the installment's power cache has seen
  const distinctRates = timeEach(options.scheduleRuns, (i) => computeSchedule({ ...base, annualRate: (3 + (i % 100_000) / 10_000 + 0.00001).toFixed(5) }));

  return {
    compile: { cold, warm, warmRuns: options.warmCompiles, documentBytes: Buffer.byteLength(JSON.stringify(document)) },
    evaluatorBuild,
    evaluatorHeapMb,
    decide: { all: timing(samples), byOutcome: Object.fromEntries(Object.entries(byOutcome).map(([outcome, list]) => [outcome, timing(list)])) },
    zen: { createMs, sequential: timing(zenSamples), batch: { concurrency, perEvaluationMs: batchMs / zenInputs.length, totalMs: batchMs } },
    jsonRules: { sequential: timing(jreSamples) },
    schedule360: { sameRequest, distinctRates },
  };
}
