import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import type { Role } from './api/types.js';
import { Layout } from './components/layout.js';
import { ErrorNotice, Loading } from './components/status.js';
import { allianceAdmin, clientRoles, costReaders, kpiReaders, nightCoordinator, orgAdmin, registrarRoles, visibleNavItems } from './navigation.js';
import { activeRoles, hasAnyRole, useMe, useRoles, useSession } from './session/session.js';

/** Route-level code splitting: each page is its own chunk, so a nurse loads only what a nurse sees. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('./pages/auth/login-page.js'), 'LoginPage');
const TotpSetupPage = page(() => import('./pages/auth/totp-setup-page.js'), 'TotpSetupPage');
const InvitationPage = page(() => import('./pages/auth/invitation-page.js'), 'InvitationPage');
const ClientListPage = page(() => import('./pages/clients/client-list-page.js'), 'ClientListPage');
const ClientPage = page(() => import('./pages/clients/client-page.js'), 'ClientPage');
const ClientFormPage = page(() => import('./pages/clients/client-form-page.js'), 'ClientFormPage');
const ImportPage = page(() => import('./pages/clients/import-page.js'), 'ImportPage');
const StaffCirclePage = page(() => import('./pages/circles/staff-circle-page.js'), 'StaffCirclePage');
const LettersPage = page(() => import('./pages/letters/letters-page.js'), 'LettersPage');
const OrganisationsPage = page(() => import('./pages/admin/organisations-page.js'), 'OrganisationsPage');
const NeighbourhoodsAdminPage = page(() => import('./pages/neighbourhoods/admin-page.js'), 'NeighbourhoodsAdminPage');
const NeighbourhoodEditorPage = page(() => import('./pages/neighbourhoods/neighbourhood-editor-page.js'), 'NeighbourhoodEditorPage');
const StaffPage = page(() => import('./pages/admin/staff-page.js'), 'StaffPage');
const AgreementsPage = page(() => import('./pages/admin/agreements-page.js'), 'AgreementsPage');
const ApiKeysPage = page(() => import('./pages/admin/api-keys-page.js'), 'ApiKeysPage');
const FhirImportPage = page(() => import('./pages/admin/fhir-import-page.js'), 'FhirImportPage');
const MedcomPage = page(() => import('./pages/medcom/medcom-page.js'), 'MedcomPage');
const AuditPage = page(() => import('./pages/admin/audit-page.js'), 'AuditPage');
const EmergencyReviewsPage = page(() => import('./pages/admin/emergency-reviews-page.js'), 'EmergencyReviewsPage');
const AlarmKeysPage = page(() => import('./pages/admin/alarm-keys-page.js'), 'AlarmKeysPage');
const OutboxPage = page(() => import('./pages/admin/outbox-page.js'), 'OutboxPage');
const NurseHomePage = page(() => import('./pages/nurse/nurse-home-page.js'), 'NurseHomePage');
const NurseIncidentPage = page(() => import('./pages/nurse/incident-page.js'), 'NurseIncidentPage');
const NightcareBoardPage = page(() => import('./pages/nightcare/board-page.js'), 'BoardPage');
const HandoverPage = page(() => import('./pages/nightcare/handover-page.js'), 'HandoverPage');
const PlannerPage = page(() => import('./pages/planning/planner-page.js'), 'PlannerPage');
const KpisPage = page(() => import('./pages/management/kpis-page.js'), 'KpisPage');
const CostsPage = page(() => import('./pages/management/costs-page.js'), 'CostsPage');
const EvaluationPage = page(() => import('./pages/evaluation/evaluation-page.js'), 'EvaluationPage');
const ManagementSettingsPage = page(() => import('./pages/management/settings-page.js'), 'ManagementSettingsPage');
const ReferralsPage = page(() => import('./pages/nightcare/referrals-page.js'), 'ReferralsPage');
const RespitePublicPage = page(() => import('./pages/respite/public-page.js'), 'RespitePublicPage');
const NeighbourhoodPage = page(() => import('./pages/neighbourhoods/neighbourhood-page.js'), 'NeighbourhoodPage');
const RespiteIntakePage = page(() => import('./pages/respite/intake-page.js'), 'RespiteIntakePage');
const RespiteLocationPage = page(() => import('./pages/respite/location-page.js'), 'RespiteLocationPage');
const RespiteQuestionnairePage = page(() => import('./pages/respite/questionnaire-page.js'), 'RespiteQuestionnairePage');
const RespiteAnalyticsPage = page(() => import('./pages/respite/analytics-page.js'), 'RespiteAnalyticsPage');
const RespiteCodingPage = page(() => import('./pages/respite/coding-page.js'), 'RespiteCodingPage');
const RespiteReferralPage = page(() => import('./pages/respite/referral-page.js'), 'RespiteReferralPage');
const RespiteSettingsPage = page(() => import('./pages/respite/settings-page.js'), 'RespiteSettingsPage');
const NetworkMapListPage = page(() => import('./pages/networkmap/list-page.js'), 'ListPage');
const NetworkMapCallPage = page(() => import('./pages/networkmap/call-page.js'), 'CallPage');
const NetworkMapInitiativePage = page(() => import('./pages/networkmap/initiative-page.js'), 'InitiativePage');
const NetworkMapMunicipalityPage = page(() => import('./pages/networkmap/municipality-page.js'), 'MunicipalityPage');
const NetworkMapConfirmPage = page(() => import('./pages/networkmap/confirm-page.js'), 'ConfirmPage');
const NetworkMapEditPage = page(() => import('./pages/networkmap/edit-page.js'), 'EditPage');
const NetworkMapModerationPage = page(() => import('./pages/networkmap/moderation-page.js'), 'ModerationPage');
const NetworkMapDashboardPage = page(() => import('./pages/networkmap/dashboard-page.js'), 'DashboardPage');
const NetworkMapResourcesPage = page(() => import('./pages/networkmap/resources-page.js'), 'ResourcesPage');
const NetworkMapResourcePage = page(() => import('./pages/networkmap/resource-page.js'), 'ResourcePage');
const NetworkMapNeedsPage = page(() => import('./pages/networkmap/needs-page.js'), 'NeedsPage');
const NetworkMapReverifyPage = page(() => import('./pages/networkmap/reverify-page.js'), 'ReverifyPage');
const NetworkMapResourceAdminPage = page(() => import('./pages/networkmap/resource-admin-page.js'), 'ResourceAdminPage');
const NetworkMapMunicipalityScanPage = page(() => import('./pages/networkmap/municipality-scan-page.js'), 'MunicipalityScanPage');

function Guard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const mine = useRoles();
  if (!hasAnyRole(mine, roles)) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('errors.noRoleForPage')}</p>
      </div>
    );
  }
  return <>{children}</>;
}

function Home() {
  const me = useMe();
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.kind;
  const roles = activeRoles(me);
  const [first] = visibleNavItems(roles, kind, me);
  const { t } = useTranslation();
  // The night coordinator's work is the board, not the client list.
  if (me.nightTeam && roles.includes('coordinator') && kind === 'care_provider') return <Navigate to="/nightcare" replace />;
  if (first) return <Navigate to={first.to} replace />;
  // The network coordinator's screens (network map, care networks) are the next capabilities to come.
  return <p className="status status--empty">{t(roles.includes('network_coordinator') ? 'home.networkComing' : 'home.nothingForRole')}</p>;
}

/** The MedCom page exists only in an alliance that exchanges MedCom messages; elsewhere it is not found, as its API. */
function MedcomOnly({ children }: { children: ReactNode }) {
  return useMe().medcom ? <>{children}</> : <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="status status--empty">{t('errors.pageNotFound')}</p>;
}

/** After logging in, back to the page that asked for it; only same-site paths, never another origin. */
function AfterLogin() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
}

function LoggedInRoutes() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<AfterLogin />} />
          <Route path="/clients" element={<Guard roles={clientRoles}><ClientListPage /></Guard>} />
          <Route path="/clients/new" element={<Guard roles={registrarRoles}><ClientFormPage /></Guard>} />
          <Route path="/clients/import" element={<Guard roles={registrarRoles}><ImportPage /></Guard>} />
          <Route path="/clients/:id" element={<Guard roles={clientRoles}><ClientPage /></Guard>} />
          <Route path="/clients/:id/edit" element={<Guard roles={registrarRoles}><ClientFormPage /></Guard>} />
          <Route path="/circles/:clientId" element={<Guard roles={clientRoles}><StaffCirclePage /></Guard>} />
          <Route path="/letters" element={<Guard roles={orgAdmin}><LettersPage /></Guard>} />
          <Route path="/admin/organisations" element={<Guard roles={allianceAdmin}><OrganisationsPage /></Guard>} />
          <Route path="/admin/neighbourhoods" element={<Guard roles={allianceAdmin}><NeighbourhoodsAdminPage /></Guard>} />
          <Route path="/admin/neighbourhoods/:id" element={<Guard roles={allianceAdmin}><NeighbourhoodEditorPage /></Guard>} />
          <Route path="/admin/agreements" element={<Guard roles={allianceAdmin}><AgreementsPage /></Guard>} />
          <Route path="/admin/alarm-keys" element={<Guard roles={allianceAdmin}><AlarmKeysPage /></Guard>} />
          <Route path="/admin/outbox" element={<Guard roles={allianceAdmin}><OutboxPage /></Guard>} />
          <Route path="/admin/staff" element={<Guard roles={['organisation_admin', 'alliance_admin']}><StaffPage /></Guard>} />
          <Route path="/admin/api-keys" element={<Guard roles={orgAdmin}><ApiKeysPage /></Guard>} />
          <Route path="/admin/fhir-import" element={<Guard roles={orgAdmin}><FhirImportPage /></Guard>} />
          <Route path="/medcom" element={<Guard roles={registrarRoles}><MedcomOnly><MedcomPage /></MedcomOnly></Guard>} />
          <Route path="/admin/audit" element={<Guard roles={orgAdmin}><AuditPage /></Guard>} />
          <Route path="/admin/emergency-reviews" element={<Guard roles={orgAdmin}><EmergencyReviewsPage /></Guard>} />
          <Route path="/nurse" element={<Guard roles={['nurse']}><NurseHomePage /></Guard>} />
          <Route path="/nurse/incidents/:id" element={<Guard roles={['nurse']}><NurseIncidentPage /></Guard>} />
          <Route path="/nightcare" element={<Guard roles={nightCoordinator}><NightcareBoardPage /></Guard>} />
          <Route path="/nightcare/handover" element={<Guard roles={clientRoles}><HandoverPage /></Guard>} />
          <Route path="/planning" element={<Guard roles={nightCoordinator}><PlannerPage /></Guard>} />
          <Route path="/nightcare/kpis" element={<Guard roles={kpiReaders}><KpisPage /></Guard>} />
          <Route path="/nightcare/costs" element={<Guard roles={costReaders}><CostsPage /></Guard>} />
          <Route path="/nightcare/settings" element={<Guard roles={allianceAdmin}><ManagementSettingsPage /></Guard>} />
          <Route path="/evaluation" element={<Guard roles={kpiReaders}><EvaluationPage /></Guard>} />
          <Route path="/nightcare/referrals" element={<Guard roles={clientRoles}><ReferralsPage /></Guard>} />
          <Route path="/respite/requests" element={<Guard roles={registrarRoles}><RespiteIntakePage /></Guard>} />
          <Route path="/respite/location" element={<Guard roles={registrarRoles}><RespiteLocationPage /></Guard>} />
          <Route path="/respite/analytics" element={<Guard roles={kpiReaders}><RespiteAnalyticsPage /></Guard>} />
          <Route path="/respite/research/coding" element={<Guard roles={kpiReaders}><RespiteCodingPage /></Guard>} />
          <Route path="/respite/referral" element={<Guard roles={clientRoles}><RespiteReferralPage /></Guard>} />
          <Route path="/respite/settings" element={<Guard roles={allianceAdmin}><RespiteSettingsPage /></Guard>} />
          <Route path="/netwerkkaart/moderatie" element={<Guard roles={['network_coordinator', 'coordinator']}><NetworkMapModerationPage /></Guard>} />
          <Route path="/netwerkkaart/dashboard" element={<Guard roles={['network_coordinator', 'coordinator']}><NetworkMapDashboardPage /></Guard>} />
          <Route path="/netwerkkaart/hulpmiddelen-beheren" element={<Guard roles={['network_coordinator', 'coordinator']}><NetworkMapResourceAdminPage /></Guard>} />
          <Route path="/netwerkkaart/quick-scan-gemeente" element={<Guard roles={['coordinator', 'organisation_admin']}><NetworkMapMunicipalityScanPage /></Guard>} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

function ToLogin() {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
}

/** The network map's pages for logged-in staff; every other /netwerkkaart page is public. */
const STAFF_NETWORKMAP_PAGES = ['/netwerkkaart/moderatie', '/netwerkkaart/dashboard', '/netwerkkaart/hulpmiddelen-beheren', '/netwerkkaart/quick-scan-gemeente'];

export function App() {
  const { session } = useSession();
  const { pathname } = useLocation();
  // The network map's public pages: the call, the list and map, the pages (issue 14: login-free).
  if (pathname.startsWith('/netwerkkaart') && !STAFF_NETWORKMAP_PAGES.includes(pathname)) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/netwerkkaart" element={<NetworkMapListPage />} />
          <Route path="/netwerkkaart/aanmelden" element={<NetworkMapCallPage />} />
          <Route path="/netwerkkaart/bevestigen" element={<NetworkMapConfirmPage />} />
          <Route path="/netwerkkaart/wijzigen" element={<NetworkMapEditPage />} />
          <Route path="/netwerkkaart/initiatieven/:id" element={<NetworkMapInitiativePage />} />
          <Route path="/netwerkkaart/gemeenten/:id" element={<NetworkMapMunicipalityPage />} />
          <Route path="/netwerkkaart/hulpmiddelen" element={<NetworkMapResourcesPage />} />
          <Route path="/netwerkkaart/hulpmiddelen/:id" element={<NetworkMapResourcePage />} />
          <Route path="/netwerkkaart/behoeften" element={<NetworkMapNeedsPage />} />
          <Route path="/netwerkkaart/herbevestigen" element={<NetworkMapReverifyPage />} />
          <Route path="*" element={<NetworkMapListPage />} />
        </Routes>
      </Suspense>
    );
  }
  // The public respite page is for everyone, signed in or not (issue 12: login-free).
  if (pathname === '/logeerzorg') {
    return (
      <Suspense fallback={<Loading />}>
        <RespitePublicPage />
      </Suspense>
    );
  }
  // A neighbourhood partnership's progress page is for residents (issue 13: login-free).
  if (pathname.startsWith('/wijk/')) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/wijk/:slug" element={<NeighbourhoodPage />} />
        </Routes>
      </Suspense>
    );
  }
  // The pilot's questionnaire: login-free and anonymous too.
  if (pathname === '/logeerzorg/vragenlijst') {
    return (
      <Suspense fallback={<Loading />}>
        <RespiteQuestionnairePage />
      </Suspense>
    );
  }
  switch (session.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return (
        <main className="page page--narrow">
          <ErrorNotice error={session.error} />
        </main>
      );
    case 'anonymous':
      return (
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/invitation/:token" element={<InvitationPage />} />
            <Route path="*" element={<ToLogin />} />
          </Routes>
        </Suspense>
      );
    case 'setup':
      return (
        <Suspense fallback={<Loading />}>
          <TotpSetupPage />
        </Suspense>
      );
    case 'ready':
      return <LoggedInRoutes />;
  }
}
