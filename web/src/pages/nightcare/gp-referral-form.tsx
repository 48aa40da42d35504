import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { formPaths } from './form-paths.js';
import { urgencies, type Incident } from './types.js';

const paths = formPaths('refer');

/** The coordinator refers the incident to the GP post covering the client's address; the incident stays open. */
export function GpReferralForm({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('refer');
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<string>(incident.urgency ?? 'U3');
  const [summary, setSummary] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The form is replaced by the confirmation, which takes the focus.
  const sent = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sentTo !== null) sent.current?.focus();
  }, [sentTo]);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    let gpPostName = '';
    const ok = await submit.run(async () => {
      ({ gpPostName } = await post<ApiJson<'POST /api/nightcare/incidents/{id}/refer-gp'>>(`/api/nightcare/incidents/${incident.id}/refer-gp`, { reason, urgency, summary }));
    });
    if (ok) {
      setSentTo(gpPostName);
      onDone();
    }
  };
  const errors = paths.errors(submit.errors);
  const labels: Record<string, string> = { reason: t('nightcare.refer.reason'), urgency: t('nightcare.fields.urgency'), summary: t('nightcare.refer.summary') };
  if (sentTo !== null) {
    return (
      <p className="notice notice--ok" role="status" tabIndex={-1} ref={sent}>
        {t('nightcare.refer.sent', { post: sentTo })}
      </p>
    );
  }
  return (
    <form className="form" onSubmit={(e) => void send(e)} noValidate aria-labelledby="refer-title">
      <h3 id="refer-title">{t('nightcare.refer.title')}</h3>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[paths.field(path)]} attempt={submit.attempt} />
      <TextField path={paths.path('reason')} label={labels.reason!} errors={errors} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <SelectField path={paths.path('urgency')} label={labels.urgency!} errors={errors} value={urgency} onChange={(e) => setUrgency(e.target.value)}>
        {urgencies.map((u) => (
          <option key={u} value={u}>
            {t(`nightcare.urgencies.${u}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField path={paths.path('summary')} label={labels.summary!} errors={errors} value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} />
      <button type="submit" className="button button--secondary" disabled={submit.busy}>
        {t('nightcare.refer.submit')}
      </button>
    </form>
  );
}
