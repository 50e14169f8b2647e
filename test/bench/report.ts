import type { BenchResults } from './run.ts';
import type { Timing } from './stats.ts';

const f = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const t = (timing: Timing) => `${f(timing.median)} ms | ${f(timing.p99)} ms | ${f(timing.mean)} ms`;
const x = (ratio: number) => `${f(ratio, 1)}×`;
const n = (value: number) => Math.round(value).toLocaleString('en-US');

/** The results as the Markdown table printed and written to results/latest.md. */
export function markdownReport(r: BenchResults): string {
  const p = r.inProcess;
  const lines = [
    `# Credit-factory benchmark (${r.mode})`,
    '',
    `${r.machine.cores} cores · ${r.machine.cpuModel} · Node ${r.machine.node} · ${r.machine.platform} · load average at start ${r.machine.loadAverageAtStart.map((v) => f(v, 2)).join(' / ')} · ${r.generatedAt}`,
    '',
    `Machine speed yardstick (sha256 of 64 MiB, nothing of ours; lower is faster, this VM varies about 2× over a day): ${f(r.machine.sha256Of64MiBMs.atStart, 0)} ms at the start, ${f(r.machine.sha256Of64MiBMs.atEnd, 0)} ms at the end.`,
    '',
    `Product: ${r.product.admissionRules} admission rules, ${r.product.strategyRows} pre-approval strategy rows (${r.product.segments.length} segment tables), ${r.product.approvalRules} approval rules, 3 limits, score-band pricing, repayment (${r.product.hash.slice(0, 19)}…).`,
    `Applications: ${n(r.applications.count)}; outcomes ${Object.entries(r.applications.outcomes)
      .map(([k, v]) => `${k} ${n(v)} (${f((100 * v) / r.applications.count, 1)} %)`)
      .join(', ')}.`,
    `Agreement before timing: ZEN ${n(r.agreement.zen.agreed)}/${n(r.agreement.zen.checked)} on ${r.agreement.zen.fields.join(', ')}; json-rules-engine ${n(r.agreement.jsonRules.agreed)}/${n(r.agreement.jsonRules.checked)} on ${r.agreement.jsonRules.fields.join(', ')}.`,
    '',
    '## In process',
    '',
    '| figure | median | p99 | mean |',
    '| --- | --- | --- | --- |',
    `| our decide, per application (all ${n(p.decide.all.count)}) | ${t(p.decide.all)} |`,
    ...Object.entries(p.decide.byOutcome).map(([outcome, timing]) => `| our decide, ${outcome} (${n(timing.count)}) | ${t(timing)} |`),
    `| ZEN evaluate, sequential awaits | ${t(p.zen.sequential)} |`,
    `| ZEN evaluate, batches of ${p.zen.batch.concurrency} (wall ÷ count) | — | — | ${f(p.zen.batch.perEvaluationMs)} ms |`,
    `| json-rules-engine, sequential (${n(p.jsonRules.sequential.count)} applications) | ${t(p.jsonRules.sequential)} |`,
    `| 360-month schedule + APR, same request | ${t(p.schedule360.sameRequest)} |`,
    `| 360-month schedule + APR, a new rate each time | ${t(p.schedule360.distinctRates)} |`,
    `| compile, warm (${p.compile.warmRuns} runs) | ${t(p.compile.warm)} |`,
    `| evaluator build (load a definition) | ${t(p.evaluatorBuild)} |`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| compile, cold: first compile in a fresh process | ${f(p.compile.cold.compileMs, 1)} ms (+ catalog and schema load ${f(p.compile.cold.catalogMs, 1)} ms = ${f(p.compile.cold.coldTotalMs, 1)} ms; module load ${f(p.compile.cold.moduleLoadMs, 1)} ms; first evaluator build ${f(p.compile.cold.buildEvaluatorMs, 1)} ms) |`,
    `| flow document size | ${n(p.compile.documentBytes / 1024)} KiB |`,
    `| heap of one loaded evaluator (after GC) | ${f(p.evaluatorHeapMb, 1)} MB |`,
    `| ZEN createDecision | ${f(p.zen.createMs, 1)} ms |`,
    `| ZEN median ÷ our median | ${x(r.ratios.decideMedianZenOverOurs)} |`,
    `| ZEN batched mean ÷ our mean | ${x(r.ratios.decideMeanZenBatchOverOurs)} |`,
    `| json-rules-engine median ÷ our median | ${x(r.ratios.decideMedianJsonRulesOverOurs)} |`,
  ];
  const pf = r.portfolio;
  lines.push(
    '',
    `## Portfolio simulation (${n(pf.applications)} applications, two versions)`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| \`npm run simulate\` against two versions (child process, start to exit, compile included) | ${f(pf.simulateWallSeconds, 1)} s (its own figure from reading to report: ${f(pf.simulateReportedSeconds, 1)} s; peak memory ${f(pf.peakRssMb, 0)} MB) |`,
    `| per decision (wall ÷ ${n(pf.applications)} applications × 2 versions) | ${f((pf.simulateWallSeconds * 1e6) / (2 * pf.applications), 0)} µs |`,
    pf.zen.rows >= pf.applications
      ? `| ZEN deciding the same portfolio once, one version (batches of 64, in process) | ${f(pf.zen.seconds, 1)} s (${f(pf.zen.perApplicationMs, 3)} ms per application) |`
      : `| ZEN deciding the first ${n(pf.zen.rows)} applications of the same portfolio once, one version (batches of 64, in process) | ${f(pf.zen.seconds, 1)} s (${f(pf.zen.perApplicationMs, 3)} ms per application; all ${n(pf.applications)} at that rate ≈ ${f((pf.zen.perApplicationMs * pf.applications) / 1000, 0)} s, estimated, not measured) |`,
    `| outcomes before → after | ${Object.entries(pf.outcomes)
      .map(
        ([role, o]) =>
          `${role}: ${Object.entries(o)
            .map(([k, v]) => `${k} ${n(v)}`)
            .join(', ')}`,
      )
      .join(' · ')}; ${n(pf.changed)} applicants changed |`,
  );
  if (r.http) {
    const h = r.http;
    const row = (name: string, load: typeof h.decision) =>
      `| ${name} | ${n(load.requestsPerSecond)} | ${f(load.latencyP50Ms, 0)} ms | ${f(load.latencyP99Ms, 0)} ms | ${Object.entries(load.statusCodes)
        .map(([code, count]) => `${code}: ${n(count)}`)
        .join(', ')}${load.errors ? `, errors: ${load.errors}` : ''} |`;
    lines.push(
      '',
      `## HTTP (autocannon, ${h.connections} connections, ${h.durationSeconds} s each, best of ${h.rounds} interleaved round(s), 127.0.0.1, same machine)`,
      '',
      '| endpoint | requests/s | p50 | p99 | responses |',
      '| --- | --- | --- | --- | --- |',
      row('bare Express 5, constant JSON (separate process)', h.bareExpress),
      row('bare Express 5, POST the same 500 decision requests, answer the same decision bytes, no decision work', h.decisionBytesFloor),
      row(`POST /api/v1/products/:id/decisions (500 different applications; ${h.decisionThreads} decision thread${h.decisionThreads === 1 ? '' : 's'})`, h.decision),
      ...(h.decisionRuntimePostgres
        ? [
            row(
              `POST decisions, the same 500, a channel runtime replica backed by PostgreSQL (SERVER_ROLE=runtime, ${h.decisionThreads} decision thread${h.decisionThreads === 1 ? '' : 's'})`,
              h.decisionRuntimePostgres,
            ),
          ]
        : []),
      row('POST decisions, the same 500, a second server deciding in its main thread (DECISION_THREADS=0)', h.decisionMainThread),
      row('POST decisions, salaried example product (23 blocks, its 15 samples)', h.decisionExample),
      row('GET /api/v1/products/:id with If-None-Match (304)', h.productCached304),
      row('GET /api/v1/products/:id (200)', h.product200),
      '',
      `Decision endpoint ÷ bare Express: ${f(100 * r.ratios.decisionRpsOverBareExpress!, 1)} % of requests/s (example product: ${f(100 * r.ratios.decisionExampleRpsOverBareExpress!, 1)} %); the same requests and response bytes with no decision work reach ${f(100 * r.ratios.decisionBytesFloorRpsOverBareExpress!, 1)} % of bare Express, and the decision endpoint ${f(100 * r.ratios.decisionRpsOverBytesFloor!, 1)} % of that; cached product 304: ${f(100 * r.ratios.product304RpsOverBareExpress!, 1)} %; product 200: ${f(100 * r.ratios.product200RpsOverBareExpress!, 1)} %. Product published through ${h.publish.via} (${f(h.publish.ms, 0)} ms).${h.decisionRuntimePostgres ? ` Runtime replica on PostgreSQL ÷ embedded server: ${f(100 * (h.decisionRuntimePostgres.requestsPerSecond / h.decision.requestsPerSecond), 1)} % of requests/s (decisions never touch the database; channel keys are cached for 30 s).` : ''}`,
    );
  }
  lines.push(
    '',
    'How measured: our decide is `evaluator.decide()` (synchronous; schedule and APR included for approvals and refers) timed one call at a time after a warm-up. ZEN is `createDecision(graph).evaluate(input)` (asynchronous, native): "sequential" awaits each evaluation before starting the next and times each await; "batches" starts 64 at a time with Promise.all, so ZEN may use its native threads in parallel, and divides the wall time by the count. json-rules-engine runs staged engines (admission, segment, strategy, approval, score band) and is timed per application. Neither other engine computes a repayment schedule or APR.',
    '',
  );
  return lines.join('\n');
}
