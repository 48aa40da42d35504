import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import type { ChartOption } from './echart.js';
import { formatMonth, formatNumber, formatPercent } from './format.js';
import { useApi } from '../../api/use-api.js';
import type { Kpis } from './types.js';
import { URGENCY_COLOURS } from './types.js';
import './nightcare.css';

// ECharts is large: its own chunk, loaded only on this page.
const EChart = lazy(async () => ({ default: (await import('./echart.js')).EChart }));

const bar = (categories: string[], series: { name: string; data: (number | null)[]; colour?: string | string[] }[], percent = false): ChartOption => ({
  grid: { left: 48, right: 12, top: series.length > 1 ? 32 : 16, bottom: 40 },
  tooltip: { trigger: 'axis' },
  ...(series.length > 1 ? { legend: { top: 0 } } : {}),
  xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
  yAxis: { type: 'value', ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
  series: series.map((s) => ({
    type: 'bar',
    name: s.name,
    data: s.data.map((value, i) => ({ value: value === null ? null : percent ? Math.round(value * 100) : value, ...(Array.isArray(s.colour) ? { itemStyle: { color: s.colour[i] } } : {}) })),
    ...(typeof s.colour === 'string' ? { itemStyle: { color: s.colour } } : {}),
  })),
});

function Chart({ title, option }: { title: string; option: ChartOption }) {
  return (
    <section className="card">
      <h2 className="nc-section-title">{title}</h2>
      <Suspense fallback={<Loading />}>
        <EChart option={option} label={title} />
      </Suspense>
    </section>
  );
}

function KpiCharts({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const histogram = kpis.responseTime.histogram;
    return {
      histogram: bar(histogram.map((b) => (b.toMinute === null ? `${b.fromMinute}+` : `${b.fromMinute}–${b.toMinute}`)), [{ name: t('nightcare.kpis.incidents'), data: histogram.map((b) => b.count), colour: '#0b4f6c' }]),
      urgency: bar(kpis.byUrgency.map((u) => u.urgency), [
        { name: t('nightcare.kpis.within30'), data: kpis.byUrgency.map((u) => u.responseTime.withinThirtyShare), colour: kpis.byUrgency.map((u) => URGENCY_COLOURS[u.urgency] ?? '#5f3dc4') },
      ], true),
      organisation: bar(kpis.byOrganisation.map((o) => o.organisationName ?? t('nightcare.kpis.unidentified')), [{ name: t('nightcare.kpis.within30'), data: kpis.byOrganisation.map((o) => o.responseTime.withinThirtyShare), colour: '#1864ab' }], true),
      hours: bar(kpis.alarmsByHour.map((_, h) => String(h).padStart(2, '0')), [{ name: t('nightcare.kpis.incidents'), data: kpis.alarmsByHour, colour: '#5c940d' }]),
    };
  }, [kpis, t]);
  return (
    <div className="nc-charts">
      <Chart title={t('nightcare.kpis.histogram')} option={options.histogram} />
      <Chart title={t('nightcare.kpis.byUrgency')} option={options.urgency} />
      <Chart title={t('nightcare.kpis.byOrganisation')} option={options.organisation} />
      <Chart title={t('nightcare.kpis.byHour', { zone: kpis.timeZone })} option={options.hours} />
    </div>
  );
}

function CostAllocationSection() {
  const { t } = useTranslation();
  const [month, setMonth] = useState('');
  const query = { month: month || undefined };
  const cost = useApi('GET /api/nightcare/cost-allocation', { query });
  const option = useMemo(
    () =>
      cost.data
        ? bar(cost.data.lines.map((l) => l.organisationName), [
            { name: t('nightcare.costs.incidentShare'), data: cost.data.lines.map((l) => l.incidentShare), colour: '#0b4f6c' },
            { name: t('nightcare.costs.minutesShare'), data: cost.data.lines.map((l) => l.minutesShare), colour: '#e8590c' },
          ], true)
        : null,
    [cost.data, t],
  );
  const shown = cost.data?.month ?? month;
  return (
    <section aria-labelledby="costs-title">
      <h2 id="costs-title" className="section-title">
        {t('nightcare.costs.title')}
      </h2>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cost-month">{t('nightcare.costs.month')}</label>
          <input id="cost-month" type="month" value={shown} onChange={(e) => setMonth(e.target.value)} />
        </div>
        <a className="button button--secondary" href={withQuery('/api/nightcare/cost-allocation.csv', { month: shown || undefined })} download>
          {t('nightcare.costs.csv')}
        </a>
        <a className="button button--secondary" href={withQuery('/api/nightcare/cost-allocation.pdf', { month: shown || undefined })} target="_blank" rel="noopener">
          {t('nightcare.costs.pdf')}
        </a>
      </form>
      {cost.loading && <Loading />}
      {cost.error && <ErrorNotice error={cost.error} />}
      {cost.data && (
        <>
          <div className="table-scroll" role="region" aria-label={t('nightcare.costs.title')} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('nightcare.costs.organisation')}</th>
                  <th scope="col">{t('nightcare.kpis.incidents')}</th>
                  <th scope="col">{t('nightcare.costs.minutes')}</th>
                  <th scope="col">{t('nightcare.costs.incidentShare')}</th>
                  <th scope="col">{t('nightcare.costs.minutesShare')}</th>
                </tr>
              </thead>
              <tbody>
                {cost.data.lines.map((l) => (
                  <tr key={l.organisationId}>
                    <td>{l.organisationName}</td>
                    <td>{formatNumber(l.incidents)}</td>
                    <td>{formatNumber(l.minutesOnSite)}</td>
                    <td>{formatPercent(l.incidentShare)}</td>
                    <td>{formatPercent(l.minutesShare)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('nightcare.costs.total')}</th>
                  <td>{formatNumber(cost.data.total.incidents)}</td>
                  <td>{formatNumber(cost.data.total.minutesOnSite)}</td>
                  <td />
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
          <p className="muted">{t('nightcare.costs.unallocated', { incidents: cost.data.unallocated.incidents, minutes: cost.data.unallocated.minutesOnSite })}</p>
          {cost.data.lines.every((l) => l.incidents === 0 && l.minutesOnSite === 0) ? (
            <Empty>{t('nightcare.costs.none', { month: formatMonth(cost.data.month) })}</Empty>
          ) : (
            option && <Chart title={t('nightcare.costs.chart', { month: formatMonth(cost.data.month) })} option={option} />
          )}
        </>
      )}
    </section>
  );
}

/** Night-care figures for coordinators and organisation administrators: aggregates only, no client data. */
export function KpisPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState({ from: '', to: '' });
  const kpis = useApi('GET /api/nightcare/kpis', { query: { from: range.from || undefined, to: range.to || undefined } });
  const k = kpis.data;
  return (
    <div className="nc-wide">
      <h1>{t('nightcare.kpis.title')}</h1>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="kpi-from">{t('nightcare.kpis.from')}</label>
          <input id="kpi-from" type="date" value={range.from || (k?.from ?? '')} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="kpi-to">{t('nightcare.kpis.to')}</label>
          <input id="kpi-to" type="date" value={range.to || (k?.to ?? '')} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </div>
      </form>
      {kpis.loading && <Loading />}
      {kpis.error && <ErrorNotice error={kpis.error} />}
      {k && (
        <>
          <ul className="nc-figures">
            <li className="nc-figure">
              {t('nightcare.kpis.incidents')} <strong>{formatNumber(k.incidents)}</strong>
            </li>
            <li className="nc-figure">
              {t('nightcare.kpis.median')} <strong>{formatNumber(k.responseTime.percentiles.p50, 1)} min</strong>
            </li>
            <li className="nc-figure">
              {t('nightcare.kpis.p90')} <strong>{formatNumber(k.responseTime.percentiles.p90, 1)} min</strong>
            </li>
            <li className="nc-figure">
              {t('nightcare.kpis.within30')} <strong>{formatPercent(k.responseTime.withinThirtyShare)}</strong>
            </li>
            <li className="nc-figure">
              {t('nightcare.kpis.falseAlarms')} <strong>{formatPercent(k.falseAlarms.rate)}</strong>
              <span className="muted">{t('nightcare.kpis.falseAlarmCount', { count: k.falseAlarms.count })}</span>
            </li>
          </ul>
          <KpiCharts kpis={k} />
        </>
      )}
      <CostAllocationSection />
    </div>
  );
}
