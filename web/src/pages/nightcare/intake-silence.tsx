import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { formatTime } from '../../i18n/format.js';

/**
 * The intake-silence alarm: nothing has arrived from any device or alarm centre for too long tonight,
 * which is more likely a broken receiver or line than a quiet night. The board's live events refresh it.
 */
export function IntakeSilenceAlert() {
  const { t } = useTranslation();
  const status = useApi('GET /api/nightcare/supervision/status');
  const silence = status.data?.intakeSilence;
  if (!silence) return null;
  return (
    <p className="notice notice--error" role="alert">
      {t('supervision.intakeSilent', { time: formatTime(silence.quietSince), minutes: silence.minutes })}
    </p>
  );
}
