import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import type { ApiJson } from '../../api/types.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';

type Message = ApiJson<'GET /api/medcom/messages'>['items'][number];

/** MedCom is Danish: the page speaks Danish unless the user chose a language. */
function useMedcomT() {
  const { t, i18n } = useTranslation();
  const chosen = localStorage.getItem('sz.language') !== null;
  return { t: chosen ? t : i18n.getFixedT('da'), lang: chosen ? i18n.language : 'da' };
}

/** Matches a message that named no known person, by the person's CPR number; the server checks access and audits it. */
function MatchForm({ message, onMatched }: { message: Message; onMatched: () => void }) {
  const { t } = useMedcomT();
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

/** The organisation's received MedCom messages: what they were, their acknowledgement, and whom they concern. */
export function MedcomPage() {
  const { t, lang } = useMedcomT();
  const messages = useApi('GET /api/medcom/messages');
  if (messages.loading) return <Loading />;
  return (
    <div lang={lang}>
      <h1>{t('medcom.inbox.title')}</h1>
      <p>{t('medcom.inbox.intro')}</p>
      {messages.error && <ErrorNotice error={messages.error} />}
      {messages.data?.items.length ? (
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
                </td>
                <td>{t(`medcom.ack.${m.ackCode ?? 'none'}`)}</td>
                <td>{m.client ? m.client.name : <><span>{t('medcom.inbox.notMatched')}</span> <MatchForm message={m} onMatched={messages.reload} /></>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="status status--empty">{t('medcom.inbox.empty')}</p>
      )}
    </div>
  );
}
