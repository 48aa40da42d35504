import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLiveData } from './live.js';
import type { TechnicalAlarm } from './types.js';

/** Low battery, tests and technical faults: followed up by day, never dispatched. */
export function TechnicalQueue() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const queue = useLiveData<{ items: TechnicalAlarm[] }>(open ? '/api/nightcare/technical-alarms' : null);
  const [error, setError] = useState<unknown>(null);
  const handled = async (id: string) => {
    setError(null);
    try {
      await post(`/api/nightcare/technical-alarms/${id}/handled`);
      queue.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <details className="card nc-technical" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="nc-summary-title">{t('nightcare.technical.title')}</h2>
      </summary>
      {error !== null && <ErrorNotice error={error} />}
      {queue.error && <ErrorNotice error={queue.error} />}
      {queue.data?.items.length === 0 && <p className="muted">{t('nightcare.technical.empty')}</p>}
      <ul className="nc-list">
        {queue.data?.items.map((a) => (
          <li key={a.id} className="nc-technical__item">
            <span>
              <strong>{t(`nightcare.reasons.${a.reason}`, { defaultValue: a.reason })}</strong> · {a.client ? `${a.client.givenName} ${a.client.familyName}` : t('nightcare.technical.account', { account: a.account ?? '—' })}
              <br />
              <span className="muted">{formatDateTime(a.receivedAt)}</span>
            </span>
            <button type="button" className="button button--secondary button--small" onClick={() => void handled(a.id)}>
              {t('nightcare.technical.handled')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
