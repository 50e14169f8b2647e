import type { Coverage } from '../engine/suite/coverage.ts';
import type { CaseResult } from '../engine/suite/run-suite.ts';
import type { LocalizedText } from '../engine/text.ts';

/** The stored portfolio a review's simulation decides (by hash; the rows are a file). */
export interface ReviewPortfolio {
  hash: string;
  name: string;
  rows: number;
}

/**
 * The portfolio simulation's summary once it is done. Reviews submitted before simulations ran as
 * jobs carry neither `status` nor `job`; they read as done.
 */
export interface ReviewSimulationDone {
  status?: 'done';
  job?: string; // the simulation job that produced it
  portfolio: ReviewPortfolio;
  against: number; // the published version compared with
  report: string; // hash of the report file
  outcomes: { before: Record<string, number>; after: Record<string, number> };
  changed: number;
  badRows: number;
}

/**
 * A simulation that has no report (yet): `running` while its job decides the portfolio, `failed`
 * (with the error) or `cancelled` once the job stopped without one. `interrupted` is never stored:
 * it is how a `running` simulation whose job this server no longer knows (a restart) reads, so it
 * never shows as running forever. `cancelling` is never stored either: it is how a `running` simulation
 * reads while a cancel was asked and the process running its job has not yet stopped it. All but
 * `running` and `cancelling` may be re-run.
 */
export interface ReviewSimulationPending {
  status: 'running' | 'cancelling' | 'failed' | 'cancelled' | 'interrupted';
  job: string; // the simulation job (GET /api/studio/simulations/:job shows its progress)
  portfolio: ReviewPortfolio;
  against: number;
  error?: string; // why it failed
}

export type ReviewSimulation = ReviewSimulationDone | ReviewSimulationPending;

/** What a review carries about its change's consequences: the suite's result and the portfolio simulation against the published version (computed by server/simulation/impact.ts; a store type, so the store depends on no simulation code). */
export interface ReviewImpact {
  suite: {
    cases: number;
    passed: number;
    failed: number;
    failing: Pick<CaseResult, 'id' | 'title' | 'status' | 'differences' | 'errors'>[]; // the first 50
    labels?: Record<string, LocalizedText>; // what the reason codes the failing cases name mean, from the submitted definition; absent in reviews stored before
    coverage: { [K in keyof Coverage]: { total: number; reached: number } };
  };
  suiteFailureReason?: string; // the author's reason for submitting with failing cases; the approver reads it
  simulation?: ReviewSimulation; // submission answers at once with it running; the job writes its summary when it ends
  simulationSkipped?: 'no-published-version' | 'no-portfolio';
}

/** The simulation's summary when it finished with a report; undefined while running, after a failure or a cancel, or without one. */
export function finishedSimulation(impact: ReviewImpact | undefined): ReviewSimulationDone | undefined {
  const simulation = impact?.simulation;
  return simulation && (simulation.status === undefined || simulation.status === 'done') ? (simulation as ReviewSimulationDone) : undefined;
}
