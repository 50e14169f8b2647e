/**
 * Memory across simulations (issue #11, finding 13): simulates N changed drafts of the salaried
 * example the way `POST /api/studio/products/:id/simulate` does (compile through the studio's
 * CompileService, build or reuse the evaluator, decide one sample) and reports the heap after a
 * full GC before and after. Every draft changes the product's name, so each one compiles to a new
 * definition and evaluator; every 25th also adds a product-specific application field, so its
 * application schema is new and needs a new validator.
 *
 *   node --expose-gc --import tsx test/bench/simulate-memory.ts [drafts=5000]
 *
 * The heap grows while the bounded caches fill (about 1,000 drafts), then stays level: 33.3 MB after
 * 1,000 drafts, 33.8 MB after 5,000 (2026-12-03). Before the fix it grew ~8 KB per draft without end
 * (42.4 MB at 1,000, 74.9 MB at 5,000, 115.2 MB at 10,000): V8's compilation cache kept the code Ajv
 * generated for every distinct application schema (server/engine/schema-registry.ts, uncachedByV8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCatalog } from '../../server/catalog.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { CompileService } from '../../server/studio/compile-service.ts';
import { fromRoot } from '../../server/root.ts';

const drafts = Number(process.argv[2] ?? 5000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const catalog = createCatalog();
const store = await LowdbStore.open(fs.mkdtempSync(path.join(os.tmpdir(), 'loan-blocks-memory-')));
const compiler = new CompileService(store, catalog);
const original = JSON.parse(fs.readFileSync(fromRoot('examples/salaried/flow.json'), 'utf8')) as FlowDocument;
const sample = JSON.parse(fs.readFileSync(fromRoot('examples/salaried/samples/01-segment-a-branch.json'), 'utf8')) as { application: unknown; request: Record<string, unknown> };

/** Draft number i: the name changes every time, an extra application field every 25th draft. */
function draft(i: number): FlowDocument {
  const document = structuredClone(original);
  const start = document.blocks.find((block) => block.type === 'application')!;
  start.config = { ...start.config, name: { 'zh-CN': `白领贷 ${i}`, en: `Salaried credit ${i}` } };
  const fields = Math.floor(i / 25);
  if (fields > 0) start.config.extraFields = { [`field${fields}`]: { type: 'number', minimum: 0 } };
  return document;
}

async function simulate(i: number): Promise<string> {
  const { product } = await compiler.compile(draft(i));
  if (!product) throw new Error(`draft ${i} did not compile`);
  const result = compiler.evaluator(product).decide({ ...sample.request, application: sample.application, asOf: String(sample.request.asOf ?? '2026-11-22') });
  if (!('decision' in result)) throw new Error(`draft ${i}: ${JSON.stringify(result.errors)}`);
  return result.decision.outcome;
}

for (let i = 0; i < 50; i++) await simulate(i); // warm up: caches fill, code is compiled
const before = heapMb();
const started = performance.now();
const marks: string[] = [];
for (let i = 50; i < 50 + drafts; i++) {
  await simulate(i);
  if ((i - 50 + 1) % Math.max(1, Math.floor(drafts / 5)) === 0) marks.push(`${i - 50 + 1}: ${heapMb().toFixed(1)} MB`);
}
const after = heapMb();
const stats = (catalog.schemas as { cacheStats?: unknown }).cacheStats;
console.log(
  JSON.stringify(
    {
      drafts,
      distinctApplicationSchemas: Math.floor((50 + drafts) / 25),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      heapBeforeMb: Number(before.toFixed(1)),
      heapAfterMb: Number(after.toFixed(1)),
      growthMb: Number((after - before).toFixed(1)),
      heapDuringRun: marks,
      validatorCache: stats ?? 'none (code before the fix)',
    },
    null,
    2,
  ),
);
await store.flush();
