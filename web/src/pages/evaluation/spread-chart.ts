import type { ChartOption } from '../nightcare/echart.js';
import type { LeadTime } from './types.js';

/**
 * Lead times as box plots: the box from p25 to p75 with the median inside, the whisker up to p90 (no
 * lower whisker: the server gives no minimum, so the spread is never read as narrower than it is).
 * Suppressed groups are left out here; the table beside it names them.
 */
export function spreadChart(rows: { label: string; leadTime: LeadTime }[], hoursLabel: string): ChartOption {
  const shown = rows.filter((r) => r.leadTime.p50Hours !== null);
  return {
    grid: { left: 56, right: 12, top: 24, bottom: 72 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: shown.map((r) => r.label), axisLabel: { interval: 0, rotate: shown.length > 5 ? 30 : 0, hideOverlap: true } },
    yAxis: { type: 'value', name: hoursLabel },
    series: [
      {
        type: 'boxplot',
        name: hoursLabel,
        itemStyle: { color: '#d0ebff', borderColor: '#0b4f6c' },
        data: shown.map((r) => {
          const { p25Hours, p50Hours, p75Hours, p90Hours } = r.leadTime;
          return [p25Hours ?? 0, p25Hours ?? 0, p50Hours ?? 0, p75Hours ?? 0, p90Hours ?? 0];
        }),
      },
    ],
  };
}
