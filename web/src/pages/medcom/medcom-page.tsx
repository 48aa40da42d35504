import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import type { ApiItem } from '../../api/types.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';
import { SendForm, type Received, type Recipient } from './send-form.js';
import './texts.js';

type Sent = ApiItem<'GET /api/medcom/outbox'>;

/** Matches a message that named no known person, by the person's CPR number; the server checks access and audits it. */
function MatchForm({ message, onMatched }: { message: Received; onMatched: () => void }) {
  const { t } = useTranslation();
  const [cpr, setCpr] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = `cpr-${message.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await post(`/api/medcom/messages/${message.id}/match`, { cpr });
      onMatched();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>{t('medcom.inbox.cpr')}</label>
      <input id={id} value={cpr} onChange={(e) => setCpr(e.target.value)} inputMode="numeric" autoComplete="off" placeholder="ddmmåå-xxxx" />
      <button type="submit" className="button button--secondary button--small">
        {t('medcom.inbox.match')}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}

/** The partner's name for a SOR id where the alliance knows it, else the id itself. */
const peerName = (recipients: Recipient[], sorCode: string | null) => recipients.find((r) => r.sorCode === sorCode)?.name ?? sorCode ?? '';

/** The organisation's sent care messages: whom, what, whether the gateway took it and how the receiver acknowledged it. */
function Outbox({ recipients }: { recipients: Recipient[] }) {
  const { t } = useTranslation();
  const sent = useApi('GET /api/medcom/outbox');
  return (
    <section aria-labelledby="medcom-outbox-title">
      <h2 id="medcom-outbox-title">{t('medcom.outbox.title')}</h2>
      {sent.loading && <Loading />}
      {sent.error && <ErrorNotice error={sent.error} />}
      {sent.data && sent.data.items.length === 0 && <p className="status status--empty">{t('medcom.outbox.empty')}</p>}
      {sent.data && sent.data.items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="medcom-outbox-title" tabIndex={0}>
          <table className="table">
            <caption>{t('medcom.outbox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('medcom.outbox.sent')}</th>
                <th scope="col">{t('medcom.inbox.person')}</th>
                <th scope="col">{t('medcom.outbox.topic')}</th>
                <th scope="col">{t('medcom.outbox.recipient')}</th>
                <th scope="col">{t('medcom.outbox.status')}</th>
                <th scope="col">{t('medcom.inbox.acknowledgement')}</th>
              </tr>
            </thead>
            <tbody>
              {sent.data.items.map((m: Sent) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.client?.name ?? ''}</td>
                  <td>{m.topic ?? t(`medcom.kind.${m.kind}`, { defaultValue: m.kind })}</td>
                  <td>{peerName(recipients, m.peerSorCode)}</td>
                  <td>{t(`medcom.outbox.${m.status}`, { defaultValue: m.status })}</td>
                  <td>{t(`medcom.ack.${m.ackCode ?? 'none'}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The received MedCom messages: what they were, their acknowledgement, whom they concern; a matched care message can be answered. */
function Inbox({ onReply }: { onReply: (message: Received) => void }) {
  const { t } = useTranslation();
  const messages = useApi('GET /api/medcom/messages');
  return (
    <section aria-labelledby="medcom-inbox-title">
      <h2 id="medcom-inbox-title">{t('medcom.inbox.title')}</h2>
      <p>{t('medcom.inbox.intro')}</p>
      {messages.loading && <Loading />}
      {messages.error && <ErrorNotice error={messages.error} />}
      {messages.data && messages.data.items.length === 0 && <p className="status status--empty">{t('medcom.inbox.empty')}</p>}
      {messages.data && messages.data.items.length > 0 && (
        <table className="table">
          <caption>{t('medcom.inbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('medcom.inbox.received')}</th>
              <th scope="col">{t('medcom.inbox.message')}</th>
              <th scope="col">{t('medcom.inbox.acknowledgement')}</th>
              <th scope="col">{t('medcom.inbox.person')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.data.items.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt)}</td>
                <td>
                  {t(`medcom.kind.${m.kind}`, { defaultValue: m.kind })}
                  {m.event && ` (${t(`medcom.event.${m.event}`, { defaultValue: m.event })})`}
                  {m.topic && `: ${m.topic}`}
                </td>
                <td>{t(`medcom.ack.${m.ackCode ?? 'none'}`)}</td>
                <td>
                  {m.client ? m.client.name : <><span>{t('medcom.inbox.notMatched')}</span> <MatchForm message={m} onMatched={messages.reload} /></>}
                  {m.client && m.lateEffects === 'pending' && <><p className="notice notice--warning">{t('medcom.inbox.effectsPending')}</p> <MatchForm message={m} onMatched={messages.reload} /></>}
                  {m.client && m.lateEffects === 'superseded' && <p className="status">{t('medcom.inbox.effectsSuperseded')}</p>}
                  {m.client && m.kind === 'care_communication' && (
                    <button type="button" className="button button--secondary button--small" onClick={() => onReply(m)} aria-label={`${t('medcom.reply')}: ${m.topic ?? ''}, ${m.client.name}`}>
                      {t('medcom.reply')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The organisation's MedCom desk: send (or answer) a care message, the outbox, the inbox. */
function MedcomDesk() {
  const { t } = useTranslation();
  const recipients = useApi('GET /api/medcom/recipients');
  const invalidate = useInvalidate();
  const [replyTo, setReplyTo] = useState<Received | null>(null);
  const [sent, setSent] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  const confirmation = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sent > 0) confirmation.current?.focus();
  }, [sent]);
  const reply = (message: Received) => {
    setReplyTo(message);
    // The form is above the inbox: take the keyboard and the screen reader there.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('textarea')?.focus());
  };
  const onSent = () => {
    setReplyTo(null);
    setSent((n) => n + 1);
    invalidate('GET /api/medcom/outbox');
  };
  return (
    <>
      <h1>{t('medcom.title')}</h1>
      {recipients.loading && <Loading />}
      {recipients.error && <ErrorNotice error={recipients.error} />}
      {sent > 0 && (
        <p className="notice notice--ok" role="status" tabIndex={-1} ref={confirmation}>
          {t('medcom.send.sent')}
        </p>
      )}
      {recipients.data && (
        <div ref={formRef}>
          <SendForm key={`${replyTo?.id ?? 'new'}-${sent}`} recipients={recipients.data.items} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} onSent={onSent} />
        </div>
      )}
      <Outbox recipients={recipients.data?.items ?? []} />
      <Inbox onReply={reply} />
    </>
  );
}

/** MedCom is Danish: the page, its form and its messages speak Danish unless the user chose a language. */
export function MedcomPage() {
  const { i18n } = useTranslation();
  const chosen = localStorage.getItem('sz.language') !== null;
  const danish = useMemo(() => i18n.cloneInstance({ lng: 'da' }), [i18n]);
  const language = chosen ? i18n : danish;
  return (
    <I18nextProvider i18n={language}>
      <div lang={language.language}>
        <MedcomDesk />
      </div>
    </I18nextProvider>
  );
}
