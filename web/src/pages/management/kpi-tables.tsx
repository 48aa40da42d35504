import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../nightcare/format.js';
import type { Kpis } from '../nightcare/types.js';

/** A share, or "no data" in words when there was nothing to divide by. */
export function Share({ value }: { value: number | null }) {
  const { t } = useTranslation();
  return value === null ? <span className="muted">{t('management.noData')}</span> : <>{formatPercent(value)}</>;
}

/** Per urgency: its norm and where the norm comes from, what was reached, what was not, and the share within the norm. */
export function UrgencyTable({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-labelledby="urgency-table-title" tabIndex={0}>
      <table>
        <caption id="urgency-table-title">{t('management.kpis.byUrgencyTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('management.kpis.urgency')}</th>
            <th scope="col">{t('management.kpis.norm')}</th>
            <th scope="col">{t('management.kpis.incidents')}</th>
            <th scope="col">{t('management.kpis.attended')}</th>
            <th scope="col">{t('management.kpis.unattended')}</th>
            <th scope="col">{t('management.kpis.cancelled')}</th>
            <th scope="col">{t('management.kpis.withinNorm')}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.byUrgency.map((u) => (
            <tr key={u.urgency}>
              <th scope="row">{u.urgency}</th>
              <td>
                {u.norm.minutes === null ? t('management.norms.byPhone') : t('management.norms.minutes', { minutes: u.norm.minutes })}
                <br />
                <span className="muted">{t(`management.norms.sources.${u.norm.source}`)}</span>
              </td>
              <td>{formatNumber(u.incidents)}</td>
              <td>{formatNumber(u.reach.attended)}</td>
              <td>{u.reach.unattended ? <strong>{formatNumber(u.reach.unattended)}</strong> : '0'}</td>
              <td>{formatNumber(u.reach.cancelled)}</td>
              <td>
                <Share value={u.withinTargetShare} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figure({ label, children, note }: { label: string; children: React.ReactNode; note?: string }) {
  return (
    <li className="nc-figure">
      {label} <strong>{children}</strong>
      {note && <span className="muted">{note}</span>}
    </li>
  );
}

/** Staffing, utilisation, escalations, repeats and handovers: the figures the alliance exists for. */
export function OperationFigures({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  const { staffing: s, utilisation: u, escalations: e, repeats: r, handovers: h } = kpis;
  return (
    <>
      <h2 className="section-title">{t('management.kpis.operations')}</h2>
      <ul className="nc-figures">
        <Figure label={t('management.kpis.nurseHoursPerNight')} note={t('management.kpis.nurseHoursTotal', { hours: formatNumber(s.nurseHours, 1), nights: s.nights.length })}>
          {s.nurseHoursPerNight === null ? t('management.noData') : formatNumber(s.nurseHoursPerNight, 1)}
        </Figure>
        <Figure label={t('management.kpis.utilisation')} note={t('management.kpis.utilisationNote', { travel: formatNumber(u.travelMinutes), onSite: formatNumber(u.onSiteMinutes), onDuty: formatNumber(u.onDutyMinutes) })}>
          <Share value={u.share} />
        </Figure>
        <Figure label={t('management.kpis.incidentsPerNurseNight')} note={t('management.kpis.nurseNights', { count: s.nurseNights })}>
          {u.incidentsPerNurseNight === null ? t('management.noData') : formatNumber(u.incidentsPerNurseNight, 2)}
        </Figure>
        <Figure label={t('management.kpis.underMinimum')} note={t('management.kpis.minimum', { count: s.minimumNightNurses })}>
          {formatNumber(s.nightsUnderMinimum)}
        </Figure>
        <Figure label={t('management.kpis.to112')}>{formatNumber(e.to112)}</Figure>
        <Figure label={t('management.kpis.gpReferrals')} note={t('management.kpis.gpOutcomes', { ...e.gpPost.byOutcome, unanswered: e.gpPost.unanswered })}>
          {formatNumber(e.gpPost.referrals)}
        </Figure>
        <Figure label={t('management.kpis.repeatClients')} note={t('management.kpis.repeatNote', { twice: r.twice, more: r.threeOrMore, clients: r.clients })}>
          {formatNumber(r.repeatIncidents)}
        </Figure>
        <Figure label={t('management.kpis.handoversOnTime')} note={t('management.kpis.handoverNote', { due: h.due, late: h.readLate, unread: h.unread })}>
          <Share value={h.onTimeShare} />
        </Figure>
      </ul>
    </>
  );
}
