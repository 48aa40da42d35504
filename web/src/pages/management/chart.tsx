import { lazy, Suspense } from 'react';
import { Loading } from '../../components/status.js';
import type { ChartOption } from '../nightcare/echart.js';

// ECharts is large: its own chunk, loaded only on the management pages.
const EChart = lazy(async () => ({ default: (await import('../nightcare/echart.js')).EChart }));

/**
 * A bar chart whose empty bars say so: a category without data carries `noData` in its axis label, so a
 * missing bar never reads as 0 %.
 */
export function bar(categories: string[], series: { name: string; data: (number | null)[]; colour?: string | string[] }[], options: { percent?: boolean; noData?: string } = {}): ChartOption {
  const { percent = false, noData } = options;
  const empty = categories.map((_, i) => series.every((s) => s.data[i] === null));
  return {
    grid: { left: 48, right: 12, top: series.length > 1 ? 32 : 16, bottom: 48 },
    tooltip: { trigger: 'axis' },
    ...(series.length > 1 ? { legend: { top: 0 } } : {}),
    xAxis: { type: 'category', data: categories.map((c, i) => (empty[i] && noData ? `${c}\n${noData}` : c)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data.map((value, i) => ({ value: value === null ? null : percent ? Math.round(value * 100) : value, ...(Array.isArray(s.colour) ? { itemStyle: { color: s.colour[i] } } : {}) })),
      ...(typeof s.colour === 'string' ? { itemStyle: { color: s.colour } } : {}),
    })),
  };
}

export function Chart({ title, option }: { title: string; option: ChartOption }) {
  return (
    <section className="card">
      <h2 className="nc-section-title">{title}</h2>
      <Suspense fallback={<Loading />}>
        <EChart option={option} label={title} />
      </Suspense>
    </section>
  );
}
