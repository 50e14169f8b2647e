import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

interface Props {
  option: EChartsCoreOption; // an ECharts option; the caller memoizes it
  height?: number;
  ariaLabel: string;
  className?: string;
}

/**
 * A chart for any studio screen (schedules, portfolios): ECharts loaded on first use, resized with
 * its box, disposed on unmount. The option says everything about the chart; this only hosts it.
 */
export function Chart({ option, height = 240, ariaLabel, className }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(option);
  latest.current = option;
  const chart = useRef<{ setOption(option: EChartsCoreOption, notMerge?: boolean): void; resize(): void; dispose(): void } | null>(null);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts.ts').then(({ echarts }) => {
      if (disposed || !host.current) return;
      const instance = echarts.init(host.current, undefined, { renderer: 'svg' });
      chart.current = instance;
      instance.setOption(latest.current, true);
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(host.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []); // one instance for the component's life; later options go through setOption below

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={host} className={className ?? 'chart'} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
