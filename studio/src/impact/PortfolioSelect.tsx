import type { PortfolioMeta } from '../api/types.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useImpactT } from './impact-text.ts';

/** A labelled choice of the product's stored portfolios (name · rows · upload time); nothing when there are none. */
export function PortfolioSelect({ label, portfolios, value, onChange }: { label: string; portfolios: PortfolioMeta[]; value: string; onChange: (hash: string) => void }) {
  const { it, locale } = useImpactT();
  if (!portfolios.length) return null;
  return (
    <label className="field">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {portfolios.map((p) => (
          <option key={p.hash} value={p.hash}>
            {p.name} · {it('portfolio.rows', { rows: p.rows.toLocaleString() })} · {formatDateTime(p.uploadedAt, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}
