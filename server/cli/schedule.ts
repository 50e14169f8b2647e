/**
 * `npm run schedule < request.json`: reads a schedule request (JSON) on stdin, prints the schedule
 * with totals and APR (JSON, 2-space indented) on stdout. A bad request prints one line per problem
 * (`error: /principal: must be a positive amount, got "-5"`) on stderr and exits 1.
 */
import { computeSchedule, parseScheduleRequest } from '../engine/loan-math/index.ts';

const HELP = `Usage: npm run schedule < request.json
       node --import tsx server/cli/schedule.ts < request.json

Reads a repayment-schedule request as JSON on stdin and prints the schedule, totals and APR.

Example request:
  {"principal":"100000.00","annualRate":"6","termMonths":12,"method":"equal-installment",
   "dayCount":"30/360","rounding":{"mode":"HALF_UP","unit":"0.01"},"startDate":"2026-01-15",
   "fees":[{"kind":"upfront","amount":"1000.00","deducted":true}]}

Fields: principal, annualRate | lpr {rate, effectiveDate, spreadBp}, termMonths | termDays,
method (equal-installment, equal-principal, interest-only, bullet, flat, revolving), frequency
(monthly, quarterly), dayCount (30/360, ACT/360, ACT/365), rounding {mode, unit}, startDate,
dueDates, paymentDay, graceMonths, fees. See server/engine/loan-math/README.md.

Exit status: 0 with the schedule on stdout; 1 with the problems on stderr.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const text = await readStdin();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`error: stdin is not valid JSON (${(error as Error).message})\n`);
    return 1;
  }
  const { request, errors } = parseScheduleRequest(input);
  if (!request) {
    for (const { pointer, message } of errors) process.stderr.write(`error: ${pointer || '/'}: ${message}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(computeSchedule(request), null, 2)}\n`);
  return 0;
}

process.exitCode = await main();
