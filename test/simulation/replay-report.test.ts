import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { buildEvaluator } from '../../server/engine/runtime/evaluator.ts';
import { requestOfRecord } from '../../server/simulation/portfolio-row.ts';
import { buildReport, type SimulationReport } from '../../server/simulation/report.ts';
import { simulatePortfolio, startSimulationThreads } from '../../server/simulation/simulate.ts';
import { generateApplications, wireRequest } from '../bench/generate-applications.ts';
import { flowDocument, generateModel } from '../bench/generate-product.ts';
import { changedModel } from '../bench/portfolio.ts';

/**
 * Two versions are decided together, the second replaying the first's walk (runtime/replay.ts).
 * The report must be what deciding each version on its own gives, the same on threads as in one
 * thread, and each changed applicant's line must decide again, with its trace, to the figures the
 * report lists (that is how the studio opens both traces side by side).
 */
const catalog = defaultCatalog();
const model = generateModel();
const definitions = [model, changedModel(model)].map((m) => compile(flowDocument(m), { catalog }).product!);
const CHANNELS = ['app', 'branch', 'partner'];
const lines = generateApplications(model, 1500).map((request, i) => {
  const wire = wireRequest(request);
  return JSON.stringify({ ...wire, application: { ...wire.application, channel: CHANNELS[i % CHANNELS.length] } });
});
const text = `${lines.join('\n')}\n`;

async function simulate(versions: ProductDefinition[], threads: number): Promise<SimulationReport> {
  const result = await simulatePortfolio({ definitions: versions, source: Readable.from([text]), format: 'jsonl', defaultAsOf: '2026-11-20', threads, chunkSize: 100 });
  return buildReport(result, versions, { format: 'jsonl', defaultAsOf: '2026-11-20' });
}

describe('simulating two versions together', () => {
  it('reports each version as simulating it alone does, and the same bytes on threads as in one thread', async () => {
    const together = await simulate(definitions, 0);
    const [before, after] = [await simulate([definitions[0]], 0), await simulate([definitions[1]], 0)];
    expect(JSON.stringify({ ...together.versions[0], role: 'after' })).toBe(JSON.stringify(before.versions[0]));
    expect(JSON.stringify(together.versions[1])).toBe(JSON.stringify(after.versions[0]));
    expect(together.changed!.count).toBeGreaterThan(50); // the change moves some applicants: the replay had to leave the first walk
    expect(JSON.stringify(await simulate(definitions, 2))).toBe(JSON.stringify(together));
    startSimulationThreads(2); // as npm run simulate does before compiling: the run then sends them the setup
    expect(JSON.stringify(await simulate(definitions, 2))).toBe(JSON.stringify(together));
  }, 120_000);

  it('lists changed applicants whose lines decide again, with both traces, to the figures reported', async () => {
    const report = await simulate(definitions, 0);
    const evaluators = definitions.map((definition) => buildEvaluator(definition, catalog));
    expect(report.changed!.shown.length).toBe(report.changed!.count);
    for (const row of report.changed!.shown) {
      const { request } = requestOfRecord({ line: row.line, text: lines[row.line - 1] }, undefined, '2026-11-20');
      const channel = (request!.application as { channel: string }).channel;
      const [before, after] = evaluators.map((evaluator) => {
        const result = evaluator.decide({ ...request!, channel, trace: true });
        if (!('decision' in result)) throw new Error(`line ${row.line} refused: ${JSON.stringify(result.errors)}`);
        return result.decision;
      });
      for (const [decision, figures] of [
        [before, row.before],
        [after, row.after],
      ] as const) {
        expect(decision.trace!.length).toBeGreaterThan(0);
        expect(decision.outcome).toBe(figures.outcome);
        expect(decision.trace!.find((step) => step.type === 'segment-switch')?.port ?? '').toBe(figures.segment);
        if (figures.limit !== undefined) expect([decision.offer!.limit, decision.offer!.rate.annual, decision.offer!.apr.simple]).toEqual([figures.limit, figures.rate, figures.apr]);
      }
    }
  }, 120_000);
});
