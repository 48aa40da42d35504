import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { bar, Chart } from '../management/chart.js';
import '../nightcare/nightcare.css';

type Analytics = ApiJson<'GET /api/respite/analytics'>;
const FIGURES = ['occupancy', 'stays', 'unmet', 'unmet-searches', 'non-use'] as const;

const monthsOf = (a: Analytics) => [...new Set(a.occupancyByOfferType.map((o) => o.month))].sort();
const sum = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0));

/** The municipality's figures on respite: occupancy, stays, unmet requests and searches, and non-use reasons, as charts and CSV. */
export function RespiteAnalyticsPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { from: from || undefined, to: to || undefined };
  const analytics = useApi('GET /api/respite/analytics', { query });
  if (analytics.loading && !analytics.data) return <Loading />;
  if (!analytics.data) return <ErrorNotice error={analytics.error} />;
  const a = analytics.data;
  const months = monthsOf(a);
  const offerTypes = [...new Set(a.occupancyByOfferType.map((o) => o.offerType))];
  const stayMonths = [...new Set(a.stays.map((s) => s.month))].sort();
  const municipalities = [...new Set([...a.unmet, ...a.nonUse].map((u) => u.municipality))].sort();
  const unmetReasons = [...new Set(a.unmet.map((u) => u.reason))];
  const searchPlaces = [...new Set(a.unmetSearches.map((u) => u.municipality))].sort();
  const searchReasons = [...new Set(a.unmetSearches.map((u) => u.reason))];
  const nonUseReasons = [...new Set(a.nonUse.map((u) => u.reason))];
  return (
    <div className="page">
      <h1>{t('respiteAnalytics.title')}</h1>
      <p>{t('respiteAnalytics.suppression', { n: a.minGroupSize })}</p>
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('respiteAnalytics.from')} <input type="month" value={from || a.from} onChange={(e) => setFrom(e.target.value)} />
        </label>{' '}
        <label>
          {t('respiteAnalytics.to')} <input type="month" value={to || a.to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      <div className="nc-charts">
        <Chart
          title={t('respiteAnalytics.occupancy')}
          option={bar(months, offerTypes.map((type) => ({ name: t(`respitePublic.offer.${type}`, type), data: months.map((m) => a.occupancyByOfferType.find((o) => o.offerType === type && o.month === m)?.rate ?? null) })), { percent: true, noData: t('respiteAnalytics.noData') })}
        />
        <Chart
          title={t('respiteAnalytics.cancellations')}
          option={bar(stayMonths, [
            { name: t('respiteAnalytics.columns.stays'), data: stayMonths.map((m) => sum(a.stays.filter((s) => s.month === m).map((s) => s.stays))) },
            { name: t('respiteAnalytics.columns.cancelled'), data: stayMonths.map((m) => sum(a.stays.filter((s) => s.month === m).map((s) => s.cancelled))) },
            { name: t('respiteAnalytics.columns.noShow'), data: stayMonths.map((m) => sum(a.stays.filter((s) => s.month === m).map((s) => s.noShow))) },
          ], { noData: t('respiteAnalytics.hidden') })}
        />
        <Chart
          title={t('respiteAnalytics.unmet')}
          option={bar(municipalities, unmetReasons.map((reason) => ({ name: t(`respiteDesk.outcomes.${reason}`, reason), data: municipalities.map((m) => a.unmet.find((u) => u.municipality === m && u.reason === reason)?.n ?? null) })), { noData: t('respiteAnalytics.hidden') })}
        />
        <Chart
          title={t('respiteAnalytics.unmetSearches')}
          option={bar(searchPlaces.map((m) => m || t('respiteAnalytics.anyMunicipality')), searchReasons.map((reason) => ({ name: t(`respiteAnalytics.searchReasons.${reason}`), data: searchPlaces.map((m) => a.unmetSearches.find((u) => u.municipality === m && u.reason === reason)?.n ?? null) })), { noData: t('respiteAnalytics.hidden') })}
        />
        <Chart
          title={t('respiteAnalytics.nonUse')}
          option={bar(nonUseReasons.map((r) => t(`respiteAnalytics.nonUseReasons.${r}`, r)), municipalities.map((m) => ({ name: m, data: nonUseReasons.map((r) => a.nonUse.find((u) => u.municipality === m && u.reason === r)?.n ?? null) })), { noData: t('respiteAnalytics.hidden') })}
        />
      </div>
      <section className="card">
        <h2>{t('respiteAnalytics.downloads')}</h2>
        <ul className="plain-list">
          {FIGURES.map((figure) => (
            <li key={figure}>
              <a className="button button--secondary" href={withQuery(`/api/respite/analytics/${figure}.csv`, { from: a.from, to: a.to })} download>
                {t(`respiteAnalytics.csv.${figure}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
