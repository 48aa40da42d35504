export { nightcarePlugin } from './plugin.js';
export { receiveAlarm, type AfterIntake } from './alarms/receive.js';
export type { AlarmInput, IntakeResult } from './alarms/ingest.js';
export { expireOffers, dispatchAutomatically } from './incidents/service.js';
export { proposalsFor } from './dispatch/proposals.js';
export { dc09AlarmInputs, dc09DedupKey, startAlarmReceiver, DC09_ACTOR, type AlarmReceiver, type AlarmReceiverOptions } from './alarms/dc09-intake.js';
export { loadAlarmKeys, removeAlarmKey, setAlarmKey, type AlarmKeyCache } from './alarms/keys.js';
// The DC-09 client side, for the load generator, crash test and device simulators.
export { encodeFrame, formatContactId, parseReply, Dc09Framer, type ParsedReply } from './alarms/dc09/index.js';
export { sweepSupervision, type SupervisionSweep } from './alarms/supervision/sweep.js';
export { sweepOverdue } from './incidents/overdue.js';
export { sweepHandoverReminders, readHandover } from './handover/service.js';
export type { HandoverView } from './handover/view.js';
export { setGpPostAreas } from './gp-referral/service.js';
