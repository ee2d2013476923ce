/** Only the parts of ECharts the statistics use: bar charts on a grid, tooltips, SVG output. */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
export type { BarSeriesOption } from 'echarts/charts';
export type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
