import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api/client.js';
import { CodeField, ErrorSummary, TextField } from '../../components/form.js';
import { LanguageChoice } from '../../components/language-choice.js';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../../i18n/errors.js';
import { locale } from '../../i18n/format.js';
import { useSession } from '../../session/session.js';

/** "over 30 seconden", "over 5 minuten": how long a throttled login must wait, in the user's language. */
function formatWait(seconds: number): string {
  const relative = new Intl.RelativeTimeFormat(locale(), { numeric: 'always' });
  return seconds < 60 ? relative.format(seconds, 'second') : relative.format(Math.ceil(seconds / 60), 'minute');
}

/** The wait and which limit applies, from the server's RATE_LIMITED answer. */
function throttleOf(error: ApiError): { seconds: number; limit: string } {
  const details = error.details as { retryAfterSeconds?: unknown; limit?: unknown } | undefined;
  return { seconds: typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60, limit: typeof details?.limit === 'string' ? details.limit : 'source' };
}

export function LoginPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(undefined);
    try {
      await post('/api/auth/login', { email, password, ...(needsCode ? { totp } : {}) });
      // The logged-in shell takes over and follows `next` (see app.tsx).
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED') {
        setNeedsCode(true);
        // Focus the new field once it exists.
        setTimeout(() => codeRef.current?.focus(), 0);
      } else if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
        const { seconds, limit } = throttleOf(error);
        setGeneral(t(limit === 'account' ? 'login.throttledAccount' : 'login.throttledSource', { when: formatWait(seconds) }));
        // A delayed account still lets its user in with password and code, so offer the code field.
        if (limit === 'account') setNeedsCode(true);
      } else if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        setGeneral(t('login.wrongCredentials'));
      } else {
        const fields = fieldErrorsOf(t, error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setGeneral(errorMessage(t, error));
      }
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<string, string> = { email: t('login.email'), password: t('login.password'), totp: t('login.code') };

  return (
    <main id="main" className="page page--narrow login">
      <div className="login__top">
        <p className="brand brand--large">{t('app.name')}</p>
        <LanguageChoice />
      </div>
      <h1>{t('login.title')}</h1>
      <ErrorSummary errors={errors} general={general} labelFor={(p) => labels[p]} attempt={attempt} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField path="email" label={labels.email ?? ''} errors={errors} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} readOnly={needsCode} />
        <TextField path="password" label={labels.password ?? ''} errors={errors} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} readOnly={needsCode} />
        {needsCode && (
          <CodeField ref={codeRef} path="totp" label={labels.totp ?? ''} hint={t('login.codeHint')} errors={errors} value={totp} onCode={setTotp} />
        )}
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {needsCode ? t('login.verify') : t('login.submit')}
        </button>
        {needsCode && (
          <button
            type="button"
            className="button button--ghost button--block"
            onClick={() => {
              setNeedsCode(false);
              setTotp('');
              setPassword('');
            }}
          >
            {t('login.otherAccount')}
          </button>
        )}
      </form>
    </main>
  );
}
