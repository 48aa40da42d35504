import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from './format.js';
import { MUTE_CHOICES, type UrgencyAlerts } from './use-urgency-alerts.js';

/** Sound on or muted for a while, and browser notifications, which the browser only allows after a click. */
export function AlertControls({ alerts }: { alerts: UrgencyAlerts }) {
  const { t } = useTranslation();
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  const ask = async () => setPermission(await Notification.requestPermission());
  return (
    <div className="nc-alert-controls" role="group" aria-label={t('nightcare.urgency.controls')}>
      {alerts.mutedUntil ? (
        <>
          <span className="badge badge--warning">{t('nightcare.urgency.mutedUntil', { time: formatTime(new Date(alerts.mutedUntil).toISOString()) })}</span>
          <button type="button" className="button button--secondary button--small" onClick={alerts.unmute}>
            {t('nightcare.urgency.unmute')}
          </button>
        </>
      ) : (
        <>
          <label className="nc-alert-controls__minutes">
            {t('nightcare.urgency.muteFor')}{' '}
            <select value={alerts.muteMinutes} onChange={(e) => alerts.setMuteMinutes(Number(e.target.value))}>
              {MUTE_CHOICES.map((m) => (
                <option key={m} value={m}>
                  {t('nightcare.urgency.minutes', { count: m })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--secondary button--small" onClick={alerts.mute}>
            {t('nightcare.urgency.mute')}
          </button>
        </>
      )}
      {supported && permission === 'default' && (
        <button type="button" className="button button--secondary button--small" onClick={() => void ask()}>
          {t('nightcare.urgency.enableNotifications')}
        </button>
      )}
      {supported && permission === 'denied' && <span className="muted">{t('nightcare.urgency.notificationsBlocked')}</span>}
      {alerts.unmutedByTimer && (
        <p className="notice notice--warning nc-alert-controls__reminder" role="status">
          {t('nightcare.urgency.soundBack')}
        </p>
      )}
    </div>
  );
}
