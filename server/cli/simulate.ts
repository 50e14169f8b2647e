/**
 * `npm run simulate -- <flow.json | product.json> <portfolio.csv | portfolio.jsonl> [--against <flow.json | product.json | version>]
 * [--out report.json] [--changed changed.jsonl] [--as-of YYYY-MM-DD] [--threads N]`: decides every row of a
 * portfolio against the product (and, with --against, an earlier version of it: another file, or
 * a published version number from the store in DATA_DIR, default ./data) and writes the report
 * JSON (to stdout without --out). Bad rows are listed in the report with their line numbers and
 * do not stop the run. Exit 0 when the report was written, 1 when a product does not compile or
 * the portfolio cannot be read at all, 2 on wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCatalog } from '../catalog.ts';
import { shanghaiToday } from '../channel/decision-request.ts';
import { compile } from '../engine/compiler/compile.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { formatOf } from '../simulation/portfolio-records.ts';
import { buildReport } from '../simulation/report.ts';
import { PortfolioError, simulatePortfolio, startSimulationThreads } from '../simulation/simulate.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { readJson, siblingBaseResolver } from './read-json.ts';

const USAGE =
  'Usage: npm run simulate -- <flow.json|product.json> <portfolio.csv|portfolio.jsonl> [--against <flow.json|product.json|version>] [--out report.json] [--changed changed.jsonl] [--as-of YYYY-MM-DD] [--threads N]\n';
const OPTIONS = ['--against', '--out', '--changed', '--as-of', '--threads'];
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const files = args.filter((arg, i) => !arg.startsWith('--') && !(i > 0 && OPTIONS.includes(args[i - 1])));
const unknown = args.filter((arg) => arg.startsWith('--') && !OPTIONS.includes(arg));
if (files.length !== 2 || unknown.length || OPTIONS.some((name) => args.includes(name) && option(name) === undefined)) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const catalog = createCatalog(undefined, undefined, { compileAtStart: false }); // a run needs the validators of its products' blocks only
function definitionOf(file: string): ProductDefinition {
  const input = readJson(file) as Record<string, unknown>;
  if (input.format === 'loan-product-definition/1') return input as unknown as ProductDefinition;
  const compiled = compile(input, { catalog, resolveBase: siblingBaseResolver(file) });
  if (!compiled.product) {
    for (const d of compiled.diagnostics.filter((d) => d.severity === 'error')) process.stderr.write(`${file}: ${d.blockId ?? '-'}: ${d.pointer}: ${d.message.en}\n`);
    return fail(`${file} does not compile`);
  }
  return compiled.product;
}

async function publishedVersion(productId: string, text: string): Promise<ProductDefinition> {
  const version = Number(text.replace(/^v/i, ''));
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  if (!fs.existsSync(path.join(dataDir, 'store.json'))) return fail(`--against ${text}: no store at ${dataDir} (set DATA_DIR, or give a flow file)`);
  const store = await LowdbStore.open(dataDir);
  const found = await store.getVersion(productId, version);
  if (!found) return fail(`--against ${text}: ${productId} has no published version ${version} in ${dataDir}`);
  return found.definition;
}

const asOf = option('--as-of') ?? shanghaiToday(new Date());
if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(asOf)) fail(`--as-of must be a date YYYY-MM-DD, got ${asOf}`, 2);
const threadsText = option('--threads');
if (threadsText !== undefined && !/^[0-9]{1,2}$/.test(threadsText)) fail(`--threads must be a whole number from 0 to 99, got ${threadsText}`, 2);
if (!fs.existsSync(files[1])) fail(`${files[1]}: no such file`);
// The threads load their code and catalog while this thread compiles the versions.
if (threadsText !== '0') startSimulationThreads(threadsText === undefined ? undefined : Number(threadsText));

const after = definitionOf(files[0]);
const againstText = option('--against');
const before =
  againstText === undefined ? undefined : /^v?[0-9]{1,6}$/i.test(againstText) && !fs.existsSync(againstText) ? await publishedVersion(after.product.productId, againstText) : definitionOf(againstText);
const definitions = before ? [before, after] : [after];
const format = formatOf(files[1]);
const changedFile = option('--changed');
const changedOut = changedFile ? fs.createWriteStream(changedFile) : undefined;

const started = performance.now();
try {
  const result = await simulatePortfolio({
    definitions,
    source: fs.createReadStream(files[1]),
    format,
    defaultAsOf: asOf,
    catalog,
    threads: threadsText === undefined ? undefined : Number(threadsText),
    onChanged: changedOut
      ? (rows) => {
          for (const row of rows) changedOut.write(`${JSON.stringify(row)}\n`);
        }
      : undefined,
  });
  const report = buildReport(result, definitions, { format, defaultAsOf: asOf });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const outFile = option('--out');
  if (outFile) fs.writeFileSync(outFile, text);
  else process.stdout.write(text);
  if (changedOut) await new Promise((resolve) => changedOut.end(resolve));
  const summary = report.versions.map((v) => `${v.role} v${v.product.version ?? 'draft'}: approve ${v.outcomes.approve}, decline ${v.outcomes.decline}, refer ${v.outcomes.refer}`).join('; ');
  process.stderr.write(
    `${result.tally.rows} rows (${result.tally.bad} bad) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${summary}${report.changed ? `; ${report.changed.count} changed` : ''}\n`,
  );
} catch (error) {
  if (error instanceof PortfolioError) fail(`${files[1]}: ${error.problems.join('\n')}`);
  if (error instanceof RangeError) fail(`${files[1]}: ${error.message}`);
  throw error;
}
