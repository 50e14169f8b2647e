import type { Decision } from '../api/types.ts';
import { useImpactT } from './impact-text.ts';

type Side = { decision?: Decision; errors?: { pointer: string; message: string }[] };
const stepText = (step: NonNullable<Decision['trace']>[number]) => `${step.blockId} · ${step.result}${step.port ? ` → ${step.port}` : ''}${step.reasonCodes?.length ? ` (${step.reasonCodes.join(', ')})` : ''}`;

/** Both traces of one applicant side by side; steps that differ are marked. */
export function TraceCompare({ line, before, after }: { line: number; before: Side; after: Side }) {
  const { it } = useImpactT();
  const sides = [before, after].map((side) => (side.decision?.trace ?? []).map(stepText));
  const rows = Math.max(sides[0].length, sides[1].length);
  return (
    <table className="impact-table trace-compare small" aria-label={it('impact.traces', { line })}>
      <caption>{it('impact.traces', { line })}</caption>
      <thead><tr><th>{it('impact.before')}: {before.decision?.outcome ?? '—'}</th><th>{it('impact.after')}: {after.decision?.outcome ?? '—'}</th></tr></thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i} className={sides[0][i] !== sides[1][i] ? 'moved' : ''}><td>{sides[0][i] ?? ''}</td><td>{sides[1][i] ?? ''}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
