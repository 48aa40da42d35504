import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { formatTime } from '../i18n/format.js';
import { ErrorSummary, TextField } from './form.js';
import { ErrorNotice } from './status.js';
import { useSubmit } from './use-submit.js';
import './incident-messages.css';

/**
 * Short texts between the night coordinators and the incident's nurse, on the board's panel and in the
 * nurse app alike. Shown is read: the other side's unread messages are marked read (the sender sees
 * "gelezen"). The live stream's `message` events refetch the list (the pages invalidate it).
 */
export function IncidentMessages({ incidentId, open }: { incidentId: string; open: boolean }) {
  const { t } = useTranslation();
  const messages = useApi('GET /api/nightcare/incidents/{id}/messages', { path: { id: incidentId } });
  const submit = useSubmit();
  const [body, setBody] = useState('');
  const [readError, setReadError] = useState<unknown>(null);
  const items = messages.data?.items ?? [];
  const unreadFromOther = items.some((m) => !m.mine && m.readAt === null);
  const { reload } = messages;
  useEffect(() => {
    if (!unreadFromOther) return;
    post(`/api/nightcare/incidents/${incidentId}/messages/read`).then(reload, setReadError);
  }, [unreadFromOther, incidentId, reload]);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => post(`/api/nightcare/incidents/${incidentId}/messages`, { body }).then(() => undefined))) {
      setBody('');
      reload();
    }
  };
  const path = `msg-${incidentId}.body`;
  const errors = Object.fromEntries(Object.entries(submit.errors).map(([p, m]) => [`msg-${incidentId}.${p}`, m]));
  return (
    <section className="messages" aria-labelledby={`messages-${incidentId}`}>
      <h3 id={`messages-${incidentId}`}>{t('messages.title')}</h3>
      {messages.error && <ErrorNotice error={messages.error} />}
      {readError !== null && <ErrorNotice error={readError} />}
      {messages.data && items.length === 0 && <p className="muted">{t('messages.empty')}</p>}
      <ol className="messages__list" aria-live="polite">
        {items.map((m) => (
          <li key={m.id} className={`messages__item${m.mine ? ' messages__item--mine' : ''}`}>
            <span className="messages__meta">
              {m.authorName} · <time dateTime={m.sentAt}>{formatTime(m.sentAt)}</time>
            </span>
            <span className="messages__body">{m.body}</span>
            {m.mine && <span className="messages__receipt">{m.readAt ? t('messages.read', { time: formatTime(m.readAt) }) : t('messages.unread')}</span>}
          </li>
        ))}
      </ol>
      {open && (
        <form className="messages__form" onSubmit={(e) => void send(e)} noValidate>
          <ErrorSummary errors={errors} general={submit.general} labelFor={() => t('messages.label')} attempt={submit.attempt} />
          <TextField path={path} label={t('messages.label')} errors={errors} value={body} maxLength={500} autoComplete="off" onChange={(e) => setBody(e.target.value)} />
          <button type="submit" className="button button--secondary" disabled={submit.busy || body.trim() === ''}>
            {t('messages.send')}
          </button>
        </form>
      )}
    </section>
  );
}
