import type { Catalog } from '../catalog.ts';
import type { Decision } from '../decision.ts';
import type { Evaluator } from '../runtime/evaluator.ts';
import type { FieldError } from '../runtime/request.ts';
import { CoverageTracker, type Coverage } from './coverage.ts';
import { differencesOf, type FieldDifference, type TestCase } from './test-case.ts';

/** One case's result: passed, failed (with each differing field) or refused as invalid input (with the field errors). */
export interface CaseResult {
  id: string;
  title: TestCase['title'];
  status: 'pass' | 'fail' | 'invalid';
  differences: FieldDifference[]; // fail: expected vs actual per field
  errors?: FieldError[]; // invalid: why the application or request was refused
  decision?: Pick<Decision, 'outcome'> & { reasonCodes: string[]; limit?: string; rateAnnual?: string; aprSimple?: string }; // what was decided, for the list
}

/** A suite run: each case, the counts, and what no case reached. */
export interface SuiteRun {
  product: { id: string; version: number | null; hash: string };
  results: CaseResult[];
  passed: number;
  failed: number; // fail + invalid
  coverage: Coverage;
}

/**
 * Runs a product's test suite: decides each case with its pinned request (a case without `asOf`
 * is invalid: a case must mean the same on any day), compares what the author pinned, and tracks
 * coverage over every case's path. Pure and synchronous.
 */
export function runSuite(evaluator: Evaluator, catalog: Catalog, cases: TestCase[]): SuiteRun {
  const tracker = new CoverageTracker(evaluator.definition, catalog);
  const results = cases.map((testCase): CaseResult => {
    const base = { id: testCase.id, title: testCase.title };
    if (!testCase.request?.asOf) return { ...base, status: 'invalid', differences: [], errors: [{ pointer: '/request/asOf', message: 'a test case pins its date (asOf, YYYY-MM-DD)' }] };
    const result = evaluator.decide({ application: testCase.application, ...testCase.request, asOf: testCase.request.asOf, trace: true });
    if ('errors' in result) return { ...base, status: 'invalid', differences: [], errors: result.errors };
    const decision = result.decision;
    tracker.add(decision.trace ?? []);
    const differences = differencesOf(testCase, decision);
    const offer = decision.offer;
    return {
      ...base,
      status: differences.length ? 'fail' : 'pass',
      differences,
      decision: { outcome: decision.outcome, reasonCodes: decision.reasons.map((reason) => reason.code), ...(offer ? { limit: offer.limit, rateAnnual: offer.rate.annual, aprSimple: offer.apr.simple } : {}) },
    };
  });
  const passed = results.filter((result) => result.status === 'pass').length;
  const { productId: id } = evaluator.definition.product;
  return { product: { id, version: evaluator.definition.version, hash: evaluator.definition.hash }, results, passed, failed: results.length - passed, coverage: tracker.coverage() };
}
