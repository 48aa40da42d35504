export { allianceRoutes } from './routes.js';
export { addTeamMember, createAgreement, createAlliance, createApiKey, createOrganisation, createStaff, joinAlliance } from './service.js';
export { organisationKinds } from './schemas.js';
export { onboardingRoutes } from './onboarding/routes.js';
// The FHIR directory (Organization, Practitioner): the same lists as the REST routes.
export { listOrganisations, listStaff } from './service.js';
// Danish messages (medcom): the organisations' addresses in the message network.
export { messagingAddress, partnerAddress, setSorCode, type MessagingAddress } from './messaging-address.js';
export { allianceUsesMedcom, messagingPartners, type MessagingPartner } from './messaging-address.js';
