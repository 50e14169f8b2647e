import { describe, expect, it } from 'vitest';
import type { ReviewImpact } from '../../server/contracts.ts';
import { IMPACT_TEXT } from '../../studio/src/impact/impact-text.ts';
import { approveBlockedBy } from '../../studio/src/impact/ReviewImpactSection.tsx';

/** Why the review page's approve button is disabled, and what its tooltip says, as the simulation moves on (#16). */
const suite: ReviewImpact['suite'] = {
  cases: 1,
  passed: 1,
  failed: 0,
  failing: [],
  coverage: { blocks: { total: 1, reached: 1 }, ports: { total: 0, reached: 0 }, rules: { total: 0, reached: 0 }, rows: { total: 0, reached: 0 } },
};
const base = { job: 'j', portfolio: { hash: 'sha256:p', name: '客群', rows: 3 }, against: 1 };
const done = { ...base, report: 'sha256:r', outcomes: { before: { approve: 2 }, after: { approve: 1 } }, changed: 1, badRows: 0 };
const zh = (key: ReturnType<typeof approveBlockedBy>) => key && IMPACT_TEXT[key]['zh-CN'];

describe('the approve button waits for the impact', () => {
  it('says the simulation runs while it runs, asks for a re-run after a failure, a cancel or a restart, then asks to open the report', () => {
    expect(zh(approveBlockedBy({ suite, simulation: { ...base, status: 'running' } }, true))).toBe('正在模拟…，模拟完成并打开影响报告后才能批准');
    for (const status of ['failed', 'cancelled', 'interrupted'] as const) expect(zh(approveBlockedBy({ suite, simulation: { ...base, status } }, true))).toBe('客群模拟未完成，请重新模拟后再批准');
    expect(zh(approveBlockedBy({ suite, simulation: { ...done, status: 'done' } }, false))).toBe('批准前请先打开影响报告');
    expect(approveBlockedBy({ suite, simulation: { ...done, status: 'done' } }, true)).toBeUndefined();
  });

  it('says a cancel is under way while the replica running the simulation has not yet stopped it, in both languages', () => {
    const key = approveBlockedBy({ suite, simulation: { ...base, status: 'cancelling' } }, true);
    expect(key && IMPACT_TEXT[key]).toEqual({ 'zh-CN': '正在取消模拟…，取消后请重新模拟再批准', en: 'Cancelling the simulation… run it again once it has stopped, then approve' });
  });

  it('reads a review submitted before simulations ran as jobs (no status) as done, and one without a simulation as ready', () => {
    const { job: _job, ...old } = done;
    expect(approveBlockedBy({ suite, simulation: old }, false)).toBe('impact.mustOpen');
    expect(approveBlockedBy({ suite, simulation: old }, true)).toBeUndefined();
    expect(approveBlockedBy({ suite, simulationSkipped: 'no-portfolio' }, false)).toBeUndefined();
    expect(approveBlockedBy(undefined, false)).toBeUndefined();
  });
});
