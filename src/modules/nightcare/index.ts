export { nightcarePlugin } from './plugin.js';
export { ingestAlarm, type AlarmInput, type IntakeResult } from './alarm-intake.js';
export { expireOffers, dispatchAutomatically, proposalsFor } from './incident-service.js';
export { dc09AlarmInputs, dc09DedupKey, ingestDc09Message, startAlarmReceiver, DC09_ACTOR, type AlarmReceiver, type AlarmReceiverOptions } from './dc09-intake.js';
export { loadAlarmKeys, removeAlarmKey, setAlarmKey, type AlarmKeyCache } from './alarm-keys.js';
// The DC-09 client side, for the load generator, crash test and device simulators.
export { encodeFrame, formatContactId, parseReply, Dc09Framer, type ParsedReply } from './dc09/index.js';
export { sweepSupervision, type SupervisionSweep } from './supervision/sweep.js';
export { sweepHandoverReminders, readHandover } from './handover-service.js';
export type { HandoverView } from './handover-view.js';
export { setGpPostAreas } from './gp-referral-service.js';
