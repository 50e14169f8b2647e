/**
 * `npm run compile -- <flow.json> [--out <product.json>]`: compiles a flow document, prints every
 * diagnostic as `file: block id: path: message` and exits 1 when there is an error. With --out the
 * product definition is written there. A derived product's base is read from ../<baseId>/flow.json.
 */
import fs from 'node:fs';
import { defaultCatalog } from '../catalog.ts';
import { compile } from '../engine/compiler/compile.ts';
import { readJson, siblingBaseResolver } from './read-json.ts';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
const file = args.find((arg, index) => !arg.startsWith('--') && (outIndex < 0 || index !== outIndex + 1));
const locale = process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en';

if (!file || args.includes('--help')) {
  process.stdout.write('Usage: npm run compile -- <flow.json> [--out <product.json>]\n');
  process.exit(file ? 0 : 2);
}

const result = compile(readJson(file), { catalog: defaultCatalog(), resolveBase: siblingBaseResolver(file) });
for (const d of result.diagnostics) {
  const where = [file, d.blockId ?? '-', d.pointer || '/'].join(': ');
  const position = d.line ? ` (line ${d.line}, column ${d.column})` : '';
  process.stdout.write(`${where}: ${d.severity} ${d.code}: ${d.message[locale]}${position}\n`);
}
if (!result.product) {
  process.stdout.write(`${file}: ${result.diagnostics.filter((d) => d.severity === 'error').length} error(s), no product definition written\n`);
  process.exit(1);
}
if (out) fs.writeFileSync(out, `${JSON.stringify(result.product, null, 2)}\n`);
process.stdout.write(`${file}: ok ${result.product.product.productId} ${result.product.hash}${out ? ` → ${out}` : ''}\n`);
