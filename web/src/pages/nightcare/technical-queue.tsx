import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';
import { useApi } from '../../api/use-api.js';
import type { TechnicalAlarm } from './types.js';

/**
 * Low battery, tests and technical faults: followed up by day, never dispatched. Collapsed, it still
 * says how many wait; the board's live events refresh that number.
 */
export function TechnicalQueue() {
  const { t } = useTranslation();
  const queue = useApi('GET /api/nightcare/technical-alarms');
  const count = queue.data?.items.length;
  // A silent alarm centre has no client or account: its name says who went quiet.
  const sender = (a: TechnicalAlarm) => {
    if (a.client) return `${a.client.givenName} ${a.client.familyName}`;
    if (a.silence?.kind === 'webhook') return t('supervision.silentCentre', { name: a.silence.name ?? a.silence.source });
    return t('nightcare.technical.account', { account: a.account ?? '—' });
  };
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
    <details className="card nc-technical">
      <summary>
        <h2 className="nc-summary-title">
          {t('nightcare.technical.title')}
          {count !== undefined && (
            <>
              {' '}
              <span className={`badge${count > 0 ? ' badge--warn' : ''}`}>{t('nightcare.technical.waiting', { n: count })}</span>
            </>
          )}
        </h2>
      </summary>
      {error !== null && <ErrorNotice error={error} />}
      {queue.error && <ErrorNotice error={queue.error} />}
      {queue.data?.items.length === 0 && <p className="muted">{t('nightcare.technical.empty')}</p>}
      <ul className="nc-list">
        {queue.data?.items.map((a) => (
          <li key={a.id} className="nc-technical__item">
            <span>
              <strong>{a.silence ? t('supervision.deviceSilent') : t(`nightcare.reasons.${a.reason}`, { defaultValue: a.reason })}</strong> · {sender(a)}
              <br />
              <span className="muted">
                {formatDateTime(a.receivedAt)}
                {a.silence && ` · ${t('supervision.lastHeard', { date: formatDateTime(a.silence.lastSeenAt) })}`}
              </span>
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
