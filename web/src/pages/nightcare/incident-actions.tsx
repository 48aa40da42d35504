import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { Identification } from '../../api/types.js';
import { SelectField, TextAreaField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { ClientSearch } from './client-search.js';
import { formPaths } from './form-paths.js';
import { formatTime } from './format.js';
import { useApi } from '../../api/use-api.js';
import { cancelReasons, incidentReasons, urgencies, type Incident } from './types.js';

const base = (id: string) => `/api/nightcare/incidents/${id}`;
const triagePaths = formPaths('triage');
const cancelPaths = formPaths('cancel');

export function TriageForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('triage');
  const [urgency, setUrgency] = useState(incident.urgency ?? '');
  const [reason, setReason] = useState<string>(incident.reason);
  const [note, setNote] = useState(incident.triageNote ?? '');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => post(`${base(incident.id)}/triage`, { urgency, reason, note: note || undefined }))) onDone(t('nightcare.done.triaged', { urgency }));
  };
  return (
    <form className="form nc-triage" onSubmit={(e) => void send(e)} noValidate aria-labelledby="triage-title">
      <h3 id="triage-title">{t('nightcare.triage.title')}</h3>
      {submit.general && <p className="notice notice--error">{submit.general}</p>}
      <fieldset className="choice nc-urgency-choice">
        <legend>{t('nightcare.fields.urgency')}</legend>
        {urgencies.map((u) => (
          <label key={u} className={`nc-urgency-option nc-urgency-option--${u}`}>
            <input type="radio" name="urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} /> {t(`nightcare.urgencies.${u}`)}
          </label>
        ))}
        {submit.errors.urgency && <p className="field__error">{submit.errors.urgency}</p>}
      </fieldset>
      <SelectField path={triagePaths.path('reason')} label={t('nightcare.fields.reason')} errors={triagePaths.errors(submit.errors)} value={reason} onChange={(e) => setReason(e.target.value)}>
        {incidentReasons.map((r) => (
          <option key={r} value={r}>
            {t(`nightcare.reasons.${r}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField path={triagePaths.path('note')} label={t('nightcare.fields.triageNote')} errors={triagePaths.errors(submit.errors)} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="button button--primary" disabled={submit.busy || !urgency}>
        {t('nightcare.triage.submit')}
      </button>
    </form>
  );
}

/** Ranked nurses: on time with every skill first. One click offers the incident. */
export function Proposals({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const proposals = useApi('GET /api/nightcare/incidents/{id}/proposals', { path: { id: incident.id } });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const assign = async (userId: string, name: string) => {
    setBusy(userId);
    setError(null);
    try {
      await post(`${base(incident.id)}/assign`, { userId });
      onDone(t('nightcare.done.assigned', { name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="proposals-title">
      <h3 id="proposals-title">{t('nightcare.proposals.title')}</h3>
      {error !== null && <ErrorNotice error={error} />}
      {proposals.loading && <Loading />}
      {proposals.error && <ErrorNotice error={proposals.error} />}
      {proposals.data?.items.length === 0 && <p className="muted">{t('nightcare.proposals.none')}</p>}
      {/* No location, no ETA: ask the caller for the address rather than guess a drive. */}
      {incident.latitude === null && <p className="notice notice--warning">{t('nightcare.proposals.locationUnknown')}</p>}
      <ol className="nc-proposals">
        {proposals.data?.items.map((p, index) => (
          <li key={p.userId} className="nc-proposal">
            <div>
              <strong>{p.name}</strong>
              {index === 0 && <span className="badge badge--ok">{t('nightcare.proposals.best')}</span>}
              <p className="muted">
                {p.etaMinutes === null ? (
                  t(`nightcare.proposals.basis.${p.etaBasis}`)
                ) : (
                  <>
                    {t('nightcare.proposals.eta', { minutes: p.etaMinutes })} ({t(`nightcare.proposals.basis.${p.etaBasis}`)})
                    {' · '}
                    {p.withinDeadline ? t('nightcare.proposals.onTime') : <span className="nc-late">{t('nightcare.proposals.late')}</span>}
                  </>
                )}
              </p>
              {p.late.length > 0 && (
                <ul className="nc-late nc-late-visits">
                  {p.late.map((v) => (
                    <li key={v.visitId}>{t('nightcare.proposals.lateVisit', { from: formatTime(v.windowStart), until: formatTime(v.windowEnd), minutes: v.lateMinutes })}</li>
                  ))}
                </ul>
              )}
              {p.missingSkills.length > 0 && (
                <p className="nc-late">{t('nightcare.proposals.missingSkills', { skills: p.missingSkills.map((s) => t(`nightcare.skills.${s}`, { defaultValue: s })).join(', ') })}</p>
              )}
            </div>
            <button type="button" className="button button--primary button--small" disabled={busy !== null} onClick={() => void assign(p.userId, p.name)} aria-label={t('nightcare.proposals.assignTo', { name: p.name })}>
              {t('nightcare.proposals.assign')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function LinkClient({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [client, setClient] = useState<Identification | null>(null);
  const submit = useSubmit();
  const link = async () => {
    if (client && (await submit.run(() => post(`${base(incident.id)}/link-client`, { clientId: client.id })))) onDone(t('nightcare.done.linked'));
  };
  return (
    <details className="nc-link">
      <summary>{t('nightcare.link.title')}</summary>
      {submit.general && <p className="notice notice--error">{submit.general}</p>}
      <ClientSearch chosen={client} onChoose={setClient} purpose={{ incidentId: incident.id }} />
      <button type="button" className="button button--secondary" disabled={!client || submit.busy} onClick={() => void link()}>
        {t('nightcare.link.submit')}
      </button>
    </details>
  );
}

export function CloseActions({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const cancel = useSubmit('cancel');
  const escalate = useSubmit();
  const [reason, setReason] = useState<string>(cancelReasons[0]);
  const [note, setNote] = useState('');
  const [confirm112, setConfirm112] = useState(false);
  const mayCancel = incident.status !== 'on_site';
  const sendCancel = async (event: FormEvent) => {
    event.preventDefault();
    if (await cancel.run(() => post(`${base(incident.id)}/cancel`, { reason, note: note || undefined }))) onDone(t('nightcare.done.cancelled'));
  };
  const send112 = async () => {
    if (await escalate.run(() => post(`${base(incident.id)}/escalate-112`, { note: note || undefined }))) onDone(t('nightcare.done.escalated'));
  };
  return (
    <section className="nc-close" aria-labelledby="close-title">
      <h3 id="close-title">{t('nightcare.close112.title')}</h3>
      <div className="nc-112">
        {escalate.general && <p className="notice notice--error">{escalate.general}</p>}
        {confirm112 ? (
          <div className="notice notice--warning" role="alert">
            <p>{t('nightcare.close112.confirmText')}</p>
            <div className="form__actions">
              <button type="button" className="button button--danger" disabled={escalate.busy} onClick={() => void send112()}>
                {t('nightcare.close112.confirm')}
              </button>
              <button type="button" className="button button--ghost" onClick={() => setConfirm112(false)}>
                {t('nightcare.close112.back')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button--danger" onClick={() => setConfirm112(true)}>
            {t('nightcare.close112.escalate')}
          </button>
        )}
      </div>
      {mayCancel && (
        <form className="form" onSubmit={(e) => void sendCancel(e)} noValidate>
          {cancel.general && <p className="notice notice--error">{cancel.general}</p>}
          <SelectField path={cancelPaths.path('reason')} label={t('nightcare.fields.cancelReason')} errors={cancelPaths.errors(cancel.errors)} value={reason} onChange={(e) => setReason(e.target.value)}>
            {cancelReasons.map((r) => (
              <option key={r} value={r}>
                {t(`nightcare.outcomes.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField path={cancelPaths.path('note')} label={t('nightcare.fields.note')} errors={cancelPaths.errors(cancel.errors)} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
          <button type="submit" className="button button--secondary" disabled={cancel.busy}>
            {t('nightcare.close112.cancel')}
          </button>
        </form>
      )}
    </section>
  );
}
