import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import { PublicFrame } from './public-frame.js';

/**
 * The link from the yearly reminder: one button says the initiative still holds. A button, not the
 * opening of the page, so a mail program that follows links to check them verifies nothing.
 */
export function ReverifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [done, setDone] = useState<{ title: string; lastVerifiedOn: string } | undefined>();
  const [error, setError] = useState<unknown>();
  const confirm = () => {
    setError(undefined);
    post<{ title: string; lastVerifiedOn: string }>('/api/public/networkmap/reverify', { token: params.get('token') ?? '' }).then(setDone).catch(setError);
  };
  return (
    <PublicFrame title={t('networkmap.reverify.title')}>
      {error !== undefined && <ErrorNotice error={error}><p>{t('networkmap.reverify.failed')}</p></ErrorNotice>}
      {done ? (
        <div className="notice notice--success" role="status"><p>{t('networkmap.reverify.done', { title: done.title, date: formatDate(done.lastVerifiedOn) })}</p></div>
      ) : (
        <>
          <p>{t('networkmap.reverify.intro')}</p>
          <button type="button" className="button" onClick={confirm}>{t('networkmap.reverify.confirm')}</button>
          <p>{t('networkmap.reverify.changed')}</p>
        </>
      )}
    </PublicFrame>
  );
}
