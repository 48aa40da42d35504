import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api/client.js';
import { Empty } from '../../components/status.js';
import { ActionStatus } from './action-button.js';
import { OfferCountdown, useOfferOpen } from './countdown.js';
import { formatTime } from './format.js';
import { ClientLine, StatusBadge, UrgencyBadge } from './incident-summary.js';
import { incidentUrl, reached } from './nurse-api.js';
import type { NurseIncident } from './types.js';
import { useAction } from './use-action.js';

/** An open offer: big, highlighted, with the time left to answer and both answers one tap away. */
function OfferCard({ incident, onAnswered }: { incident: NurseIncident; onAnswered: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAction();
  const decline = useAction();
  const expired = !useOfferOpen(incident.offerExpiresAt);
  const busy = accept.busy || decline.busy;
  const url = incidentUrl(incident.id);

  const onAccept = async () => {
    const result = await accept.run(() => post(`${url}/accept`), { alreadyDone: reached(incident.id, ['accepted', 'en_route', 'on_site']) });
    if (result.ok) void navigate(`/nurse/incidents/${incident.id}`);
    else onAnswered();
  };
  const onDecline = async () => {
    await decline.run(() => post(`${url}/decline`), { alreadyDone: reached(incident.id, ['gone']) });
    onAnswered();
  };

  return (
    <li className="card nurse-offer" aria-labelledby={`offer-${incident.id}`}>
      <p className="nurse-offer__flag">{t('nurseApp.list.newOffer')}</p>
      <div className="nurse-incident__head">
        <UrgencyBadge urgency={incident.urgency} />
        <h3 id={`offer-${incident.id}`} className="nurse-incident__reason">
          <Link to={`/nurse/incidents/${incident.id}`}>{t(`nurseApp.reasons.${incident.reason}`, { defaultValue: incident.reason })}</Link>
        </h3>
      </div>
      <ClientLine incident={incident} />
      {incident.triageNote && <p className="nurse-note">{incident.triageNote}</p>}
      <OfferCountdown expiresAt={incident.offerExpiresAt} />
      <div className="nurse-offer__actions">
        <button type="button" className="button button--primary nurse-offer__accept" disabled={busy || expired} aria-busy={accept.busy} onClick={() => void onAccept()}>
          {accept.busy && <span className="spinner" aria-hidden="true" />}
          {t('nurseApp.actions.accept')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy || expired} aria-busy={decline.busy} onClick={() => void onDecline()}>
          {decline.busy && <span className="spinner" aria-hidden="true" />}
          {t('nurseApp.actions.decline')}
        </button>
      </div>
      <ActionStatus state={accept.state.phase !== 'idle' ? accept.state : decline.state} />
    </li>
  );
}

function IncidentRow({ incident }: { incident: NurseIncident }) {
  const { t } = useTranslation();
  return (
    <li className="card nurse-incident">
      <Link to={`/nurse/incidents/${incident.id}`} className="nurse-incident__link">
        <span className="nurse-incident__head">
          <UrgencyBadge urgency={incident.urgency} />
          <span className="nurse-incident__reason">{t(`nurseApp.reasons.${incident.reason}`, { defaultValue: incident.reason })}</span>
          <StatusBadge status={incident.status} />
        </span>
        <ClientLine incident={incident} />
        <span className="nurse-incident__meta">{t('nurseApp.list.receivedAt', { time: formatTime(incident.receivedAt) })}</span>
      </Link>
    </li>
  );
}

/** Offers first (they expire), then the incidents in hand, oldest first. */
export function IncidentList({ incidents, onChanged }: { incidents: NurseIncident[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const offers = incidents.filter((i) => i.status === 'assigned');
  const inHand = incidents.filter((i) => i.status !== 'assigned');
  if (incidents.length === 0) return <Empty>{t('nurseApp.list.empty')}</Empty>;
  return (
    <ul className="stack nurse-list">
      {offers.map((incident) => (
        <OfferCard key={incident.id} incident={incident} onAnswered={onChanged} />
      ))}
      {inHand.map((incident) => (
        <IncidentRow key={incident.id} incident={incident} />
      ))}
    </ul>
  );
}
