import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.js';
import { SelectField, TextAreaField, TextField } from '../../components/form.js';
import { ActionStatus } from './action-button.js';
import { formErrors } from './field-errors.js';
import { formatTime } from './format.js';
import { incidentUrl, reached } from './nurse-api.js';
import { urgencies, type GpReferralResult, type IncidentDetail, type IncidentEvent, type NurseIncident } from './types.js';
import { useAction } from './use-action.js';

const referralCount = (events: IncidentEvent[]) => events.filter((e) => e.type === 'gp_referral').length;

/** Referral to the GP post covering the client's address; the incident stays with the nurse. */
function GpReferralForm({ incident, events, onSent }: { incident: NurseIncident; events: IncidentEvent[]; onSent: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<string>(incident.urgency ?? 'U3');
  const [summary, setSummary] = useState('');
  const [sent, setSent] = useState<(Pick<GpReferralResult, 'gpPostName'> & { at: string }) | null>(null);
  const errors = action.state.phase === 'failed' ? formErrors(t, action.state.error, 'gp') : {};
  const before = referralCount(events);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A lost answer must not become a second referral: before repeating, look whether the first arrived.
    const arrived = async () => referralCount((await get<IncidentDetail>(incidentUrl(incident.id))).events) > before;
    const result = await action.run(() => post<GpReferralResult>(`${incidentUrl(incident.id)}/refer-gp`, { reason, urgency, summary }), { alreadyDone: arrived });
    if (!result.ok) return;
    setSent(result.value ? { gpPostName: result.value.gpPostName, at: new Date().toISOString() } : { gpPostName: '', at: new Date().toISOString() });
    onSent();
  };

  if (sent) {
    return (
      <div className="notice notice--ok" role="status">
        <p>{sent.gpPostName ? t('nurseApp.gp.sent', { post: sent.gpPostName, time: formatTime(sent.at) }) : t('nurseApp.gp.sentNoName')}</p>
      </div>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField path="reason" label={t('nurseApp.gp.reason')} hint={t('nurseApp.gp.reasonHint')} errors={errors} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <SelectField path="urgency" label={t('nurseApp.gp.urgency')} errors={errors} value={urgency} onChange={(e) => setUrgency(e.target.value)}>
        {urgencies.map((u) => (
          <option key={u} value={u}>
            {u} · {t(`nurseApp.urgency.${u}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField path="summary" label={t('nurseApp.gp.summary')} hint={t('nurseApp.gp.summaryHint')} errors={errors} value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} rows={4} />
      <button type="submit" className="button button--secondary button--block" disabled={action.busy} aria-busy={action.busy}>
        {action.busy && <span className="spinner" aria-hidden="true" />}
        {t('nurseApp.gp.submit')}
      </button>
      <ActionStatus state={Object.keys(errors).length ? { phase: 'idle' } : action.state} />
    </form>
  );
}

/** Hand-over to 112 closes the incident for the night team, so it asks once more before sending. */
function Escalate112({ incident, onDone }: { incident: NurseIncident; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() => post(`${incidentUrl(incident.id)}/escalate-112`, note.trim() ? { note } : {}), { alreadyDone: reached(incident.id, ['escalated']) });
    if (result.ok) onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('nurseApp.escalate.explain')}</p>
      <a className="button button--danger button--block nurse-call112" href="tel:112">
        {t('nurseApp.escalate.call')}
      </a>
      <TextAreaField path="note" label={t('nurseApp.escalate.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      <button type="submit" className="button button--danger button--block" disabled={action.busy} aria-busy={action.busy}>
        {action.busy && <span className="spinner" aria-hidden="true" />}
        {t('nurseApp.escalate.submit')}
      </button>
      <ActionStatus state={action.state} />
    </form>
  );
}

/** The two ways up: the GP post (incident stays open) and 112 (the ambulance service takes over). */
export function EscalationCard({ incident, events, onChanged }: { incident: NurseIncident; events: IncidentEvent[]; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card nurse-escalation" aria-labelledby="escalation-title">
      <h2 id="escalation-title">{t('nurseApp.escalate.title')}</h2>
      {incident.client && (
        <details className="nurse-details">
          <summary>{t('nurseApp.gp.title')}</summary>
          <GpReferralForm incident={incident} events={events} onSent={onChanged} />
        </details>
      )}
      <details className="nurse-details nurse-details--danger">
        <summary>{t('nurseApp.escalate.open')}</summary>
        <Escalate112 incident={incident} onDone={onChanged} />
      </details>
    </section>
  );
}
