import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { PublicFrame } from './public-frame.js';

/** The confirmation link from the e-mail: only now does the call reach the network coordinator. */
export function ConfirmPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [title, setTitle] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    post<{ title: string }>('/api/public/networkmap/calls/confirm', { token: params.get('token') ?? '' }).then((r) => setTitle(r.title)).catch(setError);
  }, [params]);
  return (
    <PublicFrame title={t('networkmap.confirm.title')}>
      {error !== undefined && <ErrorNotice error={error}><p>{t('networkmap.confirm.failed')}</p></ErrorNotice>}
      {title === undefined && error === undefined && <Loading />}
      {title !== undefined && (
        <div className="notice notice--success" role="status">
          <p>{t('networkmap.confirm.done', { title })}</p>
        </div>
      )}
    </PublicFrame>
  );
}
