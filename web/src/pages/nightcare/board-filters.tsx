import { useTranslation } from 'react-i18next';
import { closedStatuses, urgencies, type Incident } from './types.js';

export interface Filters {
  status: 'open' | 'closed' | 'all';
  /** '' all, 'none' not yet triaged, or U1–U5. */
  urgency: string;
  /** '' all, 'unidentified', or an organisation id. */
  organisation: string;
}

export function filterIncidents(incidents: Incident[], f: Filters): Incident[] {
  return incidents.filter((i) => {
    const closed = closedStatuses.includes(i.status);
    if (f.status === 'open' && closed) return false;
    if (f.status === 'closed' && !closed) return false;
    if (f.urgency === 'none' ? i.urgency !== null : f.urgency && i.urgency !== f.urgency) return false;
    if (f.organisation === 'unidentified') return i.unidentified;
    return !f.organisation || i.organisationId === f.organisation;
  });
}

const urgencyRank = (i: Incident) => (i.urgency ? Number(i.urgency.slice(1)) : 0);

/** Open before closed; untriaged first (they need a decision), then by urgency, then oldest first. */
export function sortForBoard(incidents: Incident[]): Incident[] {
  return [...incidents].sort((a, b) => {
    const closedA = closedStatuses.includes(a.status);
    const closedB = closedStatuses.includes(b.status);
    if (closedA !== closedB) return closedA ? 1 : -1;
    if (closedA) return b.receivedAt.localeCompare(a.receivedAt);
    return urgencyRank(a) - urgencyRank(b) || a.receivedAt.localeCompare(b.receivedAt);
  });
}

export function BoardFilters({ incidents, filters, onChange }: { incidents: Incident[]; filters: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const organisations = new Map<string, string>();
  for (const i of incidents) if (i.organisationId && i.client) organisations.set(i.organisationId, i.client.organisationName);
  return (
    <form className="card nc-filters" aria-label={t('nightcare.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-status">{t('nightcare.filters.status')}</label>
        <select id="filter-status" value={filters.status} onChange={(e) => onChange({ ...filters, status: e.target.value as Filters['status'] })}>
          <option value="open">{t('nightcare.filters.open')}</option>
          <option value="closed">{t('nightcare.filters.closed')}</option>
          <option value="all">{t('nightcare.filters.all')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-urgency">{t('nightcare.filters.urgency')}</label>
        <select id="filter-urgency" value={filters.urgency} onChange={(e) => onChange({ ...filters, urgency: e.target.value })}>
          <option value="">{t('nightcare.filters.all')}</option>
          <option value="none">{t('nightcare.untriaged')}</option>
          {urgencies.map((u) => (
            <option key={u} value={u}>
              {t(`nightcare.urgencies.${u}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-organisation">{t('nightcare.filters.organisation')}</label>
        <select id="filter-organisation" value={filters.organisation} onChange={(e) => onChange({ ...filters, organisation: e.target.value })}>
          <option value="">{t('nightcare.filters.all')}</option>
          <option value="unidentified">{t('nightcare.filters.unidentified')}</option>
          {[...organisations].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
