/**
 * `npm run bench` (full) or `npm run bench -- --quick` (smoke, under a minute; `--http-only` for the
 * HTTP figures alone, `--portfolio-only` for the portfolio simulation and ZEN on the same portfolio, with `BENCH_ENDPOINTS` and `BENCH_NODE_ARGS` when profiling the server): the credit-factory
 * benchmark. Run with `node --expose-gc --import tsx test/bench/run.ts` for the memory figure
 * (npm run bench re-executes itself that way when gc is not exposed).
 * Writes test/bench/results/latest.md and latest.json and prints the table.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAgreement, setup } from './engines.ts';
import { flowDocument } from './generate-product.ts';
import { PROFILE_MIX, wireRequest } from './generate-applications.ts';
import { DECISION_REQUESTS, measureHttp } from './http.ts';
import { measureInProcess } from './in-process.ts';
import { measurePortfolio } from './portfolio.ts';
import { markdownReport } from './report.ts';

const quick = process.argv.includes('--quick');
const skipHttp = process.argv.includes('--no-http');
const portfolioOnly = process.argv.includes('--portfolio-only'); // the portfolio simulation row alone (and ZEN on the same portfolio), printed as JSON
const httpOnly = process.argv.includes('--http-only'); // profiling the server: only the HTTP figures, printed as JSON, no report written

if (!(globalThis as { gc?: unknown }).gc && !process.env.BENCH_CHILD) {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, BENCH_CHILD: '1' } });
  process.exit(result.status ?? 1);
}

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const settings = quick
  ? { applications: 400, portfolio: 5_000, jsonRulesCount: 15, warmCompiles: 2, scheduleRuns: 300, http: { connections: 64, durationSeconds: 2, warmupSeconds: 1, rounds: 1 } }
  : { applications: 10_000, portfolio: 100_000, jsonRulesCount: 300, warmCompiles: 15, scheduleRuns: 3_000, http: { connections: 64, durationSeconds: 10, warmupSeconds: 2, rounds: 3 } };

/**
 * The machine's speed, as a yardstick for figures from different runs (this VM's speed varies by 2× over a day):
 * a fixed workload with nothing of ours in it, sha256 over 64 MiB, the best of 5, at the start and at the end.
 */
const yardstick = (): number => {
  const data = Buffer.alloc(64 * 1024 * 1024, 7);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    createHash('sha256').update(data).digest();
    best = Math.min(best, performance.now() - started);
  }
  return best;
};
const yardstickAtStart = yardstick();
if (portfolioOnly) {
  const figures = await measurePortfolio(quick ? 5_000 : 100_000, log);
  console.log(JSON.stringify({ ...figures, loadAverage: os.loadavg(), sha256Of64MiBMs: { atStart: yardstickAtStart, atEnd: yardstick() } }, null, 2));
  process.exit(0);
}
const started = performance.now();
log(`generating the product and ${settings.applications} applications …`);
const bench = setup(settings.applications);
/** What the server answers to the first applications (version 1 of a fresh store, the app channel, no trace): the floor endpoint sends these bytes. */
const decisionResponses = () => bench.requests.slice(0, DECISION_REQUESTS).map((request) => {
  const result = bench.evaluator.decide({ ...wireRequest(request), channel: 'app', trace: false });
  if (!('decision' in result)) throw new Error('a generated application was refused');
  return JSON.stringify({ ...result.decision, product: { ...result.decision.product, version: 1 } });
});
if (httpOnly) {
  const http = await measureHttp(flowDocument(bench.model), bench.requests, decisionResponses(), settings.http, log);
  console.log(JSON.stringify(http, null, 2));
  process.exit(0);
}
log('checking the three engines agree before timing anything …');
const agreement = await checkAgreement(bench, settings.jsonRulesCount);
if (agreement.zen.agreed !== agreement.zen.checked || agreement.jsonRules.agreed !== agreement.jsonRules.checked) {
  console.error(JSON.stringify({ zen: agreement.zen.disagreements, jsonRules: agreement.jsonRules.disagreements }, null, 2));
  throw new Error('the engines disagree: no timing is compared');
}
const inProcess = await measureInProcess(bench, settings, log);
const portfolio = await measurePortfolio(settings.portfolio, log);
const http = skipHttp ? undefined : await measureHttp(flowDocument(bench.model), bench.requests, decisionResponses(), settings.http, log);

const cpus = os.cpus();
const results = {
  generatedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: { cores: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: os.loadavg(), sha256Of64MiBMs: { atStart: yardstickAtStart, atEnd: yardstick() } },
  product: {
    admissionRules: bench.model.admission.length,
    strategyRows: bench.model.segments.reduce((rows, segment) => rows + segment.strategies.length, 0),
    approvalRules: bench.model.approval.length,
    segments: bench.model.segments.map((segment) => segment.id),
    hash: bench.definition.hash,
  },
  applications: { count: bench.requests.length, plantedMix: PROFILE_MIX, outcomes: agreement.outcomes },
  agreement: {
    zen: { checked: agreement.zen.checked, agreed: agreement.zen.agreed, fields: agreement.zen.fields },
    jsonRules: { checked: agreement.jsonRules.checked, agreed: agreement.jsonRules.agreed, fields: agreement.jsonRules.fields },
  },
  inProcess,
  portfolio,
  http,
  ratios: {
    decideMedianZenOverOurs: inProcess.zen.sequential.median / inProcess.decide.all.median,
    decideMeanZenBatchOverOurs: inProcess.zen.batch.perEvaluationMs / inProcess.decide.all.mean,
    decideMedianJsonRulesOverOurs: inProcess.jsonRules.sequential.median / inProcess.decide.all.median,
    ...(http ? {
      decisionRpsOverBareExpress: http.decision.requestsPerSecond / http.bareExpress.requestsPerSecond,
      decisionBytesFloorRpsOverBareExpress: http.decisionBytesFloor.requestsPerSecond / http.bareExpress.requestsPerSecond,
      decisionRpsOverBytesFloor: http.decision.requestsPerSecond / http.decisionBytesFloor.requestsPerSecond,
      decisionExampleRpsOverBareExpress: http.decisionExample.requestsPerSecond / http.bareExpress.requestsPerSecond,
      product304RpsOverBareExpress: http.productCached304.requestsPerSecond / http.bareExpress.requestsPerSecond,
      product200RpsOverBareExpress: http.product200.requestsPerSecond / http.bareExpress.requestsPerSecond,
    } : {}),
  },
  wallClockSeconds: 0,
};
results.wallClockSeconds = (performance.now() - started) / 1000;

const dir = path.join(import.meta.dirname, '..', '..', 'test', 'bench', 'results'); // the same folder from the source and from dist/bench/
fs.mkdirSync(dir, { recursive: true });
const markdown = markdownReport(results);
fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join(dir, 'latest.md'), markdown);
console.log(markdown);
log(`done in ${results.wallClockSeconds.toFixed(1)} s; results in test/bench/results/`);
process.exit(0);

export type BenchResults = typeof results;
