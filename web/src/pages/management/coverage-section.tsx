import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatNumber } from '../nightcare/format.js';
import { Share } from './kpi-tables.js';

const URGENCIES = ['U1', 'U2', 'U3', 'U4'] as const;

/** Tonight's coverage: the share of eligible clients within the norm's driving time, and the postcode areas out of reach. */
export function CoverageSection() {
  const { t } = useTranslation();
  const [urgency, setUrgency] = useState<(typeof URGENCIES)[number]>('U2');
  const coverage = useApi('GET /api/nightcare/kpis/coverage', { query: { urgency } });
  const c = coverage.data;
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title" className="section-title">
        {t('management.coverage.title')}
      </h2>
      <div className="nc-toolbar">
        <div className="field">
          <label htmlFor="coverage-urgency">{t('management.coverage.urgency')}</label>
          <select id="coverage-urgency" value={urgency} onChange={(e) => setUrgency(e.target.value as (typeof URGENCIES)[number])}>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
      </div>
      {coverage.loading && <Loading />}
      {coverage.error && <ErrorNotice error={coverage.error} />}
      {c && (
        <>
          <p>
            <strong>
              <Share value={c.share} />
            </strong>{' '}
            {t('management.coverage.summary', { reachable: c.reachable, located: c.reachable + c.outOfReach, minutes: c.norm.minutes ?? 0, nurses: c.nursesWithPosition, onDuty: c.nursesOnDuty })}
          </p>
          {c.clientsWithoutLocation > 0 && <p className="muted">{t('management.coverage.withoutLocation', { count: c.clientsWithoutLocation })}</p>}
          {c.areasOutOfReach.length > 0 && (
            <div className="table-scroll" role="region" aria-labelledby="coverage-areas" tabIndex={0}>
              <table>
                <caption id="coverage-areas">{t('management.coverage.areas')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('management.coverage.postcode4')}</th>
                    <th scope="col">{t('management.coverage.clients')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.areasOutOfReach.map((a) => (
                    <tr key={a.postcode4}>
                      <td>{a.postcode4}</td>
                      <td>{formatNumber(a.clients)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
