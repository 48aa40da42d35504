import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { formatTime } from './format.js';
import { useApi } from '../../api/use-api.js';
import './roster.css';

/**
 * Tonight's nurses at a glance: who signed up, from which organisation, what each is doing now, the
 * next planned visit and the night's workload; and, before and during the night, a warning when fewer
 * signed up than the alliance's minimum.
 */
export function RosterSection() {
  const { t } = useTranslation();
  const roster = useApi('GET /api/nightcare/roster');
  const data = roster.data;
  return (
    <section className="card nc-roster" aria-labelledby="roster-title">
      <h2 id="roster-title" className="nc-section-title">
        {t('roster.title')}
        {data && <span className="muted nc-roster__shift"> · {t('roster.shift', { start: formatTime(data.shift.startsAt), end: formatTime(data.shift.endsAt) })}</span>}
      </h2>
      {roster.error && <ErrorNotice error={roster.error} />}
      {data?.staffing.short && (
        <p className="notice notice--warning nc-roster__warning" role="alert">
          <strong>{t('roster.short', { signedUp: data.staffing.signedUp, minimum: data.staffing.minimum })}</strong>
        </p>
      )}
      {data && (
        <p className="muted nc-roster__minimum">
          {t('roster.minimum', { minimum: data.staffing.minimum })}{' '}
          {data.staffing.minimum === data.staffing.defaultMinimum ? t('roster.minimumDefault') : t('roster.minimumSet', { default: data.staffing.defaultMinimum })}
        </p>
      )}
      {data && data.nurses.length === 0 && <p className="muted">{t('roster.empty')}</p>}
      {data && data.nurses.length > 0 && (
        // On a phone the table scrolls inside its own box (keyboard-reachable), not the whole page.
        <div className="nc-roster__scroll" tabIndex={0} role="region" aria-label={t('roster.caption', { count: data.nurses.length })}>
        <table className="nc-roster__table">
          <caption className="visually-hidden">{t('roster.caption', { count: data.nurses.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roster.nurse')}</th>
              <th scope="col">{t('roster.status')}</th>
              <th scope="col">{t('roster.nextVisit')}</th>
              <th scope="col">{t('roster.workload')}</th>
            </tr>
          </thead>
          <tbody>
            {data.nurses.map((n) => (
              <tr key={n.userId}>
                <th scope="row">
                  {n.name}
                  <span className="muted nc-roster__org">{n.organisationName}</span>
                </th>
                <td>
                  <span className={`badge nc-nurse-status nc-nurse-status--${n.status}`}>{t(`roster.statuses.${n.status}`)}</span>
                  {n.status === 'on_break' && n.breakSince && <span className="muted nc-roster__since">{t('roster.since', { time: formatTime(n.breakSince) })}</span>}
                </td>
                <td>{n.nextVisit ? `${formatTime(n.nextVisit.at)} · ${n.nextVisit.task}` : <span className="muted">{t('roster.noVisit')}</span>}</td>
                <td>{t('roster.load', { count: n.workload.incidents, visitsLeft: n.workload.visitsLeft, visits: n.workload.visits })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
