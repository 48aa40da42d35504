export { circlesPlugin, type CirclesOptions } from './plugin.js';
export { sweepOverdueTasks } from './tasks/overdue.js';
export { sweepReviewReminders } from './plan/review-reminders.js';
export { pathwayTemplates, type PathwayKey } from './pathways/templates.js';
export { toFhirCarePlan, toFhirCareTeam, toFhirCommunication, toFhirConsent, toFhirTask } from './fhir/index.js';
export { evaluationStatements } from './evaluation/store.js';
export { inviteMember, openCircle } from './circle/service.js';
export { writePlan } from './plan/service.js';
export { createTask } from './tasks/service.js';
export { postHelp } from './help/service.js';
export { sendMessage } from './messages/service.js';
export { circleSettings } from './settings.js';
// What other organisations' messages change (medcom): admission and discharge, the discharge pathway, a message on the timeline.
export { recordAdmission, recordCircleMessage } from './tasks/service.js';
export { startPathway } from './pathways/service.js';
export type { CircleRecorder } from './actor.js';
