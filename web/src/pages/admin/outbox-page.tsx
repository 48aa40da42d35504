import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';

/**
 * What the platform mailed for the acting alliance. Without a mail server this is the only delivery
 * (the demo): the administrator reads the mail, sign-in links included, here.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useApi('GET /api/mail/outbox');
  const mail = outbox.state === 'ok' ? outbox.data.mail : [];
  const onlyStored = mail.some((m) => m.transport === 'outbox');
  return (
    <section className="page">
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      {onlyStored && <p className="notice notice--warning">{t('outbox.introOutbox')}</p>}
      {outbox.state === 'error' && <ErrorNotice error={outbox.error} />}
      {outbox.loading && <Loading />}
      {outbox.state === 'ok' && mail.length === 0 && <Empty>{t('outbox.empty')}</Empty>}
      <ul className="stack">
        {mail.map((m) => (
          <li key={m.id} className="card">
            <details>
              <summary>
                <strong>{m.subject}</strong> · {t('outbox.to')} {m.recipient} · {formatDateTime(m.createdAt)} · {t(`outbox.status.${m.status}`)}
              </summary>
              <pre className="outbox__body">{m.bodyText}</pre>
              {m.error && <p className="notice notice--error">{m.error}</p>}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
