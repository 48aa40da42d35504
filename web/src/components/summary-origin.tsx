import { useTranslation } from 'react-i18next';
import { useApi } from '../api/use-api.js';
import type { ApiJson } from '../api/types.js';
import { displayTimeZone, formatTime, locale } from '../i18n/format.js';

type Origin = ApiJson<'GET /api/anw/incidents/{id}/summary-origin'>;
type FullSummary = ApiJson<'GET /api/anw/incidents/{id}/night-summary'>;

/** "05-12": the day a copy was last changed, in the alliance's zone. */
function dayMonth(instant: string | null): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', timeZone: displayTimeZone() }).format(new Date(instant));
}

/** Where the night summary came from and how fresh it is: the client's own system, our copy, or our copy because the source did not answer. */
export function SummaryOriginNote({ origin }: { origin: Origin }) {
  const { t } = useTranslation();
  const organisation = origin.sourceOrganisation ?? '';
  if (origin.warning === 'source_unavailable') {
    const text = origin.origin === 'source' ? t('anw.origin.unavailableLastRead', { organisation, time: formatTime(origin.fetchedAt) }) : t('anw.origin.unavailableCopy', { organisation, date: dayMonth(origin.copyUpdatedAt) });
    return (
      <p className="notice notice--warning summary-origin" role="status">
        {text}
      </p>
    );
  }
  if (origin.origin === 'source') {
    return <p className="notice summary-origin">{origin.fetchedAt ? t('anw.origin.source', { organisation, time: formatTime(origin.fetchedAt) }) : t('anw.origin.sourceNotYetRead', { organisation })}</p>;
  }
  return <p className="notice summary-origin">{t('anw.origin.copy', { date: dayMonth(origin.copyUpdatedAt) })}</p>;
}

/** The coordinator's incident panel: the origin only (the coordinator does not read the summary itself). */
export function IncidentSummaryOrigin({ incidentId }: { incidentId: string }) {
  const origin = useApi('GET /api/anw/incidents/{id}/summary-origin', { path: { id: incidentId } });
  return origin.data ? <SummaryOriginNote origin={origin.data} /> : null;
}

/** What the client's own system says, read through for this assignment. */
function SourceSummaryCard({ source }: { source: NonNullable<FullSummary['source']> }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('anw.summary.address'), source.address ?? ''],
    [t('anw.summary.phone'), source.phone ?? ''],
    [t('anw.summary.gp'), source.generalPractitioner ?? ''],
    [t('anw.summary.alerts'), source.alerts.join(', ')],
    [t('anw.summary.allergies'), source.allergies.join(', ')],
    [t('anw.summary.wishes'), source.wishes.join(', ')],
  ];
  return (
    <dl className="pairs">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      {source.reports.length > 0 && (
        <div>
          <dt>{t('anw.summary.reports')}</dt>
          <dd>
            <ul>
              {source.reports.map((r, i) => (
                <li key={i}>
                  {r.at ? `${formatTime(r.at)} ` : ''}
                  {r.text}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The nurse's view: the origin, and the source's summary when it was read through. */
export function IncidentSourceSummary({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const summary = useApi('GET /api/anw/incidents/{id}/night-summary', { path: { id: incidentId } });
  if (!summary.data) return null;
  const { source, ...origin } = summary.data;
  return (
    <section className="card" aria-label={t('anw.summary.title')}>
      <SummaryOriginNote origin={origin} />
      {source && <SourceSummaryCard source={source} />}
    </section>
  );
}
