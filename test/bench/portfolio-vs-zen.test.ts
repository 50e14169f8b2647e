import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { Decimal } from '../../server/engine/money.ts';
import { buildReport } from '../../server/simulation/report.ts';
import { simulatePortfolio } from '../../server/simulation/simulate.ts';
import { generateApplications, wireRequest } from './generate-applications.ts';
import { flowDocument, generateModel } from './generate-product.ts';
import { changedModel } from './portfolio.ts';
import { fromZen, zenDecision, zenInput } from './zen-graph.ts';

/**
 * The portfolio simulation's aggregates on the credit factory against an independent count: GoRules
 * ZEN decides the same applications under both versions of the model (the benchmark's weekly
 * change), and the outcome counts, the transition matrix and the approved limit total are tallied
 * here from ZEN's answers.
 */
describe('portfolio simulation of the credit factory', () => {
  it('counts outcomes, transitions and approved limits as ZEN decides them under both versions', async () => {
    const model = generateModel();
    const changed = changedModel(model);
    const requests = generateApplications(model, 200);
    const catalog = defaultCatalog();
    const definitions = [model, changed].map((m) => compile(flowDocument(m), { catalog }).product!);
    const text = `${requests.map((request) => JSON.stringify(wireRequest(request))).join('\n')}\n`;
    const report = buildReport(await simulatePortfolio({ definitions, source: Readable.from([text]), format: 'jsonl', defaultAsOf: '2026-11-20', threads: 0 }), definitions, { format: 'jsonl', defaultAsOf: '2026-11-20' });

    const engines = [zenDecision(model), zenDecision(changed)];
    const outcomes = [{ approve: 0, decline: 0, refer: 0 }, { approve: 0, decline: 0, refer: 0 }];
    const totals = [new Decimal(0), new Decimal(0)];
    const transitions: Record<string, Record<string, number>> = { approve: { approve: 0, decline: 0, refer: 0 }, decline: { approve: 0, decline: 0, refer: 0 }, refer: { approve: 0, decline: 0, refer: 0 } };
    for (const request of requests) {
      const answers = await Promise.all(engines.map(async (engine) => fromZen((await engine.evaluate(zenInput(request))).result)));
      answers.forEach((answer, i) => {
        outcomes[i][answer.outcome] += 1;
        if (answer.outcome === 'approve') totals[i] = totals[i].plus(answer.limit!);
      });
      transitions[answers[0].outcome][answers[1].outcome] += 1;
    }
    expect(report.versions.map((version) => version.outcomes)).toEqual(outcomes);
    expect(report.transitions).toEqual(transitions);
    expect(report.versions.map((version) => version.approvedLimitTotal)).toEqual(totals.map((total) => total.toFixed(2)));
    expect(totals[1].gt(totals[0])).toBe(true); // civil servants' multiple 15 → 18 raises some limits
  }, 120_000);
});
