import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { GpReferralForm } from './gp-referral-form.js';
import { IncidentDesk } from './incident-desk.js';
import { CloseActions, LinkClient, Proposals, TriageForm } from './incident-actions.js';
import { formatTime } from './format.js';
import { useApi } from '../../api/use-api.js';
import { closedStatuses, type IncidentEvent, type NurseOnDuty } from './types.js';
import { UrgencyBadge } from './urgency-badge.js';
import { AlarmHistory } from './alarm-history.js';
import { DeadlineTimer } from './deadline-timer.js';
import { useNow } from '../../components/use-now.js';
import { IncidentSummaryOrigin } from '../../components/summary-origin.js';

const text = (details: IncidentEvent['details'], key: string): string | null => {
  const value = details[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

/**
 * The event as one phrase, with what it adds to its type written into it (why it was cancelled, where it
 * went, to which nurse or GP post): "Aangeboden aan Sanne Bos", not "Aangeboden aan · Sanne Bos".
 */
/** The account is what the coordinator searches the identification index by. */
function unidentifiedNotice(t: TFunction, account: string | null): string {
  return account ? t('nightcare.panel.unidentifiedAccount', { account }) : t('nightcare.panel.unidentified');
}

function eventTitle(t: TFunction, event: IncidentEvent): string {
  const d = event.details;
  const plain = t(`nightcare.events.${event.type}`, { defaultValue: event.type });
  const reason = text(d, 'reason');
  const withDetail = (detail: string | null) => (detail ? t(`nightcare.eventsWith.${event.type}`, { detail, defaultValue: `${plain} · ${detail}` }) : plain);
  if (event.type === 'cancelled') return withDetail(reason ? t(`nightcare.outcomes.${reason}`, { defaultValue: reason }) : null);
  if (event.type === 'escalated' && text(d, 'target') === '112') return t('nightcare.eventsWith.escalated112');
  if (event.type === 'gp_referral') return withDetail(text(d, 'gpPostName'));
  if (event.type === 'received') return withDetail(text(d, 'callerName'));
  if (event.type === 'assigned') return withDetail(text(d, 'nurse'));
  if (event.type === 'overdue_alert') return t(text(d, 'round') === '2' ? 'nightcare.urgency.overdueEventRepeat' : 'nightcare.urgency.overdueEvent');
  return plain;
}

function EventLine({ event }: { event: IncidentEvent }) {
  const { t } = useTranslation();
  const automatic = event.details.automatic === true;
  const outcome = text(event.details, 'outcome');
  const answer = event.type === 'gp_referral_answered' ? text(event.details, 'answer') : null;
  const note = text(event.details, 'note');
  return (
    <li className="nc-event">
      <time dateTime={event.at}>{formatTime(event.at)}</time>
      <span>
        <strong>{eventTitle(t, event)}</strong>
        {event.actorName ? <span className="muted"> · {event.actorName}</span> : automatic && <span className="muted"> · {t('nightcare.events.automatic')}</span>}
        {answer !== null && (
          <span className="nc-event__text">
            {outcome && `${t(`nightcare.referrals.outcomes.${outcome}`, { defaultValue: outcome })}: `}
            {answer}
          </span>
        )}
        {note && <span className="nc-event__text muted">{note}</span>}
      </span>
    </li>
  );
}

/** The selected incident: who and where, triage, proposals with one-click assignment, closing, history. */
export function IncidentPanel({
  id,
  nurses,
  focusOnLoad = false,
  onChanged,
  onAnnounce,
  onClose,
}: {
  id: string;
  nurses: NurseOnDuty[];
  /** Just created: focus goes to the panel's heading once it is there. */
  focusOnLoad?: boolean;
  onChanged: () => void;
  /** Says what an action did, in the board's live region. */
  onAnnounce: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useApi('GET /api/nightcare/incidents/{id}', { path: { id } });
  const now = useNow(15_000);
  const { reload } = detail;
  const changed = () => {
    reload();
    onChanged();
  };
  // The form or button just used is gone or disabled after an action: focus goes to the panel's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusPending, setFocusPending] = useState(focusOnLoad);
  const loaded = detail.data !== undefined;
  useEffect(() => {
    if (focusPending && loaded && heading.current) {
      heading.current.focus();
      setFocusPending(false);
    }
  }, [focusPending, loaded]);
  const done = (message: string) => {
    changed();
    onAnnounce(message);
    setFocusPending(true);
  };

  if (detail.loading) return <Loading />;
  if (detail.error || !detail.data) return <ErrorNotice error={detail.error} />;
  const { incident, events, report, alarmHistory } = detail.data;
  const centreNote = events.find((e) => e.type === 'received')?.details.note;
  const open = !closedStatuses.includes(incident.status);
  const client = incident.client;
  const assignee = incident.assignedUserId ? (nurses.find((n) => n.userId === incident.assignedUserId)?.name ?? t('nightcare.panel.nurseOffDuty')) : null;

  return (
    <article className="card nc-panel" aria-labelledby="panel-title">
      <div className="page__head">
        <h2 id="panel-title" tabIndex={-1} ref={heading}>
          <UrgencyBadge urgency={incident.urgency} /> {t(`nightcare.reasons.${incident.reason}`, { defaultValue: incident.reason })}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t('nightcare.close')}
        </button>
      </div>
      {open && (incident.urgency === 'U1' || incident.reason === 'fire_smoke') && (
        <p className="notice notice--error nc-call112" role="alert">
          <strong>{t('nightcare.urgency.call112')}</strong>
        </p>
      )}
      {typeof centreNote === 'string' && centreNote !== '' && (
        <p className="notice nc-centre-note">
          <strong>{t('nightcare.urgency.centreNote')}</strong> {centreNote}
        </p>
      )}
      <p>
        <span className={`badge nc-status nc-status--${incident.status}`}>{t(`nightcare.statuses.${incident.status}`)}</span> <DeadlineTimer incident={incident} now={now} />{' '}
        {t('nightcare.panel.received', { time: formatTime(incident.receivedAt) })}
        {/* The sender's own time may be days old (a backlog) or a little off; it is shown beside ours, never instead. */}
        {incident.occurredAt && ` · ${t('nightcare.panel.occurred', { time: formatDateTime(incident.occurredAt) })}`}
        {incident.outcome && ` · ${t(`nightcare.outcomes.${incident.outcome}`, { defaultValue: incident.outcome })}`}
      </p>
      {client ? (
        <dl className="pairs nc-client">
          <dt>{t('nightcare.panel.client')}</dt>
          <dd>
            {client.givenName} {client.familyName} ({formatDate(client.dateOfBirth)})
          </dd>
          <dt>{t('nightcare.panel.address')}</dt>
          <dd>
            {client.street} {client.houseNumber}, {client.postcode} {client.city}
          </dd>
          <dt>{t('nightcare.panel.organisation')}</dt>
          <dd>{client.organisationName}</dd>
          <dt>{t('nightCareScope.label')}</dt>
          <dd>{client.nightCareScope.length ? client.nightCareScope.map((s) => t(`nightCareScope.${s}`)).join(', ') : t('nightCareScope.none')}</dd>
        </dl>
      ) : (
        <p className="notice notice--warning">{incident.unidentified ? unidentifiedNotice(t, incident.alarmAccount) : t('nightcare.panel.notVisible')}</p>
      )}
      {client && <IncidentSummaryOrigin incidentId={incident.id} />}
      {incident.unidentified && open && <LinkClient incident={incident} onDone={done} />}
      {incident.triageNote && <p className="nc-note">{incident.triageNote}</p>}
      {assignee && open && (
        <p className="notice notice--ok">
          {t(incident.status === 'assigned' ? 'nightcare.panel.offeredTo' : 'nightcare.panel.assignedTo', { name: assignee })}
          {incident.status === 'assigned' && incident.offerExpiresAt && ` · ${t('nightcare.panel.offerUntil', { time: formatTime(incident.offerExpiresAt) })}`}
        </p>
      )}
      {open && incident.status === 'received' && <TriageForm key={`${incident.id}-${incident.urgency ?? ''}`} incident={incident} onDone={done} />}
      {/* Once triaged the form folds away: the proposals are what the coordinator needs next. */}
      {open && incident.status === 'triaged' && (
        <details className="nc-section nc-retriage">
          <summary>{t('nightcare.urgency.retriage', { urgency: incident.urgency })}</summary>
          <TriageForm key={`${incident.id}-${incident.urgency ?? ''}`} incident={incident} onDone={done} />
        </details>
      )}
      {open && incident.status === 'triaged' && incident.urgency && <Proposals incident={incident} onDone={done} />}
      {open && !incident.unidentified && <GpReferralForm key={incident.id} incident={incident} onDone={changed} />}
      {open && <CloseActions incident={incident} onDone={done} />}
      {alarmHistory && <AlarmHistory history={alarmHistory} />}
      {report && (
        <details className="nc-section" open>
          <summary>
            <h3 id="report-title">{t('nightcare.panel.report')}</h3>
          </summary>
          <ul>
            {report.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
          <p className="muted">{t('nightcare.panel.minutesOnSite', { minutes: report.minutesOnSite })}</p>
          {report.followUp && <p>{t('nightcare.panel.followUp', { text: report.followUp })}</p>}
          {report.notes && <p>{report.notes}</p>}
        </details>
      )}
      <IncidentDesk incidentId={incident.id} open={open} />
      <details className="nc-section" open>
        <summary>
          <h3 id="history-title">{t('nightcare.panel.history')}</h3>
        </summary>
        <ol className="nc-events" aria-labelledby="history-title">
          {events.map((e) => (
            <EventLine key={e.id} event={e} />
          ))}
        </ol>
      </details>
    </article>
  );
}
