export { circlesPlugin } from './plugin.js';
export { sweepOverdueTasks } from './tasks/overdue.js';
export { pathwayTemplates, type PathwayKey } from './pathways/templates.js';
export { toFhirCarePlan, toFhirCareTeam, toFhirCommunication, toFhirConsent, toFhirTask } from './fhir/index.js';
// What other organisations' messages change (medcom): admission and discharge, the discharge pathway, a message on the timeline.
export { recordAdmission, recordCircleMessage } from './tasks/service.js';
export { startPathway } from './pathways/service.js';
export type { CircleRecorder } from './actor.js';
// The demo seed opens a circle and invites its formal members through the same service as the routes.
export { inviteMember, openCircle } from './circle/service.js';
