import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiItem } from '../../api/types.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';

type Thread = ApiItem<'GET /api/circles/{clientId}/messages'>;

/** A file as base64 for the JSON body; the server checks its real type and size. */
const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

function MessageForm({ clientId, threadId, label }: { clientId: string; threadId?: string; label: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const attachments = file ? [{ fileName: file.name, contentBase64: await toBase64(file) }] : [];
      await post(`/api/circles/${clientId}/messages`, { text, attachments, ...(threadId ? { threadId } : {}) });
      setText('');
      setFile(null);
      invalidate('GET /api/circles/{clientId}/messages');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <label className="field">
        <span>{label}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} required maxLength={4000} rows={3} />
      </label>
      {!threadId && (
        <label className="field">
          <span>{t('circles.messages.attachment')}</span>
          <input type="file" accept=".pdf,.png,.jpg,.jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      )}
      <button type="submit" className="button">
        {t('circles.messages.send')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
}

function ThreadCard({ thread, clientId }: { thread: Thread; clientId: string }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <ol className="list">
        {thread.messages.map((m) => (
          <li key={m.id}>
            <p>
              <strong>{m.sender}</strong> · {formatDateTime(m.sentAt)}
            </p>
            <p>{m.text}</p>
            {m.attachments.map((a) => (
              <p key={a.id}>
                <a href={`/api/circles/${clientId}/messages/${m.id}/attachments/${a.id}`}>{t('circles.messages.download', { name: a.fileName })}</a>
              </p>
            ))}
          </li>
        ))}
      </ol>
      <MessageForm clientId={clientId} threadId={thread.id} label={t('circles.messages.reply')} />
    </li>
  );
}

/** The circle's messages: threads with replies; mail only says there is something new. */
export function MessagesSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const threads = useApi('GET /api/circles/{clientId}/messages', { path: { clientId } });
  return (
    <section aria-labelledby="circle-messages">
      <h2 id="circle-messages">{t('circles.messages.title')}</h2>
      {threads.state === 'ok' && (threads.data.items.length === 0 ? <p>{t('circles.messages.none')}</p> : <ul className="list">{threads.data.items.map((th) => <ThreadCard key={th.id} thread={th} clientId={clientId} />)}</ul>)}
      <MessageForm clientId={clientId} label={t('circles.messages.new')} />
    </section>
  );
}
