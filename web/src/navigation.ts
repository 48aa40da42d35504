import type { Role } from './api/types.js';

export interface NavItem {
  to: string;
  /** i18n key of the link text. */
  label: string;
  roles: readonly Role[];
  /** Organisation kinds whose staff see it (e.g. GP posts); any kind when absent. */
  kinds?: readonly string[];
  /** Shown only where the acting alliance uses this exchange (MedCom: a Danish alliance). */
  exchange?: 'medcom';
}

/** What the acting alliance exchanges with the partners' own systems (from /api/auth/me). */
export interface Exchanges {
  medcom: boolean;
}

export const clientRoles: readonly Role[] = ['nurse', 'coordinator', 'organisation_admin'];
export const registrarRoles: readonly Role[] = ['coordinator', 'organisation_admin'];
export const orgAdmin: readonly Role[] = ['organisation_admin'];
export const allianceAdmin: readonly Role[] = ['alliance_admin'];
export const nightCoordinator: readonly Role[] = ['coordinator'];
/** Management figures are aggregates; money only for the administrators (as the server decides). */
export const kpiReaders: readonly Role[] = ['coordinator', 'organisation_admin', 'alliance_admin'];
export const costReaders: readonly Role[] = ['organisation_admin', 'alliance_admin'];

/** The menu by role: each person sees only what their role in the active organisation lets them do. */
export const navItems: NavItem[] = [
  // First, so the Home redirect makes it the nurse's start screen; nurses only.
  { to: '/nurse', label: 'nurseApp.nav', roles: ['nurse'] },
  // Clients belong to care organisations; a GP post's staff reach a client through a referral.
  { to: '/clients', label: 'nav.clients', roles: clientRoles, kinds: ['care_provider'] },
  { to: '/clients/new', label: 'nav.newClient', roles: registrarRoles, kinds: ['care_provider'] },
  { to: '/clients/import', label: 'nav.import', roles: registrarRoles, kinds: ['care_provider'] },
  { to: '/nightcare', label: 'nightcare.nav.board', roles: nightCoordinator, kinds: ['care_provider'] },
  { to: '/nightcare/handover', label: 'nightcare.nav.handover', roles: clientRoles, kinds: ['care_provider'] },
  { to: '/planning', label: 'nightcare.nav.planning', roles: nightCoordinator, kinds: ['care_provider'] },
  { to: '/nightcare/kpis', label: 'nightcare.nav.kpis', roles: kpiReaders, kinds: ['care_provider'] },
  { to: '/nightcare/costs', label: 'management.nav.costs', roles: costReaders, kinds: ['care_provider'] },
  { to: '/nightcare/settings', label: 'management.nav.settings', roles: allianceAdmin },
  // The care circles' evaluation: aggregates for the roles the alliance allows (the server decides; these are its defaults).
  { to: '/evaluation', label: 'evaluation.nav', roles: kpiReaders },
  { to: '/nightcare/referrals', label: 'nightcare.nav.referrals', roles: clientRoles, kinds: ['gp_post'] },
  { to: '/letters', label: 'nav.letters', roles: orgAdmin },
  { to: '/admin/emergency-reviews', label: 'nav.emergencyReviews', roles: orgAdmin },
  { to: '/admin/audit', label: 'nav.audit', roles: orgAdmin },
  { to: '/admin/staff', label: 'nav.staff', roles: ['organisation_admin', 'alliance_admin'] },
  { to: '/admin/api-keys', label: 'nav.apiKeys', roles: orgAdmin },
  { to: '/admin/fhir-import', label: 'fhirImport.nav', roles: orgAdmin, kinds: ['care_provider'] },
  { to: '/admin/organisations', label: 'nav.organisations', roles: allianceAdmin },
  { to: '/admin/agreements', label: 'nav.agreements', roles: allianceAdmin },
  { to: '/admin/neighbourhoods', label: 'neighbourhoodAdmin.nav', roles: allianceAdmin },
  { to: '/admin/alarm-keys', label: 'nav.alarmKeys', roles: allianceAdmin },
  { to: '/admin/outbox', label: 'outbox.nav', roles: allianceAdmin },
  // Danish MedCom messages: the organisation's message desk, only in an alliance that exchanges them.
  { to: '/medcom', label: 'medcom.nav', roles: registrarRoles, exchange: 'medcom' },
  // Respite: the intake (municipality, welfare, or a care provider) and the care home's planning.
  { to: '/respite/requests', label: 'respiteDesk.navIntake', roles: registrarRoles, kinds: ['municipality', 'welfare', 'care_provider'] },
  { to: '/respite/location', label: 'respiteDesk.navLocation', roles: registrarRoles, kinds: ['care_provider'] },
  // The alliance's respite settings; the night-care alarm threshold among them applies in a night-care alliance.
  { to: '/respite/settings', label: 'respiteSettings.nav', roles: allianceAdmin },
  // The anonymised figures: the partners with the analytics role (the server's PARTNER_ROLES decides).
  { to: '/respite/analytics', label: 'respiteAnalytics.nav', roles: kpiReaders, kinds: ['municipality', 'welfare', 'insurer', 'older_persons_organisation', 'knowledge_institute', 'regional_support'] },
  // The research partners code the questionnaires' free text; the GP practice (or hospital) refers a caregiver.
  { to: '/respite/research/coding', label: 'respitePartners.coding.nav', roles: kpiReaders, kinds: ['knowledge_institute', 'regional_support'] },
  { to: '/respite/referral', label: 'respitePartners.referral.nav', roles: clientRoles, kinds: ['gp_post', 'hospital'] },
  // Network map (issue 14): the region's network coordinator, and the national support bodies' staff.
  { to: '/netwerkkaart/moderatie', label: 'networkmap.nav.moderation', roles: ['network_coordinator'], kinds: ['palliative_care_network'] },
  { to: '/netwerkkaart/moderatie', label: 'networkmap.nav.moderation', roles: ['coordinator'], kinds: ['national_support_body'] },
  { to: '/netwerkkaart/dashboard', label: 'networkmap.nav.dashboard', roles: ['network_coordinator'], kinds: ['palliative_care_network'] },
  { to: '/netwerkkaart/dashboard', label: 'networkmap.nav.dashboard', roles: ['coordinator'], kinds: ['national_support_body'] },
  { to: '/netwerkkaart/hulpmiddelen-beheren', label: 'networkmap.nav.manageResources', roles: ['network_coordinator'], kinds: ['palliative_care_network'] },
  { to: '/netwerkkaart/hulpmiddelen-beheren', label: 'networkmap.nav.manageResources', roles: ['coordinator'], kinds: ['national_support_body'] },
  { to: '/netwerkkaart/quick-scan-gemeente', label: 'networkmap.nav.municipalityScan', roles: ['coordinator', 'organisation_admin'], kinds: ['municipality'] },
];

/** The menu items for a role set in an organisation of a kind, in an alliance with these exchanges. */
export const visibleNavItems = (roles: Role[], kind: string | undefined, exchanges: Exchanges) =>
  navItems.filter((item) => roles.some((r) => item.roles.includes(r)) && (!item.kinds || (kind !== undefined && item.kinds.includes(kind))) && (!item.exchange || exchanges[item.exchange]));
