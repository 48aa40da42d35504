import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { locale } from '../../i18n/format.js';
import { formatMonth, formatNumber, formatPercent } from '../nightcare/format.js';
import '../nightcare/nightcare.css';
import './management.css';

type Statement = ApiJson<'GET /api/nightcare/cost-allocation'>;

const euros = (cents: number) => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(cents / 100);

function Agreement({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  const a = statement.agreement;
  if (!a) return <p className="notice notice--warning">{t('management.costs.noAgreement')}</p>;
  return (
    <p>
      {t('management.costs.rates', {
        reference: a.agreementReference || '—',
        standby: euros(a.standbyCentsPerNurseHour),
        onSite: euros(a.onSiteCentsPerHour),
        travel: euros(a.travelCentsPerHour),
        key: t(`management.settings.keys.${a.standbyKey}`, { percent: a.eligibleClientsPercent }),
      })}
    </p>
  );
}

/** Users down, suppliers across: what each using organisation owes each supplying one. */
function Matrix({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  const name = (id: string) => statement.organisationNames[id] ?? id;
  const cell = (supplier: string, user: string) => statement.cells.find((c) => c.supplierId === supplier && c.userId === user);
  return (
    <div className="table-scroll" role="region" aria-labelledby="cost-matrix-title" tabIndex={0}>
      <table className="cost-matrix">
        <caption id="cost-matrix-title">{t('management.costs.matrix')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('management.costs.user')}</th>
            <th scope="col">{t('management.costs.keyShare')}</th>
            {statement.suppliers.map((s) => (
              <th scope="col" key={s.organisationId}>
                {t('management.costs.supplier', { name: name(s.organisationId) })}
              </th>
            ))}
            <th scope="col">{t('management.costs.deployments')}</th>
            <th scope="col">{t('management.costs.fixed')}</th>
            <th scope="col">{t('management.costs.variable')}</th>
            <th scope="col">{t('management.costs.total')}</th>
          </tr>
        </thead>
        <tbody>
          {statement.users.map((u) => (
            <tr key={u.organisationId}>
              <th scope="row">{name(u.organisationId)}</th>
              <td>{formatPercent(u.keyShare)}</td>
              {statement.suppliers.map((s) => (
                <td key={s.organisationId}>{euros(cell(s.organisationId, u.organisationId)?.totalCents ?? 0)}</td>
              ))}
              <td>{formatNumber(u.deployments)}</td>
              <td>{euros(u.fixedCents)}</td>
              <td>{euros(u.variableCents)}</td>
              <td>
                <strong>{euros(u.totalCents)}</strong>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('management.costs.total')}</th>
            <td />
            {statement.suppliers.map((s) => (
              <td key={s.organisationId}>{euros(statement.cells.filter((c) => c.supplierId === s.organisationId).reduce((sum, c) => sum + c.totalCents, 0))}</td>
            ))}
            <td>{formatNumber(statement.totals.deployments)}</td>
            <td>{euros(statement.totals.fixedCents)}</td>
            <td>{euros(statement.totals.variableCents)}</td>
            <td>
              <strong>{euros(statement.totals.totalCents)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The monthly cost statement partners settle by: supplying × using organisation, in euros, with CSV and PDF. */
export function CostsPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState('');
  const cost = useApi('GET /api/nightcare/cost-allocation', { query: { month: month || undefined } });
  const s = cost.data;
  const shown = s?.month ?? month;
  return (
    <div className="nc-wide">
      <h1>{t('management.costs.title')}</h1>
      <p>{t('management.costs.explanation')}</p>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cost-month">{t('management.costs.month')}</label>
          <input id="cost-month" type="month" value={shown} onChange={(e) => setMonth(e.target.value)} />
        </div>
        <a className="button button--secondary" href={withQuery('/api/nightcare/cost-allocation.csv', { month: shown || undefined })} download>
          {t('management.costs.csv')}
        </a>
        <a className="button button--secondary" href={withQuery('/api/nightcare/cost-allocation.pdf', { month: shown || undefined })} target="_blank" rel="noopener">
          {t('management.costs.pdf')}
        </a>
      </form>
      {cost.loading && <Loading />}
      {cost.error && <ErrorNotice error={cost.error} />}
      {s && (
        <>
          <h2 className="section-title">{formatMonth(s.month)}</h2>
          <Agreement statement={s} />
          <Matrix statement={s} />
          <p>{t('management.costs.notDeployments', s.notDeployments)}</p>
          {(s.unallocated.deployments > 0 || s.unallocated.standbyCents > 0) && (
            <p className="muted">{t('management.costs.unallocated', { deployments: s.unallocated.deployments, euros: euros(s.unallocated.variableCents + s.unallocated.standbyCents) })}</p>
          )}
          <p className="muted">{t('management.costs.standby', { hours: s.suppliers.map((x) => `${s.organisationNames[x.organisationId] ?? ''} ${formatNumber(x.nurseHours, 1)} h`).join(', ') || '—' })}</p>
        </>
      )}
    </div>
  );
}
