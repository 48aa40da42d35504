import { useTranslation } from 'react-i18next';
import { Empty, ErrorNotice } from '../../components/status.js';
import { useNow } from '../../components/use-now.js';
import { formatTime } from './format.js';
import { useApi } from '../../api/use-api.js';
import './roster.css';

/** The board's call-back list: who to phone back, soonest first; an overdue one stands out. */
export function CallBackList({ onSelect }: { onSelect: (incidentId: string) => void }) {
  const { t } = useTranslation();
  const list = useApi('GET /api/nightcare/call-backs');
  // A call-back becomes overdue by the clock, not by a change: the list re-reads the time each half minute.
  const now = useNow(30_000);
  const items = list.data?.items ?? [];
  const overdue = items.filter((c) => new Date(c.dueAt).getTime() <= now).length;
  return (
    <section className="card nc-call-backs" aria-labelledby="call-backs-title">
      <h2 id="call-backs-title" className="nc-section-title">
        {t('callBacks.title')}
        {overdue > 0 && (
          <>
            {' '}
            <span className="badge badge--warn">{t('callBacks.overdueCount', { count: overdue })}</span>
          </>
        )}
      </h2>
      {list.error && <ErrorNotice error={list.error} />}
      {list.data && items.length === 0 && <Empty>{t('callBacks.empty')}</Empty>}
      <ul className="nc-list">
        {items.map((c) => {
          const late = new Date(c.dueAt).getTime() <= now;
          return (
            <li key={c.id} className={`nc-call-back${late ? ' nc-call-back--overdue' : ''}`}>
              <span>
                <strong>{c.name}</strong> <span className="muted">· {t(`callBacks.parties.${c.party}`)}</span>
                <br />
                <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a> ·{' '}
                {late ? <strong className="nc-call-back__late">{t('callBacks.overdueSince', { time: formatTime(c.dueAt) })}</strong> : <span>{t('callBacks.due', { time: formatTime(c.dueAt) })}</span>}
              </span>
              <button type="button" className="button button--secondary button--small" onClick={() => onSelect(c.incidentId)}>
                {t('callBacks.open')}
                <span className="visually-hidden"> {c.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
