import type { Coverage } from '../engine/suite/coverage.ts';
import type { CaseResult } from '../engine/suite/run-suite.ts';

/** What a review carries about its change's consequences: the suite's result and the portfolio simulation against the published version (computed by server/simulation/impact.ts; a store type, so the store depends on no simulation code). */
export interface ReviewImpact {
  suite: {
    cases: number;
    passed: number;
    failed: number;
    failing: Pick<CaseResult, 'id' | 'title' | 'status' | 'differences' | 'errors'>[]; // the first 50
    coverage: { [K in keyof Coverage]: { total: number; reached: number } };
  };
  suiteFailureReason?: string; // the author's reason for submitting with failing cases; the approver reads it
  simulation?: {
    portfolio: { hash: string; name: string; rows: number };
    against: number; // the published version compared with
    report: string; // hash of the report file
    outcomes: { before: Record<string, number>; after: Record<string, number> };
    changed: number;
    badRows: number;
  };
  simulationSkipped?: 'no-published-version' | 'no-portfolio';
}
