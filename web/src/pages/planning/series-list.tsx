import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';

/** The recurring visits of the caller's organisation; each can be stopped after the night shown. */
export function SeriesList({ night, onChanged }: { night: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const series = useApi('GET /api/planning/series', {});
  const stop = useSubmit('plannedVisit');
  const items = series.data?.items ?? [];
  if (series.error) return <ErrorNotice error={series.error} />;
  if (items.length === 0) return null;
  const stopAfter = async (id: string) => {
    if (await stop.run(() => post(`/api/planning/series/${id}/stop`, { lastNight: night }))) {
      series.reload();
      onChanged();
    }
  };
  return (
    <section className="card" aria-labelledby="series-title">
      <h2 id="series-title" className="nc-section-title">
        {t('planner.series.title')}
      </h2>
      {stop.general && (
        <p className="notice notice--error" role="alert">
          {stop.general}
        </p>
      )}
      <ul className="planner__visits">
        {items.map((s) => (
          <li key={s.id}>
            <strong>{s.clientName ?? t('planning.unknownClient')}</strong>: {s.task} · {s.windowStart}–{s.windowEnd} · {t('planner.series.rule', { rule: s.rrule, from: s.firstNight })} · {s.careAgreement}
            {s.lastNight ? (
              <> · {t('planner.series.stopped', { night: s.lastNight })}</>
            ) : (
              <button type="button" className="button button--secondary" disabled={stop.busy || night < s.firstNight} onClick={() => void stopAfter(s.id)}>
                {t('planner.series.stopAfter', { night })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
