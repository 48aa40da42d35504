import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api/client.js';
import { ErrorSummary, TextAreaField } from '../../components/form.js';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../../i18n/errors.js';
import { hasAnyRole, useRoles } from '../../session/session.js';

/** Break-the-glass is for the people who stand at the door at night. */
const EMERGENCY_ROLES = ['nurse', 'coordinator'] as const;

function EmergencyAccessForm({ clientId, onGranted }: { clientId: string; onGranted: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post(`/api/clients/${clientId}/emergency-access`, { reason });
      onGranted();
    } catch (error) {
      const fields = fieldErrorsOf(t, error);
      setErrors(fields);
      setGeneral(Object.keys(fields).length ? undefined : errorMessage(t, error));
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card emergency" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="emergency-title">
      <h2 id="emergency-title">{t('refusal.emergencyTitle')}</h2>
      <p>{t('refusal.emergencyExplain')}</p>
      <ErrorSummary errors={errors} general={general} labelFor={() => t('refusal.reason')} attempt={attempt} />
      <TextAreaField path="reason" label={t('refusal.reason')} hint={t('refusal.reasonHint')} errors={errors} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <button type="submit" className="button button--danger button--block" disabled={busy}>
        {t('refusal.emergencySubmit')}
      </button>
    </form>
  );
}

/** The answer to a refused or unknown client: the same for both, so it never tells whether the client exists. */
export function Refusal({ clientId, onGranted }: { clientId: string; onGranted: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  return (
    <>
      <div className="notice notice--warning" role="alert">
        <h1>{t('refusal.title')}</h1>
        <p>{t('refusal.explain')}</p>
      </div>
      {hasAnyRole(roles, EMERGENCY_ROLES) && <EmergencyAccessForm clientId={clientId} onGranted={onGranted} />}
      <p>
        <Link to="/clients">{t('refusal.back')}</Link>
      </p>
    </>
  );
}
