import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { CodeField, ErrorSummary } from '../../components/form.js';
import { LanguageChoice } from '../../components/language-choice.js';
import { QrCode, useQrSvg } from '../../components/qr-code.js';
import { Loading } from '../../components/status.js';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../../i18n/errors.js';
import { useSession } from '../../session/session.js';

/** Groups the base32 secret in fours so it can be typed into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/** Copies the secret without the spaces; offered only where the browser allows it (https or localhost). */
function CopySecret({ secret }: { secret: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  if (!window.isSecureContext || !('clipboard' in navigator)) return null;
  return (
    <div className="form__actions">
      <button type="button" className="button button--secondary button--small" onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true), () => setCopied(false))}>
        {t('totp.copy')}
      </button>
      <span role="status" className="muted">
        {copied ? t('totp.copied') : ''}
      </span>
    </div>
  );
}

/** The otpauth URI as a QR code to scan, with the secret beside it as text for those who type it in. */
function SecretStep({ secret, uri }: { secret: string; uri: string }) {
  const { t } = useTranslation();
  const qr = useQrSvg(uri);
  return (
    <li>
      {qr.status === 'failed' ? t('totp.stepSecret') : t('totp.stepScan')}
      {/* Side by side where there is room, the text below the code on a phone. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: '1rem', marginTop: '0.5rem' }}>
        {qr.status === 'loading' && <Loading label={t('totp.qrLoading')} />}
        {qr.status === 'ready' && <QrCode svg={qr.svg} label={t('totp.qr')} />}
        <div style={{ flex: '1 1 10rem', minWidth: 0 }}>
          <p className="secret" aria-label={t('totp.secret')}>
            {grouped(secret)}
          </p>
          <CopySecret secret={secret} />
        </div>
      </div>
      <details>
        <summary>{t('totp.showUri')}</summary>
        <p className="secret secret--small">{uri}</p>
      </details>
    </li>
  );
}

export function TotpSetupPage() {
  const { t } = useTranslation();
  const { refresh, logout } = useSession();
  const [setup, setSetup] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  const fail = (error: unknown) => {
    const fields = fieldErrorsOf(t, error);
    setErrors(fields);
    setGeneral(Object.keys(fields).length ? undefined : errorMessage(t, error));
    setAttempt((a) => a + 1);
  };

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await post<{ secret: string; uri: string }>('/api/auth/totp/setup'));
      setErrors({});
      setGeneral(undefined);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const enable = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post('/api/auth/totp/enable', { code });
      await refresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="page page--narrow">
      <div className="login__top">
        <p className="brand brand--large">{t('app.name')}</p>
        <LanguageChoice />
      </div>
      <h1>{t('totp.title')}</h1>
      <p>{t('totp.why')}</p>
      <ErrorSummary errors={errors} general={general} labelFor={() => t('totp.code')} attempt={attempt} />
      {!setup ? (
        <button type="button" className="button button--primary button--block" onClick={() => void start()} disabled={busy}>
          {t('totp.start')}
        </button>
      ) : (
        <>
          <ol className="steps">
            <li>{t('totp.stepApp')}</li>
            <SecretStep secret={setup.secret} uri={setup.uri} />
            <li>{t('totp.stepCode')}</li>
          </ol>
          <form onSubmit={(e) => void enable(e)} noValidate className="form">
            <CodeField path="code" label={t('totp.code')} errors={errors} value={code} onCode={setCode} />
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t('totp.enable')}
            </button>
          </form>
        </>
      )}
      <button type="button" className="button button--ghost button--block" onClick={() => void logout()}>
        {t('layout.logout')}
      </button>
    </main>
  );
}
