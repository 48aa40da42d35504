import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api/client.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../../i18n/errors.js';

/** Step one: the citizen types their e-mail address and gets a link; the answer never says whether an account exists. */
export function SignInPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(undefined);
    try {
      await post('/api/citizen/sign-in', { email });
      setSentTo(email);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'RATE_LIMITED') setGeneral(t('citizen.signIn.tooMany'));
      else {
        const fields = fieldErrorsOf(t, error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setGeneral(errorMessage(t, error));
      }
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <section aria-labelledby="check-mail">
        <h1 id="check-mail" tabIndex={-1} ref={(el) => el?.focus()}>
          {t('citizen.checkMail.title')}
        </h1>
        <p>{t('citizen.checkMail.sent', { email: sentTo })}</p>
        <p>{t('citizen.checkMail.valid')}</p>
        <p>{t('citizen.checkMail.nothing')}</p>
        <button type="button" className="button button--ghost button--block" onClick={() => setSentTo(undefined)}>
          {t('citizen.checkMail.again')}
        </button>
      </section>
    );
  }

  return (
    <>
      <h1>{t('citizen.signIn.title')}</h1>
      <p>{t('citizen.signIn.intro')}</p>
      <ErrorSummary errors={errors} general={general} labelFor={(p) => (p === 'email' ? t('citizen.signIn.email') : undefined)} attempt={attempt} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField path="email" label={t('citizen.signIn.email')} errors={errors} type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t('citizen.signIn.submit')}
        </button>
      </form>
      <p className="citizen__note">{t('citizen.signIn.noPassword')}</p>
    </>
  );
}
