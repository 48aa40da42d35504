import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '../api/types.js';
import { formatDateTime } from '../i18n/format.js';

/** Audit entries as a table that scrolls sideways on its own on a phone, never the page. */
export function AuditTable({ entries, showClient }: { entries: AuditEntry[]; showClient: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-label={t('audit.tableLabel')} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            {showClient && <th scope="col">{t('audit.client')}</th>}
            <th scope="col">{t('audit.why')}</th>
            <th scope="col">{t('audit.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>
                {e.userName ?? '—'}
                {e.organisationName && <span className="muted"> · {e.organisationName}</span>}
                {e.role && <span className="muted"> · {t(`roles.${e.role}`, { defaultValue: e.role })}</span>}
              </td>
              <td>
                {t(`audit.actions.${e.action}`, { defaultValue: e.action })} · {t(`audit.resources.${e.resource}`, { defaultValue: e.resource })}
              </td>
              {showClient && <td>{e.clientId ? <Link to={`/clients/${e.clientId}`}>{e.clientId.slice(0, 8)}</Link> : '—'}</td>}
              <td>{[e.purpose, e.reason].filter(Boolean).join(' · ') || '—'}</td>
              <td>
                <span className={`badge badge--${e.outcome === 'allowed' ? 'ok' : 'warn'}`}>{t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
