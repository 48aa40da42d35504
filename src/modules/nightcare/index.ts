export { nightcarePlugin } from './plugin.js';
export { nightcareGauges } from './metrics.js';
export { receiveAlarm, type AfterIntake } from './alarms/receive.js';
export type { AlarmInput, IntakeResult } from './alarms/ingest.js';
export { expireOffers, dispatchAutomatically } from './incidents/service.js';
export { proposalsFor } from './dispatch/proposals.js';
export { dc09AlarmInputs, dc09DedupKey, startAlarmReceiver, DC09_ACTOR, type AlarmReceiver, type AlarmReceiverOptions } from './alarms/dc09-intake.js';
export { loadAlarmKeys, removeAlarmKey, setAlarmKey, type AlarmKeyCache } from './alarms/keys.js';
// The DC-09 client side, for the load generator, crash test and device simulators.
export { encodeFrame, formatContactId, parseReply, Dc09Framer, type ParsedReply } from './alarms/dc09/index.js';
// The whole pure codec and the bare receiver (no database), for the protocol fuzzer.
export * as dc09Codec from './alarms/dc09/index.js';
export { sweepSupervision, type SupervisionSweep } from './alarms/supervision/sweep.js';
export { sweepOverdue } from './incidents/overdue.js';
// The nurses' skills: care circles' tasks name the competence they need in the same words.
export { skills, type Skill } from './incidents/triage.js';
export { sweepHandoverReminders, readHandover } from './handover/service.js';
export type { HandoverView } from './handover/view.js';
export { setGpPostAreas } from './gp-referral/service.js';
// The alliance's response norms (with their source) and staffing minimum, for the board's timers and the roster's warning.
export { nightNorms, DEFAULT_NORMS, type ResponseNorm, type ResponseNorms } from './kpi/norms.js';
export type { IncidentStatusColumn, UrgencyColumn } from './tables.js';
// The FHIR API's Encounter and Observation: the same incident read as the REST route, and a client's incident ids as candidates.
export { incidentDetail, type IncidentDetail } from './incidents/queries.js';
export { clientIncidentIds } from './incidents/store.js';
// Assignment events (a nurse assigned, an assignment closed) as a work queue for the modules that act on them (the ANW Regisseur).
export { takeAssignmentEvents, finishAssignmentEvent, retryAssignmentEvent, type AssignmentEvent } from './assignment-events/queue.js';
export type { AssignmentEventKind } from './assignment-events/tables.js';
