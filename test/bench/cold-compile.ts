/**
 * Child process of the benchmark: the first compile in a fresh process. Prints one JSON line with
 * the module load time, the catalog load (every schema read and added to the one Ajv instance,
 * block types registered) and the first compile and evaluator build of the document given as a file.
 */
import fs from 'node:fs';

const document = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const loadStarted = performance.now();
const { createCatalog } = await import('../../server/catalog.ts');
const { compile } = await import('../../server/engine/compiler/compile.ts');
const { buildEvaluator } = await import('../../server/engine/runtime/evaluator.ts');
const catalogStarted = performance.now();
const catalog = createCatalog();
const compileStarted = performance.now();
const { product } = compile(document, { catalog });
const compiled = performance.now();
buildEvaluator(product!, catalog);
const built = performance.now();
console.log(
  JSON.stringify({
    moduleLoadMs: catalogStarted - loadStarted,
    catalogMs: compileStarted - catalogStarted,
    compileMs: compiled - compileStarted,
    coldTotalMs: compiled - catalogStarted,
    buildEvaluatorMs: built - compiled,
  }),
);
