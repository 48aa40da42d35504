import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import './networkmap.css';

interface QueueItem {
  id: string;
  title: string;
  summary: string;
  status: string;
  status_reason: string;
  municipality: string;
  network: string;
  partner_names: string;
  contact_name: string;
  contact_email: string;
  contact_publish: boolean;
  wants_support: boolean;
}

const DECISIONS = { network: ['accept', 'escalate', 'ask_changes', 'reject'], national: ['accept', 'ask_changes', 'reject'] } as const;

/** The network coordinator's (or national body's) queue: accept, send on, ask for changes or reject with a reason. */
export function ModerationPage() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<{ level: 'network' | 'national'; items: QueueItem[] } | undefined>();
  const [error, setError] = useState<unknown>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | undefined>();
  const load = useCallback(() => {
    get<{ level: 'network' | 'national'; items: QueueItem[] }>('/api/networkmap/moderation').then(setQueue).catch(setError);
  }, []);
  useEffect(load, [load]);
  const decide = async (item: QueueItem, decision: string) => {
    setError(undefined);
    try {
      await post(`/api/networkmap/initiatives/${item.id}/decision`, { decision, reason: reasons[item.id] ?? '' });
      setDone(t(`networkmap.moderation.done.${decision}`, { title: item.title }));
      load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main className="page networkmap" id="main">
      <h1>{t('networkmap.moderation.title')}</h1>
      {done && <p className="notice notice--success" role="status">{done}</p>}
      {error !== undefined && <ErrorNotice error={error} />}
      {!queue && error === undefined && <Loading />}
      {queue?.items.length === 0 && <p>{t('networkmap.moderation.empty')}</p>}
      <ul className="networkmap-list">
        {queue?.items.map((item) => (
          <li key={item.id}>
            <h2>{item.title}</h2>
            <p className="networkmap-meta">{item.municipality} · {item.network} · {t(`networkmap.status.${item.status}`)}</p>
            <p>{item.summary}</p>
            <p>{t('networkmap.moderation.partners', { partners: item.partner_names || '–' })}</p>
            <p>{t('networkmap.moderation.contact', { name: item.contact_name, email: item.contact_email })} {item.contact_publish ? t('networkmap.moderation.publish') : t('networkmap.moderation.noPublish')}</p>
            {item.wants_support && <p className="notice">{t('networkmap.moderation.wantsSupport')}</p>}
            {(item.status === 'submitted' || (queue.level === 'national' && item.status === 'national_review')) && (
              <>
                <div className="field">
                  <label htmlFor={`reason-${item.id}`}>{t('networkmap.moderation.reason')}</label>
                  <textarea id={`reason-${item.id}`} rows={2} value={reasons[item.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [item.id]: e.target.value })} />
                </div>
                <div className="networkmap-actions">
                  {DECISIONS[queue.level].map((d) => (
                    <button key={d} type="button" className={`button${d === 'accept' ? ' button--primary' : ''}`} onClick={() => void decide(item, d)}>{t(`networkmap.moderation.decision.${d}`)}</button>
                  ))}
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
