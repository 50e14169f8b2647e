/**
 * `npm run decide -- <product.json | flow.json> <application.json> [--amount 50000] [--term 12]
 * [--method equal-installment] [--as-of 2026-11-22] [--channel app]`: prints the decision as JSON.
 * The application file may be a bare application or a sample `{ application, request }`.
 * Field errors are printed as `pointer: message` and exit 1.
 */
import { defaultCatalog } from '../catalog.ts';
import { compile } from '../engine/compiler/compile.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { buildEvaluator } from '../engine/runtime/evaluator.ts';
import { readJson, siblingBaseResolver } from './read-json.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const files = args.filter((arg, i) => !arg.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (files.length !== 2) {
  process.stdout.write('Usage: npm run decide -- <product.json|flow.json> <application.json> [--amount A] [--term N] [--method M] [--as-of YYYY-MM-DD] [--channel C]\n');
  process.exit(2);
}
const catalog = defaultCatalog();
const productInput = readJson(files[0]) as Record<string, unknown>;
let definition = productInput as unknown as ProductDefinition;
if (productInput.format !== 'loan-product-definition/1') {
  const compiled = compile(productInput, { catalog, resolveBase: siblingBaseResolver(files[0]) });
  if (!compiled.product) {
    for (const d of compiled.diagnostics) process.stderr.write(`${files[0]}: ${d.blockId ?? '-'}: ${d.pointer}: ${d.message.en}\n`);
    process.exit(1);
  }
  definition = compiled.product;
}
const input = readJson(files[1]) as Record<string, unknown>;
const sample = input.application && typeof input.application === 'object' ? input : { application: input, request: {} };
const request = (sample.request ?? {}) as Record<string, unknown>;
const term = option('--term');
const result = buildEvaluator(definition, catalog).decide({
  application: sample.application,
  requestedAmount: option('--amount') ?? request.requestedAmount,
  termMonths: term !== undefined ? Number(term) : request.termMonths,
  repaymentMethod: option('--method') ?? request.repaymentMethod,
  asOf: option('--as-of') ?? (request.asOf as string | undefined) ?? new Date().toISOString().slice(0, 10),
  channel: option('--channel') ?? (request.channel as string | undefined),
});
if ('errors' in result) {
  for (const error of result.errors) process.stderr.write(`${files[1]}: ${error.pointer}: ${error.message}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(result.decision, null, 2)}\n`);
