import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api/client.js';
import { useInvalidate } from '../../api/use-api.js';
import { CodeField, ErrorSummary } from '../../components/form.js';
import { QrCode, useQrSvg } from '../../components/qr-code.js';
import { Loading } from '../../components/status.js';
import { errorMessage, type FieldErrors } from '../../i18n/errors.js';

/** Optional extra security: a code from an authenticator app after the link. Off unless the citizen turns it on. */
export function CitizenTotpSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [setup, setSetup] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const qr = useQrSvg(setup?.uri ?? '');

  const start = async () => {
    setGeneral(undefined);
    try {
      setSetup(await post<{ secret: string; uri: string }>('/api/citizen/totp/setup'));
    } catch (error) {
      setGeneral(errorMessage(t, error));
      setAttempt((a) => a + 1);
    }
  };
  const finish = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    try {
      await post('/api/citizen/totp/enable', { code });
      setSetup(undefined);
      invalidate('GET /api/citizen/me');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED') setErrors({ code: t('citizen.confirm.wrongCode') });
      else setGeneral(errorMessage(t, error));
      setAttempt((a) => a + 1);
    }
  };

  return (
    <section aria-labelledby="citizen-totp" className="card">
      <h2 id="citizen-totp">{t('citizen.totp.title')}</h2>
      {enabled ? (
        <p>{t('citizen.totp.on')}</p>
      ) : (
        <>
          <p>{t('citizen.totp.intro')}</p>
          <ErrorSummary errors={errors} general={general} labelFor={(p) => (p === 'code' ? t('citizen.confirm.code') : undefined)} attempt={attempt} />
          {!setup ? (
            <button type="button" className="button button--secondary button--block" onClick={() => void start()}>
              {t('citizen.totp.start')}
            </button>
          ) : (
            <form onSubmit={(e) => void finish(e)} noValidate className="form">
              <p>{t('citizen.totp.scan')}</p>
              {qr.status === 'loading' && <Loading />}
              {qr.status === 'ready' && <QrCode svg={qr.svg} label={t('citizen.totp.qr')} />}
              <p className="secret">{setup.secret}</p>
              <CodeField path="code" label={t('citizen.confirm.code')} hint={t('citizen.confirm.codeHint')} errors={errors} value={code} onCode={setCode} />
              <button type="submit" className="button button--primary button--block">
                {t('citizen.totp.enable')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
