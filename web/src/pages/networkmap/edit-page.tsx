import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post, put } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { InitiativeForm, readForm, type InitiativeValues } from './initiative-form.js';
import { PublicFrame } from './public-frame.js';
import { useMunicipalities } from './use-municipalities.js';

/** The submitter's private link: their own text, contact included; saving uses the link up and mails a new one. */
export function EditPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { municipalities } = useMunicipalities();
  const [own, setOwn] = useState<(InitiativeValues & { status: string; statusReason: string }) | undefined>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    post<InitiativeValues & { status: string; statusReason: string }>('/api/public/networkmap/own', { token }).then(setOwn).catch(setError);
  }, [token]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The private link needs no honeypot: the server's edit body has no such field.
    const values: Partial<ReturnType<typeof readForm>> = readForm(event.currentTarget);
    delete values.website;
    setBusy(true);
    try {
      await put('/api/public/networkmap/own', { ...values, token });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicFrame title={t('networkmap.edit.title')}>
      {error !== undefined && <ErrorNotice error={error}><p>{t('networkmap.edit.failed')}</p></ErrorNotice>}
      {saved && <div className="notice notice--success" role="status"><p>{t('networkmap.edit.saved')}</p></div>}
      {!saved && own && municipalities && (
        <>
          <p>{t(`networkmap.status.${own.status}`)}</p>
          {own.statusReason && <p className="notice">{t('networkmap.edit.reason', { reason: own.statusReason })}</p>}
          <InitiativeForm municipalities={municipalities} initial={own} busy={busy} submitLabel={t('networkmap.edit.save')} onSubmit={(e) => void submit(e)} />
        </>
      )}
      {!own && error === undefined && <Loading />}
    </PublicFrame>
  );
}
