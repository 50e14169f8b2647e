/**
 * The one place the studio loads ECharts: only the parts its charts use (tree-shaken), drawn as
 * SVG (crisp at any zoom, text selectable, testable in the DOM). Import it lazily — `await
 * import('../charts/echarts.ts')` — so the first screen does not carry it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
