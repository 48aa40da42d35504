import { useTranslation } from 'react-i18next';
import type { ApiJson } from '../../api/types.js';
import { formatDateTime } from '../../i18n/format.js';

type History = NonNullable<ApiJson<'GET /api/nightcare/incidents/{id}'>['alarmHistory']>;

/** The client's earlier alarms tonight and this week, and whether this one repeats a pattern. */
export function AlarmHistory({ history }: { history: History }) {
  const { t } = useTranslation();
  const tonight = history.items.filter((i) => i.tonight).length;
  return (
    <details className="nc-section" open>
      <summary>
        <h3 id="alarm-history-title">{t('nightcare.history.title')}</h3>
      </summary>
      {history.repeated && <p className="notice notice--warning">{t('nightcare.history.repeated')}</p>}
      <p className="muted">{t('nightcare.history.counts', { tonight, week: history.items.length })}</p>
      {history.items.length > 0 && (
        <ul className="nc-history" aria-labelledby="alarm-history-title">
          {history.items.map((i) => (
            <li key={i.id}>
              <time dateTime={i.receivedAt}>{formatDateTime(i.receivedAt)}</time> · {i.urgency ?? t('nightcare.untriagedShort')} · {t(`nightcare.reasons.${i.reason}`, { defaultValue: i.reason })} ·{' '}
              {i.outcome ? t(`nightcare.outcomes.${i.outcome}`, { defaultValue: i.outcome }) : t(`nightcare.statuses.${i.status}`)}
              {i.tonight && <span className="badge"> {t('nightcare.history.tonight')}</span>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
