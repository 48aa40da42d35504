/**
 * Shapes of the night-care answers as the browser receives them (instants as ISO strings), from the
 * generated API types; the value lists the forms offer are checked against them.
 */
import type { ApiItem, ApiJson } from '../../api/types.js';

export type Incident = ApiItem<'GET /api/nightcare/incidents'>;
export type IncidentStatus = Incident['status'];
export type IncidentReason = Incident['reason'];
export type Urgency = NonNullable<Incident['urgency']>;
export type IncidentDetail = ApiJson<'GET /api/nightcare/incidents/{id}'>;
export type IncidentEvent = IncidentDetail['events'][number];
export type VisitReport = NonNullable<IncidentDetail['report']>;
export type NurseOnDuty = ApiItem<'GET /api/nightcare/nurses'>;
export type Skill = NurseOnDuty['skills'][number];
export type TechnicalAlarm = ApiItem<'GET /api/nightcare/technical-alarms'>;

export const urgencies = ['U1', 'U2', 'U3', 'U4', 'U5'] as const satisfies readonly Urgency[];
export const incidentStatuses = ['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed', 'escalated', 'cancelled'] as const satisfies readonly IncidentStatus[];
export const closedStatuses: readonly IncidentStatus[] = ['completed', 'escalated', 'cancelled'];
export const alarmReasons = ['personal_emergency', 'fall', 'fire_smoke', 'inactivity', 'low_battery', 'test', 'technical', 'other'] as const satisfies readonly IncidentReason[];
export const manualReasons = ['pain', 'breathlessness', 'confusion', 'catheter_problem', 'bleeding', 'medication', 'palliative_care', 'toileting', 'anxiety'] as const satisfies readonly IncidentReason[];
export const incidentReasons = [...alarmReasons, ...manualReasons] as const;
export const cancelReasons = ['false_alarm', 'resolved_by_phone', 'duplicate', 'client_not_home'] as const satisfies readonly NonNullable<Incident['outcome']>[];
export const skills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const satisfies readonly Skill[];
export const referralOutcomes = ['advice', 'gp_visit', 'gp_consult', 'hospital', 'no_action'] as const satisfies readonly NonNullable<Referral['outcome']>[];

type Assert<T extends true> = T;
type Lists<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
/** Fail to compile when the server knows a value the forms and filters do not offer. */
export type ValuesListed = [
  Assert<Lists<Urgency, (typeof urgencies)[number]>>,
  Assert<Lists<IncidentStatus, (typeof incidentStatuses)[number]>>,
  Assert<Lists<IncidentReason, (typeof incidentReasons)[number]>>,
  Assert<Lists<Skill, (typeof skills)[number]>>,
  Assert<Lists<Exclude<Incident['outcome'], 'completed' | 'escalated_112' | null>, (typeof cancelReasons)[number]>>,
];

/** Colour per urgency, shared by the list badges and the map (U1 most urgent). */
export const URGENCY_COLOURS: Record<string, string> = { U1: '#a4161a', U2: '#c2410c', U3: '#b08800', U4: '#237a36', U5: '#1864ab' };
export const UNTRIAGED_COLOUR = '#5f3dc4';
export const urgencyColour = (urgency: string | null) => (urgency ? (URGENCY_COLOURS[urgency] ?? UNTRIAGED_COLOUR) : UNTRIAGED_COLOUR);

export type Handover = ApiJson<'GET /api/nightcare/handovers'>;
export type HandoverIncident = Handover['incidents'][number];

/** A referral as the GP post opens it, with the client. */
export type Referral = ApiJson<'GET /api/nightcare/referrals/{id}'>;

export type Kpis = ApiJson<'GET /api/nightcare/kpis'>;
export type Distribution = Kpis['responseTime'];
