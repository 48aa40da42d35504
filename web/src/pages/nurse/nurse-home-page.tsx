import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/use-api.js';
import { useLiveStream } from '../../api/use-live-stream.js';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { OfflineBanner } from './connection.js';
import { DutyCard } from './duty-card.js';
import { IncidentList } from './incident-list.js';
import { PushSetup } from './push-setup.js';
import { NightPlan } from './night-plan.js';
import { incidentAssignment, keepOnlyAssignments } from './device-cache.js';
import { CLOSED_STATUSES, type NurseIncident } from './types.js';
import './nurse.css';

/**
 * A new offer must be noticed with the phone on the dashboard: it vibrates (where the phone can) and a
 * screen reader says so. Offers already on screen at the first load are not announced again.
 */
function useNewOfferSignal(items: NurseIncident[] | undefined): string {
  const { t } = useTranslation();
  const known = useRef<Set<string> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!items) return;
    const offers = items.filter((i) => i.status === 'assigned').map((i) => i.id);
    const fresh = known.current ? offers.filter((id) => !known.current?.has(id)) : [];
    known.current = new Set(offers);
    if (fresh.length === 0) return;
    navigator.vibrate?.([300, 150, 300]);
    setAnnouncement(t('nurseApp.list.newOfferAnnounced', { count: fresh.length }));
  }, [items, t]);
  return announcement;
}

/** Assignments that ended while the app was closed leave the phone's cache when the current list arrives. */
function useForgetEndedAssignments(items: NurseIncident[] | undefined): void {
  useEffect(() => {
    if (!items) return;
    const active = items.filter((i) => i.status !== 'assigned' && !CLOSED_STATUSES.includes(i.status)).map((i) => incidentAssignment(i.id));
    void keepOnlyAssignments(active).catch(() => undefined);
  }, [items]);
}

/** The nurse's home at night: duty, then the offers and incidents in hand, kept live. */
export function NurseHomePage() {
  const { t } = useTranslation();
  const duty = useApi('GET /api/nightcare/duty');
  const mine = useApi('GET /api/nightcare/my-incidents');
  // Coming back online refetches both by itself (the query client's rule); live events concern the list.
  const connected = useLiveStream('/api/nightcare/stream', mine.reload) === 'open';
  const announcement = useNewOfferSignal(mine.data?.items);
  useForgetEndedAssignments(mine.data && !mine.error ? mine.data.items : undefined);

  return (
    <div className="nurse">
      <OfflineBanner />
      <p className="visually-hidden" role="status" aria-live="assertive">
        {announcement}
      </p>
      <h1 className="nurse__title">{t('nurseApp.home.title')}</h1>
      <DutyCard duty={duty} />
      <PushSetup />
      <section aria-labelledby="mine-title" className="nurse-section">
        <div className="nurse-section__head">
          <h2 id="mine-title">{t('nurseApp.list.title')}</h2>
          <span className={`nurse-live${connected ? ' nurse-live--on' : ''}`}>{t(connected ? 'nurseApp.live.on' : 'nurseApp.live.off')}</span>
        </div>
        {mine.loading ? (
          <Loading />
        ) : mine.data ? (
          <IncidentList incidents={mine.data.items} onChanged={mine.reload} />
        ) : (
          mine.error && <ErrorNotice error={mine.error} />
        )}
        {mine.data && mine.error && <p className="nurse-stale">{t('nurseApp.list.stale')}</p>}
      </section>
      <NightPlan />
    </div>
  );
}
