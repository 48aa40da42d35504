import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { NightSummary } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import { orgAdmin, registrarRoles } from '../../navigation.js';
import { hasAnyRole, useRoles } from '../../session/session.js';
import { ClientAuditTab } from './client-audit-tab.js';
import { ClientSummaryTab, ContactsTab } from './client-summary-tab.js';
import { NightSummaryTab } from './night-summary-tab.js';
import { Refusal } from './refusal.js';

type TabId = 'summary' | 'contacts' | 'night' | 'audit';

interface Tab {
  id: TabId;
  render: () => ReactNode;
}

/** ARIA tabs (WAI-ARIA Authoring Practices): arrow keys move between tabs, the panel follows. */
function Tabs({ tabs, label, initial }: { tabs: Tab[]; label: string; initial?: TabId }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('tab');
  const active = tabs.find((tab) => tab.id === (wanted ?? initial)) ?? tabs[0];
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  if (!active) return null;
  const select = (id: TabId, focus = false) => {
    setParams({ tab: id }, { replace: true });
    if (focus) refs.current[id]?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    const index = tabs.indexOf(active);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (next) select(next.id, true);
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === active.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === active.id ? 0 : -1}
            className="tabs__tab"
            onClick={() => select(tab.id)}
          >
            {t(`client.tabs.${tab.id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="tabs__panel">
        {active.render()}
      </div>
    </>
  );
}

function ClientHeading({ client, children }: { client: NightSummary; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="client-head">
      <h1>
        {client.givenName} {client.familyName}
      </h1>
      <p className="client-head__meta">
        {t('clients.bornOn', { date: formatDate(client.dateOfBirth) })} · {client.street} {client.houseNumber}, {client.city}
      </p>
      {!client.ownOrganisation && (
        <p className="badge">
          {client.organisationName} · {t(`client.basis.${client.accessBasis}`)}
        </p>
      )}
      {children}
    </div>
  );
}

/** What staff of another organisation see: the night summary only, after an assignment or break-the-glass. */
function LimitedClientView({ id }: { id: string }) {
  const { t } = useTranslation();
  const night = useApi('GET /api/clients/{id}/night-summary', { path: { id } });
  if (night.state === 'loading' || night.state === 'idle') return <Loading />;
  if (night.state === 'error') {
    if (night.error.status === 404) return <Refusal clientId={id} onGranted={night.reload} />;
    return <ErrorNotice error={night.error} />;
  }
  const client = night.data;
  return (
    <>
      <ClientHeading client={client} />
      <Tabs
        label={t('client.tabsLabel')}
        tabs={[
          { id: 'night', render: () => <NightSummaryTab clientId={id} preloaded={client} /> },
          { id: 'contacts', render: () => <ContactsTab client={client} /> },
        ]}
      />
    </>
  );
}

export function ClientPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const roles = useRoles();
  const record = useApi('GET /api/clients/{id}', { path: { id } });
  if (record.state === 'loading' || record.state === 'idle') return <Loading />;
  if (record.state === 'error') {
    // A refused record looks exactly like a missing one; the night summary may still be open to an assignment.
    if (record.error.status === 404) return <LimitedClientView id={id} />;
    return <ErrorNotice error={record.error} />;
  }
  const client = record.data;
  const tabs: Tab[] = [
    { id: 'summary', render: () => <ClientSummaryTab client={client} onChanged={record.reload} /> },
    { id: 'contacts', render: () => <ContactsTab client={client} /> },
    { id: 'night', render: () => <NightSummaryTab clientId={id} /> },
  ];
  if (hasAnyRole(roles, orgAdmin)) tabs.push({ id: 'audit', render: () => <ClientAuditTab clientId={id} /> });
  return (
    <>
      <ClientHeading client={client}>
        {hasAnyRole(roles, registrarRoles) && (
          <Link to={`/clients/${id}/edit`} className="button button--secondary button--small">
            {t('client.edit')}
          </Link>
        )}
        <Link to={`/circles/${id}`} className="button button--secondary button--small">
          {t('circles.staff.link')}
        </Link>
      </ClientHeading>
      {/* A nurse at the door needs the night summary first; office roles start with the overview. */}
      <Tabs label={t('client.tabsLabel')} tabs={tabs} initial={hasAnyRole(roles, registrarRoles) ? 'summary' : 'night'} />
    </>
  );
}
