import { useTranslation } from 'react-i18next';
import type { NurseIncident } from './types.js';

/** Urgency as a coloured badge: U1 red … U5 grey, with the text so colour is never the only cue. */
export function UrgencyBadge({ urgency }: { urgency: string | null }) {
  const { t } = useTranslation();
  if (!urgency) return null;
  return (
    <span className={`nurse-urgency nurse-urgency--${urgency.toLowerCase()}`} title={t(`nurseApp.urgency.${urgency}`)}>
      {urgency}
      <span className="visually-hidden"> {t(`nurseApp.urgency.${urgency}`)}</span>
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge nurse-status nurse-status--${status}`}>{t(`nurseApp.status.${status}`)}</span>;
}

/** Who and where, as far as the nurse may know: the client's identification or "unidentified". */
export function ClientLine({ incident }: { incident: NurseIncident }) {
  const { t } = useTranslation();
  const c = incident.client;
  // Not linked yet, or linked but no longer shown to this nurse (the incident closed, access ended).
  if (!c) return <p className="nurse-client nurse-client--unknown">{t(incident.unidentified ? 'nurseApp.incident.unidentified' : 'nurseApp.incident.clientHidden')}</p>;
  return (
    <p className="nurse-client">
      <span className="nurse-client__name">
        {c.givenName} {c.familyName}
      </span>
      <span className="nurse-client__address">
        {c.street} {c.houseNumber}, {c.city}
      </span>
    </p>
  );
}
