import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { SimulationReport } from './impact-api.ts';
import { useImpactT } from './impact-text.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Distribution = SimulationReport['versions'][number]['limit'];
const COLORS = ['#94a3b8', '#2563eb']; // before grey, after blue

/** Bins of both versions on one axis (the same bin widths on both sides, so they line up by `from`). */
function alignedBins(distributions: Distribution[]): { labels: string[]; series: number[][] } {
  const starts = [...new Set(distributions.flatMap((d) => d.bins.map((bin) => bin.from)))].sort((a, b) => Number(a) - Number(b));
  return { labels: starts, series: distributions.map((d) => starts.map((from) => d.bins.find((bin) => bin.from === from)?.count ?? 0)) };
}

function Chart({ option, label }: { option: echarts.EChartsCoreOption; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(host.current!, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return (
    <figure className="impact-chart-box">
      <figcaption>{label}</figcaption>
      <div ref={host} className="impact-chart" role="img" aria-label={label} />
    </figure>
  );
}

/** Apache ECharts (loaded with this module only when a report is opened): outcomes and the limit and APR distributions, before and after. */
export default function ImpactCharts({ report }: { report: SimulationReport }) {
  const { it, locale } = useImpactT();
  const names = report.versions.map((version) => it(version.role === 'before' ? 'impact.before' : 'impact.after'));
  const money = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const outcomes = (['approve', 'decline', 'refer'] as const);
  const bar = (_title: string, labels: string[], series: number[][], axisLabel?: (value: string) => string): echarts.EChartsCoreOption => ({
    animation: false, // the figures are read, and screenshotted, as they are
    tooltip: { trigger: 'axis' },
    legend: { data: names, top: 0 },
    grid: { left: 56, right: 16, top: 32, bottom: 48 },
    xAxis: { type: 'category', data: labels, axisLabel: { formatter: axisLabel, rotate: labels.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((data, i) => ({ name: names[i], type: 'bar', data, itemStyle: { color: COLORS[report.versions.length === 2 ? i : 1] } })),
  });
  const limit = alignedBins(report.versions.map((v) => v.limit));
  const apr = alignedBins(report.versions.map((v) => v.apr));
  return (
    <div className="impact-charts">
      <Chart label={it('impact.outcomes')} option={bar(it('impact.outcomes'), outcomes.map((o) => it(`impact.${o}`)), report.versions.map((v) => outcomes.map((o) => v.outcomes[o])))} />
      <Chart label={it('impact.limit')} option={bar(it('impact.limit'), limit.labels, limit.series, (value) => `≥${money.format(Number(value))}`)} />
      <Chart label={it('impact.apr')} option={bar(it('impact.apr'), apr.labels, apr.series, (value) => `${Number(value).toFixed(2)}%`)} />
    </div>
  );
}
