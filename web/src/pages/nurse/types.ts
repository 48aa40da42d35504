import type { ApiItem, ApiJson } from '../../api/types.js';

/** Shapes of the night-care answers the nurse app reads, from the generated API types (instants arrive as ISO strings). */

export type NurseIncident = ApiItem<'GET /api/nightcare/my-incidents'>;
export type IncidentStatus = NurseIncident['status'];
export type IncidentDetail = ApiJson<'GET /api/nightcare/incidents/{id}'>;
export type IncidentEvent = IncidentDetail['events'][number];

/** The current or next duty (`duty: null` when none is booked). */
export type DutyAnswer = ApiJson<'GET /api/nightcare/duty'>;
export type Duty = NonNullable<DutyAnswer['duty']>;
export type DutyStarted = ApiJson<'POST /api/nightcare/duty'>;
export type NurseSkill = Duty['skills'][number];

export const nurseSkills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const satisfies readonly NurseSkill[];
export const urgencies = ['U1', 'U2', 'U3', 'U4', 'U5'] as const satisfies readonly NonNullable<NurseIncident['urgency']>[];

type Assert<T extends true> = T;
/** Fails to compile when the server knows a skill the sign-on form has no checkbox for. */
export type NurseSkillsListed = Assert<[Exclude<NurseSkill, (typeof nurseSkills)[number]>] extends [never] ? true : false>;

export const CLOSED_STATUSES: readonly IncidentStatus[] = ['completed', 'escalated', 'cancelled'];

export type GpReferralResult = ApiJson<'POST /api/nightcare/incidents/{id}/refer-gp'>;
