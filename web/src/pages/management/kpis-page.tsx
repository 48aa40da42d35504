import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatNumber } from '../nightcare/format.js';
import type { Kpis } from '../nightcare/types.js';
import { URGENCY_COLOURS } from '../nightcare/types.js';
import '../nightcare/nightcare.css';
import './management.css';
import { bar, Chart } from './chart.js';
import { CoverageSection } from './coverage-section.js';
import { OperationFigures, Share, UrgencyTable } from './kpi-tables.js';

function KpiCharts({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const noData = t('management.noData');
    const histogram = kpis.responseTime.histogram;
    return {
      histogram: bar(histogram.map((b) => (b.toMinute === null ? `${b.fromMinute}+` : `${b.fromMinute}–${b.toMinute}`)), [{ name: t('management.kpis.incidents'), data: histogram.map((b) => b.count), colour: '#0b4f6c' }]),
      urgency: bar(kpis.byUrgency.map((u) => u.urgency), [{ name: t('management.kpis.withinNorm'), data: kpis.byUrgency.map((u) => u.withinTargetShare), colour: kpis.byUrgency.map((u) => URGENCY_COLOURS[u.urgency] ?? '#5f3dc4') }], { percent: true, noData }),
      organisation: bar(kpis.byOrganisation.map((o) => o.organisationName ?? t('management.kpis.unidentified')), [
        { name: t('management.kpis.attended'), data: kpis.byOrganisation.map((o) => o.reach.attended), colour: '#1864ab' },
        { name: t('management.kpis.unattended'), data: kpis.byOrganisation.map((o) => o.reach.unattended), colour: '#a4161a' },
        { name: t('management.kpis.cancelled'), data: kpis.byOrganisation.map((o) => o.reach.cancelled), colour: '#868e96' },
      ]),
      hours: bar(kpis.alarmsByHour.map((_, h) => String(h).padStart(2, '0')), [{ name: t('management.kpis.incidents'), data: kpis.alarmsByHour, colour: '#5c940d' }]),
    };
  }, [kpis, t]);
  return (
    <div className="nc-charts">
      <Chart title={t('management.kpis.histogram')} option={options.histogram} />
      <Chart title={t('management.kpis.byUrgency')} option={options.urgency} />
      <Chart title={t('management.kpis.byOrganisation')} option={options.organisation} />
      <Chart title={t('management.kpis.byHour', { zone: kpis.timeZone })} option={options.hours} />
    </div>
  );
}

/** What became of the incidents: reached, never reached, cancelled; unattended ones count against the norm. */
function ReachFigures({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const cancelled = Object.entries(kpis.reach.cancelledByReason).map(([reason, n]) => `${t(`nightcare.outcomes.${reason}`, { defaultValue: reason })}: ${n}`).join(', ');
  const needed = kpis.byUrgency.reduce((s, u) => s + (u.norm.minutes === null ? 0 : u.reach.attended + u.reach.unattended), 0);
  const within = kpis.byUrgency.reduce((s, u) => s + u.withinTarget, 0);
  return (
    <ul className="nc-figures">
      <li className="nc-figure">
        {t('management.kpis.incidents')} <strong>{formatNumber(kpis.incidents)}</strong>
      </li>
      <li className="nc-figure">
        {t('management.kpis.withinNorm')}{' '}
        <strong>
          <Share value={needed ? within / needed : null} />
        </strong>
        <span className="muted">{t('management.kpis.withinNormNote', { within, needed })}</span>
      </li>
      <li className="nc-figure">
        {t('management.kpis.attended')} <strong>{formatNumber(kpis.reach.attended)}</strong>
      </li>
      <li className={kpis.reach.unattended ? 'nc-figure nc-figure--alert' : 'nc-figure'}>
        {t('management.kpis.unattended')} <strong>{formatNumber(kpis.reach.unattended)}</strong>
        <span className="muted">{t('management.kpis.unattendedNote')}</span>
      </li>
      <li className="nc-figure">
        {t('management.kpis.cancelled')} <strong>{formatNumber(kpis.reach.cancelled)}</strong>
        {cancelled && <span className="muted">{cancelled}</span>}
      </li>
      <li className="nc-figure">
        {t('management.kpis.median')} <strong>{kpis.responseTime.percentiles.p50 === null ? t('management.noData') : `${formatNumber(kpis.responseTime.percentiles.p50, 1)} min`}</strong>
      </li>
    </ul>
  );
}

/** Night-care figures for administrators and coordinators: aggregates only, no client data. */
export function KpisPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState({ from: '', to: '' });
  const kpis = useApi('GET /api/nightcare/kpis', { query: { from: range.from || undefined, to: range.to || undefined } });
  const k = kpis.data;
  return (
    <div className="nc-wide">
      <h1>{t('management.kpis.title')}</h1>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="kpi-from">{t('management.kpis.from')}</label>
          <input id="kpi-from" type="date" value={range.from || (k?.from ?? '')} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="kpi-to">{t('management.kpis.to')}</label>
          <input id="kpi-to" type="date" value={range.to || (k?.to ?? '')} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </div>
      </form>
      {kpis.loading && <Loading />}
      {kpis.error && <ErrorNotice error={kpis.error} />}
      {k && (
        <>
          <ReachFigures kpis={k} />
          <p className="muted">{t('management.norms.explanation')}</p>
          <UrgencyTable kpis={k} />
          <KpiCharts kpis={k} />
          <OperationFigures kpis={k} />
        </>
      )}
      <CoverageSection />
    </div>
  );
}
