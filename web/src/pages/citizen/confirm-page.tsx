import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, get, post } from '../../api/client.js';
import { CodeField, ErrorSummary } from '../../components/form.js';
import { Loading } from '../../components/status.js';
import { errorMessage, type FieldErrors } from '../../i18n/errors.js';
import { safeNext } from './citizen-session.js';

type LinkState = { state: 'checking' } | { state: 'usable'; secondFactor: boolean } | { state: 'spent' };

/**
 * Step two, opened from the mail. The token is in the address's fragment (never sent to a server).
 * Opening the page only checks the link; the button signs in, so a mail program that opens links to
 * scan them cannot use it up.
 */
export function ConfirmPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const fragment = new URLSearchParams(hash.slice(1));
  const token = fragment.get('token') ?? '';
  const next = safeNext(fragment.get('next'));
  const [link, setLink] = useState<LinkState>({ state: 'checking' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!token) {
      setLink({ state: 'spent' });
      return;
    }
    get<{ secondFactor: boolean }>(`/api/citizen/sign-in/confirm?token=${encodeURIComponent(token)}`).then(
      (answer) => setLink({ state: 'usable', secondFactor: answer.secondFactor }),
      () => setLink({ state: 'spent' }),
    );
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(undefined);
    try {
      await post('/api/citizen/sign-in/confirm', { token, ...(link.state === 'usable' && link.secondFactor ? { totp: code } : {}) });
      void navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED') {
        setErrors({ totp: t('citizen.confirm.wrongCode') });
        codeRef.current?.focus();
      } else if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') setLink({ state: 'spent' });
      else setGeneral(errorMessage(t, error));
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  if (link.state === 'checking') return <Loading />;
  if (link.state === 'spent') {
    return (
      <>
        <h1>{t('citizen.confirm.spentTitle')}</h1>
        <p>{t('citizen.confirm.spent')}</p>
        <Link className="button button--primary button--block" to="/burger/inloggen">
          {t('citizen.confirm.newLink')}
        </Link>
      </>
    );
  }
  return (
    <>
      <h1>{t('citizen.confirm.title')}</h1>
      <p>{t(link.secondFactor ? 'citizen.confirm.introCode' : 'citizen.confirm.intro')}</p>
      <ErrorSummary errors={errors} general={general} labelFor={(p) => (p === 'totp' ? t('citizen.confirm.code') : undefined)} attempt={attempt} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        {link.secondFactor && (
          <CodeField ref={codeRef} path="totp" label={t('citizen.confirm.code')} hint={t('citizen.confirm.codeHint')} errors={errors} value={code} onCode={setCode} />
        )}
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t('citizen.confirm.submit')}
        </button>
      </form>
    </>
  );
}
