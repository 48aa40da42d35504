import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '../api/types.js';
import { formatDateTime } from '../i18n/format.js';

/**
 * Audit entries as a table on a wide screen; below 40rem (styles.css, "Audit table") every row
 * becomes a stacked card with the column name before each value (data-label). The explicit table
 * roles keep the table semantics for screen readers when the CSS turns the rows into blocks.
 */
export function AuditTable({ entries, showClient }: { entries: AuditEntry[]; showClient: boolean }) {
  const { t } = useTranslation();
  const label = {
    when: t('audit.when'),
    who: t('audit.who'),
    what: t('audit.what'),
    client: t('audit.client'),
    why: t('audit.why'),
    outcome: t('audit.outcome'),
  };
  return (
    <div className="table-scroll audit-table-scroll" role="region" aria-label={t('audit.tableLabel')} tabIndex={0}>
      <table className="audit-table" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{label.when}</th>
            <th scope="col" role="columnheader">{label.who}</th>
            <th scope="col" role="columnheader">{label.what}</th>
            {showClient && <th scope="col" role="columnheader">{label.client}</th>}
            <th scope="col" role="columnheader">{label.why}</th>
            <th scope="col" role="columnheader">{label.outcome}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {entries.map((e) => (
            <tr key={e.id} role="row" className={`audit-table__row audit-table__row--${e.outcome === 'allowed' ? 'allowed' : 'refused'}`}>
              <td role="cell" className="audit-table__when" data-label={label.when}>
                {formatDateTime(e.at)}
              </td>
              <td role="cell" className="audit-table__who" data-label={label.who}>
                {e.userName ?? '—'}
                {e.organisationName && <span className="muted"> · {e.organisationName}</span>}
                {e.role && <span className="muted"> · {t(`roles.${e.role}`, { defaultValue: e.role })}</span>}
              </td>
              <td role="cell" className="audit-table__what" data-label={label.what}>
                {t(`audit.actions.${e.action}`, { defaultValue: e.action })} · {t(`audit.resources.${e.resource}`, { defaultValue: e.resource })}
              </td>
              {showClient && (
                <td role="cell" className="audit-table__client" data-label={label.client}>
                  {e.clientId ? <Link to={`/clients/${e.clientId}`}>{e.clientName ?? e.clientId.slice(0, 8)}</Link> : '—'}
                </td>
              )}
              <td role="cell" className="audit-table__why" data-label={label.why}>
                {[e.purpose && t(`audit.purposes.${e.purpose}`, { defaultValue: e.purpose }), e.reason].filter(Boolean).join(' · ') || '—'}
              </td>
              <td role="cell" className="audit-table__outcome" data-label={label.outcome}>
                <span className={`badge badge--${e.outcome === 'allowed' ? 'ok' : 'warn'} audit-table__badge`}>{t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
