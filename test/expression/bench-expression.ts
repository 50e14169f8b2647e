/**
 * Measures ns per evaluation of typical compiled expressions: `npx tsx test/expression/bench-expression.ts`.
 * Not a test: timing depends on the machine; the numbers go into review notes.
 */
import { compileExpression } from '../../server/engine/expression/index.ts';
import { applicationSchema } from './fixtures.ts';

const application = JSON.parse(
  '{"applicant": {"age": 30, "income": 8500.55, "monthlyIncome": 8888.88, "region": "罗平县", "vip": true, "scores": [3, 1, 2], "bureau": {"overdueDays": 0, "currentOverdue": false}}, "loan": {"amount": 100000, "term": 12}}',
);
const cases: [string, 'boolean' | 'number'][] = [
  ['applicant.age >= 22 and applicant.age <= 60', 'boolean'],
  ['applicant.age in [22..60]', 'boolean'],
  ['applicant.region in ["罗平县", "师宗县"]', 'boolean'],
  ['not applicant.bureau.currentOverdue', 'boolean'],
  ['applicant.bureau.overdueDays == 0 and applicant.vip', 'boolean'],
  ['min([applicant.monthlyIncome * 15, 500000])', 'number'],
];

for (const [source, expected] of cases) {
  const { compiled, errors } = compileExpression(source, { schema: applicationSchema, expected });
  if (!compiled) throw new Error(errors[0].message.en);
  let sink = 0;
  for (let i = 0; i < 200_000; i++) if (compiled.evaluate(application) !== null) sink++;
  const runs = 2_000_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) if (compiled.evaluate(application) !== null) sink++;
  const ns = Number(process.hrtime.bigint() - started) / runs;
  console.log(`${ns.toFixed(1).padStart(7)} ns/eval  ${source}${sink < 0 ? '' : ''}`);
}

const started = process.hrtime.bigint();
for (let i = 0; i < 2000; i++) compileExpression(cases[i % cases.length][0], { schema: applicationSchema, expected: cases[i % cases.length][1] });
console.log(`${(Number(process.hrtime.bigint() - started) / 2000 / 1000).toFixed(1).padStart(7)} µs/compile (parse + check + closures)`);
