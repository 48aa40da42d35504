import { useTranslation } from 'react-i18next';
import { formatCountdown } from './format.js';
import { useNow } from '../../components/use-now.js';

/** Time left to answer an offer; red in the last minute. Not a live region: a voice every second would drown the page. */
export function OfferCountdown({ expiresAt }: { expiresAt: string | null }) {
  const { t } = useTranslation();
  const now = useNow(1000, expiresAt !== null);
  if (!expiresAt) return null;
  const left = new Date(expiresAt).getTime() - now;
  const expired = left <= 0;
  return (
    <p className={`nurse-countdown${expired ? ' nurse-countdown--expired' : left < 60_000 ? ' nurse-countdown--soon' : ''}`} role="timer" aria-live="off">
      {expired ? t('nurseApp.list.offerExpired') : t('nurseApp.list.offerLeft', { time: formatCountdown(left) })}
    </p>
  );
}

/** Whether the offer can still be answered (the server sweeps lapsed offers within seconds). */
export function useOfferOpen(expiresAt: string | null): boolean {
  const now = useNow(1000, expiresAt !== null);
  return expiresAt === null || new Date(expiresAt).getTime() > now;
}
