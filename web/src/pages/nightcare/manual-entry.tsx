import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson, Identification } from '../../api/types.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { ClientSearch } from './client-search.js';
import { formPaths } from './form-paths.js';
import { incidentReasons, urgencies } from './types.js';

const paths = formPaths('manual');

/** A phone call entered by hand: linked to a client from the identification index, or left unidentified. */
export function ManualEntry({ onCreated, onClose }: { onCreated: (incidentId: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('manualIncident');
  const [client, setClient] = useState<Identification | null>(null);
  const [reason, setReason] = useState('personal_emergency');
  const [urgency, setUrgency] = useState('');
  const [callerName, setCallerName] = useState('');
  const [note, setNote] = useState('');

  const send = async (event: FormEvent) => {
    event.preventDefault();
    let incidentId = '';
    const ok = await submit.run(async () => {
      const body = { clientId: client?.id, reason, urgency: urgency || undefined, callerName: callerName || undefined, note: note || undefined };
      incidentId = (await post<ApiJson<'POST /api/nightcare/incidents'>>('/api/nightcare/incidents', body)).incidentId;
    });
    if (ok) onCreated(incidentId);
  };
  const errors = paths.errors(submit.errors);
  const labels: Record<string, string> = { reason: t('nightcare.fields.reason'), urgency: t('nightcare.fields.urgency'), callerName: t('nightcare.fields.callerName'), note: t('nightcare.fields.note') };

  return (
    <section className="card nc-manual" aria-labelledby="manual-title">
      <div className="page__head">
        <h2 id="manual-title">{t('nightcare.manual.title')}</h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t('nightcare.close')}
        </button>
      </div>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[paths.field(path)]} attempt={submit.attempt} />
      <form className="form" onSubmit={(e) => void send(e)} noValidate>
        <ClientSearch chosen={client} onChoose={setClient} purpose={{ phoneCall: true }} />
        <div className="grid-2">
          <SelectField path={paths.path('reason')} label={labels.reason!} errors={errors} value={reason} onChange={(e) => setReason(e.target.value)}>
            {incidentReasons.map((r) => (
              <option key={r} value={r}>
                {t(`nightcare.reasons.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField path={paths.path('urgency')} label={labels.urgency!} hint={t('nightcare.manual.urgencyHint')} errors={errors} value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            <option value="">{t('nightcare.manual.triageLater')}</option>
            {urgencies.map((u) => (
              <option key={u} value={u}>
                {t(`nightcare.urgencies.${u}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField path={paths.path('callerName')} label={labels.callerName!} errors={errors} value={callerName} onChange={(e) => setCallerName(e.target.value)} autoComplete="off" />
        <TextAreaField path={paths.path('note')} label={labels.note!} errors={errors} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {t('nightcare.manual.submit')}
        </button>
      </form>
    </section>
  );
}
