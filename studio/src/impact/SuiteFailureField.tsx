import { DifferenceCells } from './DifferenceCells.tsx';
import type { ReviewImpact } from './impact-api.ts';
import { useImpactT } from './impact-text.ts';

export type FailingCases = ReviewImpact['suite']['failing'];

/** In the submit dialog after 422 SUITE_FAILING: each failing case with its differing fields, and the reason the author must give to submit anyway. */
export function SuiteFailureField({ failing, reason, onReason }: { failing: FailingCases; reason: string; onReason(reason: string): void }) {
  const { it, lt } = useImpactT();
  return (
    <div className="suite-failure stack">
      <p className="small">{it('suite.reasonHint')}</p>
      <table className="impact-table small">
        <caption>{it('suite.failing')}</caption>
        <thead>
          <tr>
            <th>{it('suite.title')}</th>
            <th>{it('suite.field')}</th>
            <th>{it('suite.expected')}</th>
            <th>{it('suite.actual')}</th>
          </tr>
        </thead>
        <tbody>
          {failing.flatMap((failure) =>
            (failure.differences.length ? failure.differences : [{ field: it('suite.invalid'), expected: '', actual: failure.errors?.map((e) => `${e.pointer} ${e.message}`).join('; ') ?? '' }]).map(
              (difference, i) => (
                <tr key={`${failure.id}-${i}`}>
                  <td>{i === 0 ? lt(failure.title) : ''}</td>
                  <DifferenceCells difference={difference} />
                </tr>
              ),
            ),
          )}
        </tbody>
      </table>
      <label className="field">
        <span>{it('suite.reason')}</span>
        <textarea rows={3} aria-label={it('suite.reason')} value={reason} onChange={(e) => onReason(e.target.value)} />
      </label>
    </div>
  );
}
