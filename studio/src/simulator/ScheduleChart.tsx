import type { ScheduleRow } from '../api/types.ts';
import { formatMoney } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

const W = 520;
const H = 220;
const PAD = { left: 64, right: 56, top: 14, bottom: 26 };

/** Hand-written SVG: stacked principal/interest bars per period and the balance line (right axis). */
export default function ScheduleChart({ rows }: { rows: ScheduleRow[] }) {
  const { t } = useT();
  if (!rows.length) return null;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const maxPayment = Math.max(...rows.map((r) => Number(r.principal) + Number(r.interest)), 1);
  const maxBalance = Math.max(...rows.map((r) => Number(r.balance)), Number(rows[0].balance) + Number(rows[0].principal), 1);
  const step = plotW / rows.length;
  const barW = Math.max(1, step * 0.7);
  const y = (value: number) => PAD.top + plotH - (value / maxPayment) * plotH;
  const yb = (value: number) => PAD.top + plotH - (value / maxBalance) * plotH;
  const balancePoints = rows.map((r, i) => `${PAD.left + step * i + step / 2},${yb(Number(r.balance))}`).join(' ');
  const labelEvery = Math.ceil(rows.length / 12);
  return (
    <figure className="schedule-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('sim.chart')}>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} className="axis" />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(maxPayment * f)} y2={y(maxPayment * f)} className="grid-line" />
            <text x={PAD.left - 6} y={y(maxPayment * f) + 4} className="tick" textAnchor="end">
              {formatMoney(maxPayment * f).replace(/\.00$/, '')}
            </text>
            <text x={W - PAD.right + 6} y={yb(maxBalance * f) + 4} className="tick balance-tick">
              {formatMoney(maxBalance * f).replace(/\.\d\d$/, '')}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const x = PAD.left + step * i + (step - barW) / 2;
          const principal = Number(row.principal);
          const interest = Number(row.interest);
          return (
            <g key={row.period}>
              <rect x={x} y={y(principal)} width={barW} height={Math.max(0, PAD.top + plotH - y(principal))} className="bar-principal">
                <title>{`${row.period}: ${t('sim.principal')} ${formatMoney(principal)}, ${t('sim.interest')} ${formatMoney(interest)}`}</title>
              </rect>
              <rect x={x} y={y(principal + interest)} width={barW} height={Math.max(0, y(principal) - y(principal + interest))} className="bar-interest" />
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={H - 8} className="tick" textAnchor="middle">
                  {row.period}
                </text>
              )}
            </g>
          );
        })}
        <polyline points={balancePoints} className="balance-line" fill="none" />
      </svg>
      <figcaption className="legend">
        <span className="swatch principal" /> {t('sim.principal')} <span className="swatch interest" /> {t('sim.interest')} <span className="swatch balance" /> {t('sim.balance')}
      </figcaption>
    </figure>
  );
}
