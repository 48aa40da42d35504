import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { formatTime } from './format.js';
import { useApi } from '../../api/use-api.js';
import { useLiveStream } from '../../api/use-live-stream.js';
import type { HandoverIncident } from './types.js';
import { UrgencyBadge } from './urgency-badge.js';
import './nightcare.css';

function HandoverCard({ incident, zone }: { incident: HandoverIncident; zone: string }) {
  const { t } = useTranslation();
  const c = incident.client;
  return (
    <li className="card">
      <div className="nc-card-head">
        <h3>
          <UrgencyBadge urgency={incident.urgency} /> {c.givenName} {c.familyName}
        </h3>
        <span className={`badge nc-status nc-status--${incident.status}`}>
          {incident.outcome ? t(`nightcare.outcomes.${incident.outcome}`, { defaultValue: incident.outcome }) : t(`nightcare.statuses.${incident.status}`)}
        </span>
      </div>
      <p className="muted">
        {t('nightcare.clientSearch.born', { date: formatDate(c.dateOfBirth) })} · {c.street} {c.houseNumber}, {c.city}
      </p>
      {incident.neverAttended && <p className="notice notice--warning">{t('nightcare.handover.neverAttended')}</p>}
      {incident.receivedBeforeShift && <p className="muted">{t('nightcare.handover.receivedBefore', { time: formatTime(incident.receivedAt, zone) })}</p>}
      <dl className="pairs">
        <dt>{t('nightcare.fields.reason')}</dt>
        <dd>{t(`nightcare.reasons.${incident.reason}`, { defaultValue: incident.reason })}</dd>
        <dt>{t('nightcare.handover.times')}</dt>
        <dd>
          {t('nightcare.handover.timeline', { received: formatTime(incident.receivedAt, zone), onSite: incident.onSiteAt ? formatTime(incident.onSiteAt, zone) : '—', closed: incident.closedAt ? formatTime(incident.closedAt, zone) : '—' })}
        </dd>
        {incident.nurse && (
          <>
            <dt>{t('nightcare.handover.nurse')}</dt>
            <dd>
              {incident.nurse.name}
              {incident.nurse.organisationName && <span className="muted"> · {incident.nurse.organisationName}</span>}
            </dd>
          </>
        )}
      </dl>
      {incident.report && (
        <>
          <h4>{t('nightcare.panel.report')}</h4>
          <ul>
            {incident.report.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
          <p className="muted">{t('nightcare.panel.minutesOnSite', { minutes: incident.report.minutesOnSite })}</p>
          {incident.report.notes && <p className="nc-note">{incident.report.notes}</p>}
        </>
      )}
      {incident.gpReferrals.map((r, i) => (
        <p key={i} className="notice">
          {t('nightcare.handover.gpReferral', { post: r.gpPostName, time: formatTime(r.sentAt, zone) })}
          {r.answer && ` ${t('nightcare.handover.gpAnswer', { outcome: t(`nightcare.referrals.outcomes.${r.outcome ?? 'no_action'}`, { defaultValue: r.outcome ?? '' }), answer: r.answer })}`}
        </p>
      ))}
    </li>
  );
}

/** The morning handover: last night's incidents of the organisation's own clients, for the day team. */
export function HandoverPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const night = params.get('night') ?? undefined;
  const handover = useApi('GET /api/nightcare/handovers', { query: { night } });
  const { reload } = handover;
  useLiveStream('/api/nightcare/handovers/stream', reload);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (handover.loading) return <Loading />;
  if (handover.error || !handover.data) return <ErrorNotice error={handover.error} />;
  const h = handover.data;
  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/nightcare/handovers/${h.night}/acknowledge`);
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nc-handover">
      <div className="page__head">
        <h1>{t('nightcare.handover.title', { date: formatDate(h.night) })}</h1>
        <a className="button button--secondary" href={`/api/nightcare/handovers/${h.night}/pdf`} target="_blank" rel="noopener">
          {t('nightcare.handover.pdf')}
        </a>
      </div>
      <p className="muted">
        {h.organisationName} · {t('nightcare.handover.shift', { from: formatDateTime(h.shiftStart, h.timeZone), to: formatDateTime(h.shiftEnd, h.timeZone) })}
      </p>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="handover-night">{t('nightcare.handover.night')}</label>
          <input id="handover-night" type="date" value={h.night} onChange={(e) => setParams(e.target.value ? { night: e.target.value } : {})} />
        </div>
      </form>
      {h.overdue && (
        <div className="notice notice--error" role="alert">
          <p>{t('nightcare.handover.overdue', { time: formatDateTime(h.dueAt, h.timeZone) })}</p>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {h.acknowledgedAt ? (
        <p className="notice notice--ok">{t('nightcare.handover.acknowledged', { name: h.acknowledgedBy?.name ?? '—', time: formatDateTime(h.acknowledgedAt, h.timeZone) })}</p>
      ) : h.shiftEnded ? (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void acknowledge()}>
          {t('nightcare.handover.acknowledge')}
        </button>
      ) : (
        <p className="notice">{t('nightcare.handover.notEnded')}</p>
      )}
      <section aria-labelledby="followups-title">
        <h2 id="followups-title" className="section-title">
          {t('nightcare.handover.followUps', { count: h.followUps.length })}
        </h2>
        {h.followUps.length === 0 ? (
          <p className="muted">{t('nightcare.handover.noFollowUps')}</p>
        ) : (
          <ul className="nc-cards nc-followups">
            {h.followUps.map((f) => (
              <li key={f.incidentId} className="card">
                <strong>{f.clientName}</strong>: {f.followUp}
              </li>
            ))}
          </ul>
        )}
      </section>
      {h.respiteSuggestions.length > 0 && (
        <section aria-labelledby="respite-suggestions-title">
          <h2 id="respite-suggestions-title" className="section-title">
            {t('respiteLink.title')}
          </h2>
          <ul className="nc-cards">
            {h.respiteSuggestions.map((s) => (
              <li key={s.clientId} className="card">
                <strong>{s.clientName}</strong>: {s.reasons.map((r) => t(`respiteLink.reasons.${r}`, { count: s.alarmsThisWeek })).join(' ')}{' '}
                {s.respiteAlliance ? t('respiteLink.where', { alliance: s.respiteAlliance.name }) : t('respiteLink.ask')}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="handover-incidents-title">
        <h2 id="handover-incidents-title" className="section-title">
          {t('nightcare.handover.incidents', { count: h.incidents.length })}
        </h2>
        {h.incidents.length === 0 ? (
          <Empty>{t('nightcare.handover.none')}</Empty>
        ) : (
          <ul className="nc-cards">
            {h.incidents.map((i) => (
              <HandoverCard key={i.id} incident={i} zone={h.timeZone} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
