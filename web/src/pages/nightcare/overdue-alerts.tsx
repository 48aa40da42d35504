import { useTranslation } from 'react-i18next';
import { formatTime } from './format.js';
import type { Incident } from './types.js';

/**
 * The closed-loop alerts the server raised: open incidents with nobody on site by their deadline, at the
 * top of the board until a nurse is there or the incident is closed.
 */
export function OverdueAlerts({ incidents, onSelect }: { incidents: Incident[]; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const overdue = incidents.filter((i) => i.overdueAlerts > 0 && !i.onSiteAt && !i.closedAt);
  if (overdue.length === 0) return null;
  return (
    <section className="notice notice--error nc-overdue" role="alert" aria-labelledby="overdue-title">
      <h2 id="overdue-title" className="nc-section-title">
        {t('nightcare.urgency.overdueTitle', { count: overdue.length })}
      </h2>
      <ul>
        {overdue.map((i) => (
          <li key={i.id}>
            <button type="button" className="button button--ghost button--small" onClick={() => onSelect(i.id)}>
              {t('nightcare.urgency.overdueItem', {
                urgency: i.urgency,
                who: i.client ? `${i.client.givenName} ${i.client.familyName}` : t('nightcare.board.unknownCaller'),
                time: i.deadlineAt ? formatTime(i.deadlineAt) : '',
              })}
              {i.overdueAlerts > 1 && ` · ${t('nightcare.urgency.secondAlert')}`}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
