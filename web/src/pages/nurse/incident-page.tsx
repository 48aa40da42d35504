import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { IncidentMessages } from '../../components/incident-messages.js';
import { useLiveStream, type LiveIncidentEvent } from '../../api/use-live-stream.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { OfflineBanner } from './connection.js';
import { EscalationCard } from './escalation.js';
import { formatTime, mapsLinks } from './format.js';
import { ClientLine, StatusBadge, UrgencyBadge } from './incident-summary.js';
import { cacheAssignment, cachedAssignment, endAssignment, incidentAssignment, type CachedAssignment } from './device-cache.js';
import { NightCard } from './night-card.js';
import { IncidentSourceSummary } from '../../components/summary-origin.js';
import { ReportForm } from './report-form.js';
import { useWakeLock } from './use-wake-lock.js';
import { StatusSteps } from './status-steps.js';
import { CLOSED_STATUSES, type IncidentDetail, type IncidentEvent, type NurseIncident } from './types.js';
import './nurse.css';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/nurse" className="nurse-back">
      <span aria-hidden="true">←</span>
      {t('nurseApp.incident.back')}
    </Link>
  );
}

function Directions({ latitude, longitude }: { latitude: number; longitude: number }) {
  const { t } = useTranslation();
  const links = mapsLinks(latitude, longitude);
  return (
    <div className="nurse-nav">
      <a className="button button--secondary nurse-nav__link" href={links.google} target="_blank" rel="noopener noreferrer">
        {t('nurseApp.incident.navigate')}
      </a>
      <a className="button button--secondary nurse-nav__link" href={links.geo}>
        {t('nurseApp.incident.mapApp')}
      </a>
    </div>
  );
}

function ClosedNotice({ incident, focus }: { incident: NurseIncident; focus: boolean }) {
  const { t } = useTranslation();
  const notice = useRef<HTMLDivElement>(null);
  // Closed while on screen (the report saved): the form is gone, so focus moves to what replaced it.
  useEffect(() => {
    if (focus) notice.current?.focus();
  }, [focus]);
  return (
    <div className={`notice ${incident.status === 'completed' ? 'notice--ok' : 'notice--warning'}`} role="status" ref={notice} tabIndex={-1}>
      <p>
        <strong>{t(`nurseApp.closed.${incident.status}`)}</strong>
        {incident.closedAt && ` · ${formatTime(incident.closedAt)}`}
      </p>
      <p>{t('nurseApp.closed.accessEnded')}</p>
      <Link to="/nurse" className="button button--primary button--block">
        {t('nurseApp.incident.back')}
      </Link>
    </div>
  );
}

function History({ events }: { events: IncidentEvent[] }) {
  const { t } = useTranslation();
  return (
    <details className="card nurse-details nurse-history">
      <summary>{t('nurseApp.incident.history')}</summary>
      <ol>
        {events.map((event) => (
          <li key={event.id}>
            <span className="nurse-history__time">{formatTime(event.at)}</span> {t(`nurseApp.events.${event.type}`, { defaultValue: event.type })}
            {typeof event.details.answer === 'string' && <span className="nurse-history__detail">{event.details.answer}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * The client's night summary. While the incident is the nurse's (accepted until closed) it is also kept
 * on the phone, encrypted, with the key-safe code once revealed; without a connection the phone's copy is shown.
 */
function NightSection({ clientId, incidentId, active }: { clientId: string; incidentId: string; active: boolean }) {
  const { t } = useTranslation();
  const night = useApi('GET /api/clients/{id}/night-summary', { path: { id: clientId } });
  const assignment = incidentAssignment(incidentId);
  const [cached, setCached] = useState<CachedAssignment | null>(null);
  const offline = night.error?.code === 'NETWORK';
  useEffect(() => {
    if (active && night.data) void cacheAssignment(assignment, { summary: night.data }).catch(() => undefined);
  }, [active, night.data, assignment]);
  useEffect(() => {
    if (offline) void cachedAssignment(assignment).then(setCached, () => undefined);
  }, [offline, assignment]);
  const onRevealed = (code: string | null) => {
    if (active && night.data) void cacheAssignment(assignment, { summary: night.data, keySafeCode: code }).catch(() => undefined);
  };
  if (night.loading) return <Loading />;
  if (night.data) return <NightCard client={night.data} onKeySafeRevealed={onRevealed} />;
  if (offline && cached) {
    return (
      <>
        <p className="notice notice--warning">{t('deviceCache.fromPhone')}</p>
        <NightCard client={cached.summary} cachedKeySafeCode={cached.keySafeCode} />
      </>
    );
  }
  if (night.error?.status === 404) return <p className="status status--empty">{t('nurseApp.night.unavailable')}</p>;
  return night.error ? <ErrorNotice error={night.error} /> : null;
}

/** The phone's copy of an assignment goes as soon as the assignment ends. */
function useEndAssignment(incidentId: string, ended: boolean): void {
  useEffect(() => {
    if (ended) void endAssignment(incidentAssignment(incidentId)).catch(() => undefined);
  }, [incidentId, ended]);
}

/** The GP post's latest answer, where the nurse looks: above the way there, announced when it arrives live. */
function GpAnswer({ events }: { events: IncidentEvent[] }) {
  const { t } = useTranslation();
  const answered = events.filter((e) => e.type === 'gp_referral_answered').at(-1);
  const text = typeof answered?.details.answer === 'string' ? answered.details.answer : null;
  return (
    <div role="status" aria-live="polite">
      {answered && text && (
        <div className="notice notice--ok nurse-gp-answer">
          <p>
            <strong>{t('nurseApp.events.gp_referral_answered')}</strong> · {formatTime(answered.at)}
          </p>
          <p>{text}</p>
        </div>
      )}
    </div>
  );
}

function OpenIncident({ detail, onChanged }: { detail: IncidentDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { incident } = detail;
  const [reporting, setReporting] = useState(false);
  const [queued, setQueued] = useState(false);
  useWakeLock(incident.status !== 'assigned');
  const latitude = incident.latitude;
  const longitude = incident.longitude;
  const mine = incident.status !== 'assigned';
  return (
    <>
      <section className="card nurse-progress-card" aria-label={t('nurseApp.incident.progress')}>
        <StatusSteps incident={incident} reporting={reporting} onReport={() => setReporting(true)} onChanged={onChanged} />
        {incident.status === 'on_site' && reporting && !queued && <ReportForm incident={incident} onCompleted={onChanged} onQueued={() => setQueued(true)} />}
        {queued && (
          <p className="notice notice--warning" role="status">
            {t('nurseApp.report.queued')}
          </p>
        )}
      </section>
      <GpAnswer events={detail.events} />
      {latitude !== null && longitude !== null && <Directions latitude={latitude} longitude={longitude} />}
      {/* The night summary opens with the offer, so the nurse can judge it before accepting. */}
      {incident.client && <IncidentSourceSummary incidentId={incident.id} />}
      {incident.client && <NightSection clientId={incident.client.id} incidentId={incident.id} active={mine} />}
      {mine && <EscalationCard incident={incident} events={detail.events} onChanged={onChanged} />}
    </>
  );
}

/** One incident on the nurse's phone: the next step, the way there, the night summary, the report. */
export function NurseIncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useApi('GET /api/nightcare/incidents/{id}', { path: { id } });
  const { reload } = detail;
  const invalidate = useInvalidate();
  const onLive = useCallback(
    (events: LiveIncidentEvent[]) => {
      // An empty batch means "reconnected, something may have been missed".
      if (events.length === 0 || events.some((e) => e.incidentId === id)) {
        reload();
        invalidate('GET /api/nightcare/incidents/{id}/messages', { path: { id } });
      }
    },
    [id, reload, invalidate],
  );
  useLiveStream('/api/nightcare/stream', onLive);
  // Seen open on this page before: a closed notice now is news, and takes the focus.
  const seenOpen = useRef(false);
  const status = detail.data?.incident.status;
  const closedNow = status !== undefined && CLOSED_STATUSES.includes(status);
  const closedWhileShown = closedNow && seenOpen.current;
  useEndAssignment(id, closedNow || detail.error?.status === 404);
  useEffect(() => {
    if (status !== undefined && !CLOSED_STATUSES.includes(status)) seenOpen.current = true;
  }, [status]);

  let body;
  if (detail.loading) body = <Loading />;
  else if (detail.error?.status === 404) {
    // Declined, lapsed or handed to someone else: the offer and its night summary are gone.
    body = (
      <div className="notice notice--warning" role="alert">
        <p>{t('nurseApp.incident.notYours')}</p>
      </div>
    );
  } else if (!detail.data) {
    body = detail.error && <ErrorNotice error={detail.error} />;
  } else {
    const { incident } = detail.data;
    const closed = CLOSED_STATUSES.includes(incident.status);
    body = (
      <>
        <header className="nurse-head">
          <div className="nurse-incident__head">
            <UrgencyBadge urgency={incident.urgency} />
            <h1 className="nurse-incident__reason">{t(`nurseApp.reasons.${incident.reason}`, { defaultValue: incident.reason })}</h1>
          </div>
          <StatusBadge status={incident.status} />
          <ClientLine incident={incident} />
          {incident.triageNote && <p className="nurse-note">{incident.triageNote}</p>}
          <p className="nurse-incident__meta">{t('nurseApp.list.receivedAt', { time: formatTime(incident.receivedAt) })}</p>
        </header>
        {closed ? <ClosedNotice incident={incident} focus={closedWhileShown} /> : <OpenIncident detail={detail.data} onChanged={reload} />}
        <IncidentMessages incidentId={incident.id} open={!closed} />
        <History events={detail.data.events} />
      </>
    );
  }
  return (
    <div className="nurse">
      <OfflineBanner />
      <BackLink />
      {body}
    </div>
  );
}
