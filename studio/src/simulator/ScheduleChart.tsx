import { useMemo } from 'react';
import type { ScheduleRow } from '../api/types.ts';
import { Chart } from '../charts/Chart.tsx';
import { formatMoney } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

/** Whole yuan with separators for an axis tick: ECharts picks round steps (2,000, 4,000…), this writes them. */
const tick = (value: number) => formatMoney(value).replace(/\.00$/, '');

/** The schedule as stacked principal and interest bars per period, with the balance line on the right axis. */
export default function ScheduleChart({ rows }: { rows: ScheduleRow[] }) {
  const { t } = useT();
  const option = useMemo(
    () => ({
      animation: false,
      aria: { enabled: true },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatMoney(value) },
      xAxis: { type: 'category', data: rows.map((row) => String(row.period)), axisTick: { alignWithLabel: true }, axisLabel: { fontSize: 10 } },
      yAxis: [
        { type: 'value', axisLabel: { formatter: tick, fontSize: 10 }, splitLine: { lineStyle: { color: '#eef0f3' } } },
        { type: 'value', axisLabel: { formatter: tick, fontSize: 10, color: '#7c3aed' }, splitLine: { show: false } },
      ],
      series: [
        { name: t('sim.principal'), type: 'bar', stack: 'payment', itemStyle: { color: '#3b82f6' }, data: rows.map((row) => Number(row.principal)) },
        { name: t('sim.interest'), type: 'bar', stack: 'payment', itemStyle: { color: '#f59e0b' }, data: rows.map((row) => Number(row.interest)) },
        { name: t('sim.balance'), type: 'line', yAxisIndex: 1, symbol: 'none', lineStyle: { color: '#7c3aed', width: 2 }, itemStyle: { color: '#7c3aed' }, data: rows.map((row) => Number(row.balance)) },
      ],
    }),
    [rows, t],
  );
  if (!rows.length) return null;
  return (
    <figure className="schedule-chart" data-periods={rows.length}>
      <Chart option={option} height={240} ariaLabel={t('sim.chart')} />
    </figure>
  );
}
