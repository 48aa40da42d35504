import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJson } from '../../api/types.js';
import { formatTime } from '../../i18n/format.js';
import { useLiveData } from './live.js';

type IntakeStatus = ApiJson<'GET /api/nightcare/supervision/status'>;

/**
 * The intake-silence alarm: nothing has arrived from any device or alarm centre for too long tonight,
 * which is more likely a broken receiver or line than a quiet night. `tick` (a live event) refreshes it.
 */
export function IntakeSilenceAlert({ tick = 0 }: { tick?: number }) {
  const { t } = useTranslation();
  const status = useLiveData<IntakeStatus>('/api/nightcare/supervision/status');
  const { reload } = status;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  const silence = status.data?.intakeSilence;
  if (!silence) return null;
  return (
    <p className="notice notice--error" role="alert">
      {t('supervision.intakeSilent', { time: formatTime(silence.quietSince), minutes: silence.minutes })}
    </p>
  );
}
