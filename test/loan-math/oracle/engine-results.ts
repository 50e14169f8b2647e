/** Reads loan requests (JSON array) on stdin, writes the engine's schedules as a JSON array (for oracle.py compare). */
import { readFileSync } from 'node:fs';
import { computeSchedule, parseScheduleRequest } from '../../../server/engine/loan-math/index.ts';

const cases = JSON.parse(readFileSync(0, 'utf8')) as unknown[];
const results = cases.map((json) => {
  const { request, errors } = parseScheduleRequest(json);
  if (!request) return { rows: [], apr: { errors } };
  const { rows, apr } = computeSchedule(request);
  return { rows, apr };
});
process.stdout.write(JSON.stringify(results));
