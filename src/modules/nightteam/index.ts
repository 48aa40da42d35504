// The alliance's night team: its shifts, who is in it, who is on duty and who coordinates. Night care
// and the route planner both build on it; it depends on neither.
export { shiftAt, shiftStartingOn, lastEndedShift, type ShiftWindow, type ShiftTimes } from './shift.js';
export { allianceNight } from './night-of.js';
export { assertCoordinator, assertCoordinatorOf, inCallersAlliance } from './coordinator.js';
export { startDuty, reportPosition, nursesOnDuty, myDuty } from './duty.js';
export { allianceSettings, isNightTeamMember, nightCoordinators, nursesOnDutyAt, dutiesIn, nurseOrganisations, rosterDuties } from './store.js';
export { setOnBreak } from './duty.js';
export { nightDispatchOrganisations } from './store.js';
