/**
 * Child process of `validator-memory.test.ts` (run with `node --expose-gc --import tsx`): compiles
 * many distinct product application schemas the way simulating changed drafts does — the standard
 * dictionary with a different product field under `custom` each time — and validates an
 * application with each, then prints the heap growth per schema once the validator cache is full.
 */
import { APPLICATION_SCHEMA_ID } from '../../server/engine/catalog.ts';
import { productApplicationSchema } from '../../server/engine/compiler/application-schema.ts';
import { createCatalog } from '../../server/catalog.ts';

const [warmUp, measured] = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heapBytes = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const catalog = createCatalog();
const standard = catalog.schemas.schema(APPLICATION_SCHEMA_ID)!;
const application = { custom: {} };
function compileProductSchema(i: number): void {
  const validate = catalog.schemas.compile(productApplicationSchema(standard, { [`field${i}`]: { type: 'number', minimum: 0 } }));
  validate(application); // run it once, as a decision would
}

for (let i = 0; i < warmUp; i++) compileProductSchema(i); // the validator cache fills, retired Ajv instances appear
const before = heapBytes();
for (let i = warmUp; i < warmUp + measured; i++) compileProductSchema(i);
const after = heapBytes();
console.log(JSON.stringify({ schemas: measured, beforeMb: before / 2 ** 20, afterMb: after / 2 ** 20, perSchemaKb: (after - before) / measured / 1024, cache: catalog.schemas.cacheStats }));
