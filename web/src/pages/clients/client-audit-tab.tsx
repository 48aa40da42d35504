import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { AuditTable } from '../../components/audit-table.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';

export function ClientAuditTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const trail = useApi('GET /api/clients/{id}/audit', { path: { id: clientId } });
  return (
    <div className="stack">
      <p>
        <a href={`/api/clients/${clientId}/access-report.pdf`} target="_blank" rel="noopener" className="button button--secondary">
          {t('client.accessReport')}
        </a>
      </p>
      {trail.state === 'ok' && (trail.data.items.length ? <AuditTable entries={trail.data.items} showClient={false} /> : <Empty>{t('audit.empty')}</Empty>)}
      {trail.state === 'error' && <ErrorNotice error={trail.error} />}
      {trail.state === 'loading' && <Loading />}
    </div>
  );
}
