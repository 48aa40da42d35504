import { BarChart, BoxplotChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerChartParts, type ComposeOption, type ECharts } from 'echarts/core';
import type { BarSeriesOption, BoxplotSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the management figures draw: bar charts and box plots (the evaluation's spreads) with axes, tooltip and legend, rendered as SVG.
registerChartParts([BarChart, BoxplotChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | BoxplotSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

/** One ECharts chart; the label tells screen readers what it shows (the figures are also given as text). */
export function EChart({ option, label }: { option: ChartOption; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const instance = init(container.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={container} className="nc-chart" role="img" aria-label={label} />;
}
