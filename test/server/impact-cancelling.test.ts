import { describe, expect, it } from 'vitest';
import { assertImpactReady } from '../../server/routes/review-impact.ts';
import { liveImpact } from '../../server/simulation/review-simulation.ts';
import type { SimulationJob } from '../../server/simulation/simulation-jobs.ts';
import type { ReviewImpact } from '../../server/store/review-impact.ts';
import { sha256, storageBackends } from './impact-storage-fixtures.ts';

/**
 * A review whose simulation job another process runs, asked to stop and not yet stopped (on
 * PostgreSQL: the job row still running with `cancel_requested`): the review reads `cancelling`
 * (never stored), and approving waits for it like a running one (409 IMPACT_PENDING, saying a
 * cancel is under way), so an approver never approves on a report that will not come.
 */
const { hasPostgres, backend } = storageBackends();
const suite = {
  cases: 0,
  passed: 0,
  failed: 0,
  failing: [],
  coverage: { blocks: { total: 0, reached: 0 }, ports: { total: 0, reached: 0 }, rules: { total: 0, reached: 0 }, rows: { total: 0, reached: 0 } },
};
const JOB = '33333333-4444-4555-8666-777777777777';
const stored: ReviewImpact = { suite, simulation: { status: 'running', job: JOB, portfolio: { hash: sha256('rows'), name: 'p', rows: 10 }, against: 1 } };

describe.skipIf(!hasPostgres)('a review simulation being cancelled by another process (PostgreSQL)', () => {
  it('reads cancelling until the running process stores it stopped, and approval waits meanwhile', async () => {
    const services = (await backend('postgres')).services();
    const job: SimulationJob = {
      id: JOB,
      productId: 'flash-copy',
      portfolio: sha256('rows'),
      versions: { before: 1, after: 'draft' },
      status: 'running',
      progress: { rows: 5, total: 10, elapsedMs: 10, remainingMs: 10 },
      startedBy: 'author',
      startedAt: '2026-11-22T08:00:00.000Z',
    };
    await services.jobs.records.insert(job); // as the process running it stores it; this process does not run it
    expect((await liveImpact(services, stored))?.simulation?.status).toBe('running');
    expect((await services.jobs.cancel(JOB))?.status).toBe('cancelling');
    const impact = await liveImpact(services, stored);
    expect(impact?.simulation?.status).toBe('cancelling');
    expect(() => assertImpactReady(impact)).toThrow(
      expect.objectContaining({ status: 409, code: 'IMPACT_PENDING', title: 'The portfolio simulation is being cancelled; re-run it once it stopped, then approve' }),
    );
    await services.jobs.records.finish({ ...job, status: 'cancelled' }); // the running process's next beat
    expect((await liveImpact(services, stored))?.simulation?.status).toBe('cancelled');
  });
});
