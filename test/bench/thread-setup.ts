/**
 * What a simulation thread spends before its first decision, phase by phase, cold (a fresh process
 * is as cold as a fresh thread): `node --import tsx test/bench/thread-setup.ts <after.json> [before.json]`
 * compiles the flow documents into a temporary file in a child process first, as the main thread
 * does, and then times the thread's part alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { createChunkDecider } from '../../server/simulation/decide-chunk.ts';
import { binWidthsOf } from '../../server/simulation/simulate.ts';

const [, , mode, ...files] = process.argv;
if (mode === '--compile') {
  const catalog = createCatalog(undefined, undefined, { compileAtStart: false });
  const definitions = files
    .slice(1)
    .reverse()
    .map((file) => compile(JSON.parse(fs.readFileSync(file, 'utf8')), { catalog }).product!);
  fs.writeFileSync(files[0], JSON.stringify(definitions));
} else {
  const compiled = path.join(os.tmpdir(), `thread-setup-${process.pid}.json`);
  execFileSync(process.execPath, ['--import', 'tsx', process.argv[1], '--compile', compiled, ...process.argv.slice(2)]);
  const t0 = performance.now();
  const definitions = JSON.parse(fs.readFileSync(compiled, 'utf8'));
  fs.rmSync(compiled);
  const t1 = performance.now();
  const catalog = createCatalog(undefined, undefined, { compileAtStart: false, checkSchemas: false });
  const t2 = performance.now();
  createChunkDecider({ definitions, defaultAsOf: '2026-11-20', widths: binWidthsOf(definitions), configsChecked: process.env.CHECK !== '1' }, catalog);
  const t3 = performance.now();
  console.log(`read ${(t1 - t0).toFixed(0)} ms, catalog ${(t2 - t1).toFixed(0)} ms, evaluators ${(t3 - t2).toFixed(0)} ms`);
}
