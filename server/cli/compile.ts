/**
 * `npm run compile -- <flow.json> [--out <product.json>] [--base-dir <dir>]`: compiles a flow
 * document, prints every diagnostic as `file: block id: path: message` and exits 1 when there is an
 * error. With --out the product definition is written there. A derived product names its base by
 * id; the base is read from `<base-dir>/<baseId>/flow.json` (default base dir: the folder above the
 * flow's own folder, so examples/flash-loan-depositor/flow.json finds examples/flash-loan/flow.json).
 */
import fs from 'node:fs';
import { defaultCatalog } from '../catalog.ts';
import { compile } from '../engine/compiler/compile.ts';
import { baseDirOf, folderBaseResolver, readJson } from './read-json.ts';

const HELP = `Usage: npm run compile -- <flow.json> [--out <product.json>] [--base-dir <dir>]

Compiles a flow document into a product definition and prints every diagnostic as
  <file>: <block id>: <JSON pointer>: <severity> <CODE>: <message>
Exits 0 when the product compiles (warnings allowed), 1 on errors, 2 on unreadable input.

  --out <product.json>  write the compiled product definition there
  --base-dir <dir>      where a derived product's base is found: <dir>/<baseId>/flow.json
                        (default: the folder above the flow's folder, e.g. examples/)
  --help                this text

A derived product (a flow with "base": { "productId": "flash-loan" }) is compiled on top of its
base; when the base is not found the compiler reports BASE_UNKNOWN with the path it looked at.
Messages are in English, or in Chinese when LANG starts with zh.
`;

const args = process.argv.slice(2);
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const out = valueOf('--out');
const baseDirArg = valueOf('--base-dir');
const flagValues = new Set(['--out', '--base-dir'].filter((flag) => args.includes(flag)).map((flag) => args.indexOf(flag) + 1));
const file = args.find((arg, index) => !arg.startsWith('--') && !flagValues.has(index));
const locale = process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en';

if (!file || args.includes('--help')) {
  process.stdout.write(HELP);
  process.exit(file || args.includes('--help') ? 0 : 2);
}

const baseDir = baseDirOf(file, baseDirArg);
const result = compile(readJson(file), { catalog: defaultCatalog(), resolveBase: folderBaseResolver(baseDir) });
for (const d of result.diagnostics) {
  const where = [file, d.blockId ?? '-', d.pointer || '/'].join(': ');
  const message = d.message[locale];
  // Expression messages already say where ("at line 1, column 5"); other positioned ones get it once here.
  const positioned = d.line === undefined || /line \d+, column \d+|第 \d+ 行第 \d+ 列/.test(message);
  const position = positioned ? '' : ` (line ${d.line}, column ${d.column})`;
  const looked = d.code === 'BASE_UNKNOWN' ? ` (looked in ${baseDir}; set --base-dir)` : '';
  process.stdout.write(`${where}: ${d.severity} ${d.code}: ${message}${position}${looked}\n`);
}
if (!result.product) {
  process.stdout.write(`${file}: ${result.diagnostics.filter((d) => d.severity === 'error').length} error(s), no product definition written\n`);
  process.exit(1);
}
if (out) fs.writeFileSync(out, `${JSON.stringify(result.product, null, 2)}\n`);
process.stdout.write(`${file}: ok ${result.product.product.productId} ${result.product.hash}${out ? ` → ${out}` : ''}\n`);
