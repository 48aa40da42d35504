export { circlesPlugin, type CirclesOptions } from './plugin.js';
export { sweepOverdueTasks } from './tasks/overdue.js';
export { sweepReviewReminders } from './plan/review-reminders.js';
export { pathwayTemplates, type PathwayKey } from './pathways/templates.js';
export { toFhirCarePlan, toFhirCareTeam, toFhirCommunication, toFhirConsent, toFhirTask } from './fhir/index.js';
