/**
 * Steady-state cost of deciding portfolio rows against two versions, in this thread (no start-up,
 * no file reading): `node --import tsx test/bench/decide-rows.ts <after.json> <before.json> <portfolio.jsonl> [rows]`.
 * Prints µs per row of the first pass (cold: what a real run pays) and the best and median of
 * PASSES more (default 5), for comparing changes to the
 * decision path; `npm run bench -- --portfolio-only` measures the whole run.
 */
import fs from 'node:fs';
import { createCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import { createChunkDecider } from '../../server/simulation/decide-chunk.ts';
import { binWidthsOf } from '../../server/simulation/simulate.ts';

const [afterFile, beforeFile, portfolioFile, rowsText] = process.argv.slice(2);
const catalog = createCatalog();
const definitions = [beforeFile, afterFile].map((file) => compile(JSON.parse(fs.readFileSync(file, 'utf8')), { catalog }).product!);
const lines = fs
  .readFileSync(portfolioFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, Number(rowsText ?? 20000));
const records = lines.map((text, i) => ({ line: i + 1, text }));
const decide = createChunkDecider({ definitions, defaultAsOf: '2026-11-20', widths: binWidthsOf(definitions) }, catalog);
const chunks: (typeof records)[] = [];
for (let i = 0; i < records.length; i += 500) chunks.push(records.slice(i, i + 500));
const pass = () => {
  const started = process.cpuUsage();
  let decided = 0;
  for (const chunk of chunks) decided += decide(chunk).tally.decided;
  const used = process.cpuUsage(started);
  return { decided, us: (used.user + used.system) / records.length };
};
const first = pass().us;
const times = Array.from({ length: Math.max(1, Number(process.env.PASSES ?? 5)) }, () => pass().us).sort((a, b) => a - b);
console.log(`${records.length} rows: first pass ${first.toFixed(1)} µs/row, then best ${times[0].toFixed(1)} µs/row, median ${times[times.length >> 1].toFixed(1)} µs/row (CPU, both versions)`);
