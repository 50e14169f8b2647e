import type { Catalog } from '../engine/catalog.ts';
import type { Decision } from '../engine/decision.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';
import { buildEvaluator } from '../engine/runtime/evaluator.ts';
import { newWalkLog, resetWalkLog, reusableBlocks, type Replay, type WalkLog } from '../engine/runtime/replay.ts';
import type { ProblemError as FieldError } from '../http/problem.ts';
import type { Column } from './portfolio-columns.ts';
import type { PortfolioRecord } from './portfolio-records.ts';
import { maskedIdentifier, requestOfRecord } from './portfolio-row.ts';
import { changedBetween, CodeCounts, count, newTally, verdictOf, type BinWidths, type Tally, type Verdict } from './tally.ts';

/** What every simulation thread is given once: the versions (before first when two), the CSV column plan, the run's fixed "today" and bin widths. */
export interface SimulationSetup {
  definitions: ProductDefinition[]; // [after] alone, or [before, after]
  columns?: Column[]; // CSV only
  defaultAsOf: string; // asOf of rows that give none
  widths: BinWidths;
  configsChecked?: boolean; // the versions' block configs were checked by the sender (simulatePortfolio): a thread does not validate them again
}

/** An applicant's figures under one version, as the report lists them (decimal strings as the decision gives them). */
export interface Figures {
  outcome: Decision['outcome'];
  limit?: string;
  rate?: string;
  apr?: string;
  reasonCodes: string[];
  segment: string;
}

/** An applicant whose outcome, offer or reasons changed between the two versions; identified by line and masked identifier only. */
export interface ChangedRow {
  line: number;
  applicant: string;
  before: Figures;
  after: Figures;
}

/** A row that could not be decided, with the field errors and, when only one version refused it, which. */
export interface BadRow {
  line: number;
  version?: 'before' | 'after';
  errors: FieldError[];
}

/** What a chunk of records gives: its counts, its changed applicants and its bad rows, in file order. */
export interface ChunkResult {
  tally: Tally;
  changed: ChangedRow[];
  bad: BadRow[];
}

const MAX_ERRORS_PER_ROW = 10; // a row with every field wrong is still one short entry

function figuresOf(decision: Decision, verdict: Verdict): Figures {
  const figures: Figures = { outcome: decision.outcome, reasonCodes: verdict.reasonCodes, segment: verdict.segment };
  if (verdict.limit !== undefined && decision.offer) {
    figures.limit = decision.offer.limit;
    figures.rate = decision.offer.rate.annual;
    figures.apr = decision.offer.apr.simple;
  }
  return figures;
}

/** The port the walk's first segment switch took ('' when the path had none): the trace's segment, without a trace. */
function segmentOf(log: WalkLog, switches: ReadonlySet<string>): string {
  for (let i = 0; i < log.nodes.length; i++) {
    if (!switches.has(log.nodes[i])) continue;
    const result = log.results[i];
    return result.kind === 'route' ? result.port : '';
  }
  return '';
}

/**
 * Builds the evaluators once and returns the function that decides a chunk of records against
 * every version. Runs on a simulation thread, or in the calling thread when there are none.
 */
export function createChunkDecider(setup: SimulationSetup, catalog: Catalog): (records: PortfolioRecord[]) => ChunkResult {
  const [first, second] = setup.definitions;
  // The second version replays the first's walk where their blocks are alike (runtime/replay.ts): a change to a few blocks costs little more than one decision.
  const reusable = second ? reusableBlocks(first, second) : undefined;
  const { configsChecked } = setup;
  const firstEvaluator = buildEvaluator(first, catalog, { configsChecked });
  const evaluators = second ? [firstEvaluator, buildEvaluator(second, catalog, { configsChecked, like: reusable && { evaluator: firstEvaluator, blocks: reusable } })] : [firstEvaluator];
  const roles = evaluators.length === 2 ? (['before', 'after'] as const) : (['after'] as const);
  // Each version records its walk: the second replays the first's, and the segment is read from it (decisions carry no trace here).
  const logs = evaluators.map(() => newWalkLog());
  const replay: Replay | undefined = reusable && { log: logs[0], reusable };
  const walks = logs.map((record, i) => (i === 1 && replay ? { record, replay } : { record }));
  const switches = setup.definitions.map((definition) => new Set(definition.blocks.filter((block) => block.type === 'segment-switch').map((block) => block.id)));
  return (records) => {
    const tally = newTally(evaluators.length);
    const codes = evaluators.map(() => new CodeCounts()); // each version's reason codes
    const shared = new CodeCounts(); // reason codes of verdicts both versions share
    const changed: ChangedRow[] = [];
    const bad: BadRow[] = [];
    for (const record of records) {
      tally.rows += 1;
      const { request, errors } = requestOfRecord(record, setup.columns, setup.defaultAsOf);
      if (!request) {
        tally.bad += 1;
        bad.push({ line: record.line, errors: errors.slice(0, MAX_ERRORS_PER_ROW) });
        continue;
      }
      const application = request.application as Record<string, unknown>;
      const channel = typeof application.channel === 'string' ? application.channel : undefined;
      const decisions: Decision[] = [];
      const refusals: { role: BadRow['version']; errors: FieldError[] }[] = [];
      const input = { ...request, channel, scheduleRows: false, trace: false }; // the report takes the offer's figures, never its rows or trace
      for (const log of logs) resetWalkLog(log);
      for (let i = 0; i < evaluators.length; i++) {
        const result = evaluators[i].decide(input, walks[i]);
        if ('errors' in result) refusals.push({ role: roles[i], errors: result.errors });
        else decisions.push(result.decision);
      }
      if (refusals.length) {
        // one version alone refusing it (a field only the new version needs) is worth saying
        const refused: BadRow = { line: record.line, ...(refusals.length < evaluators.length ? { version: refusals[0].role } : {}), errors: refusals[0].errors.slice(0, MAX_ERRORS_PER_ROW) };
        tally.bad += 1;
        bad.push(refused);
        continue;
      }
      tally.decided += 1;
      // A second decision that followed the first all the way has the first's verdict (runtime/replay.ts `alike`).
      // One verdict for both versions: its reason codes counted once, in counts added to both at the end of the chunk.
      const alike = decisions.length === 2 && replay?.alike === true;
      const first = verdictOf(decisions[0], segmentOf(logs[0], switches[0]), alike ? shared : codes[0]);
      const verdicts = decisions.length === 1 ? [first] : [first, alike ? first : verdictOf(decisions[1], segmentOf(logs[1], switches[1]), codes[1])];
      verdicts.forEach((verdict, i) => count(tally.versions[i], verdict, channel ?? '', setup.widths));
      if (verdicts.length === 2) {
        tally.transitions[verdicts[0].outcome][verdicts[1].outcome] += 1;
        if (changedBetween(verdicts[0], verdicts[1])) {
          tally.changed += 1;
          changed.push({ line: record.line, applicant: maskedIdentifier(application), before: figuresOf(decisions[0], verdicts[0]), after: figuresOf(decisions[1], verdicts[1]) });
        }
      }
    }
    tally.versions.forEach((version, i) => {
      codes[i].addTo(version.reasonCodes);
      shared.addTo(version.reasonCodes);
    });
    return { tally, changed, bad };
  };
}
