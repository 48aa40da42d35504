/**
 * Shapes of the night-care answers as the browser receives them (instants as ISO strings). Answers the
 * server documents come from the generated API types; the incident, proposal, nurse and technical-alarm
 * routes have no response schema yet, so those shapes are still written here by hand.
 */
import type { ApiJson, Identification } from '../../api/types.js';

export const urgencies = ['U1', 'U2', 'U3', 'U4', 'U5'] as const satisfies readonly Kpis['byUrgency'][number]['urgency'][];
export type Urgency = (typeof urgencies)[number];

export const incidentStatuses = ['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed', 'escalated', 'cancelled'] as const;
export const closedStatuses: readonly string[] = ['completed', 'escalated', 'cancelled'];
export const alarmReasons = ['personal_emergency', 'fall', 'fire_smoke', 'inactivity', 'low_battery', 'test', 'technical', 'other'] as const;
export const manualReasons = ['pain', 'breathlessness', 'confusion', 'catheter_problem', 'bleeding', 'medication', 'palliative_care', 'toileting', 'anxiety'] as const;
export const incidentReasons = [...alarmReasons, ...manualReasons] as const;
export const cancelReasons = ['false_alarm', 'resolved_by_phone', 'duplicate', 'client_not_home'] as const;
export const skills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const;
export const referralOutcomes = ['advice', 'gp_visit', 'gp_consult', 'hospital', 'no_action'] as const satisfies readonly NonNullable<Referral['outcome']>[];

/** Colour per urgency, shared by the list badges and the map (U1 most urgent). */
export const URGENCY_COLOURS: Record<string, string> = { U1: '#a4161a', U2: '#d9480f', U3: '#b08800', U4: '#2b8a3e', U5: '#1864ab' };
export const UNTRIAGED_COLOUR = '#5f3dc4';
export const urgencyColour = (urgency: string | null) => (urgency ? (URGENCY_COLOURS[urgency] ?? UNTRIAGED_COLOUR) : UNTRIAGED_COLOUR);

export interface Incident {
  id: string;
  status: string;
  reason: string;
  urgency: string | null;
  triageNote: string | null;
  receivedAt: string;
  onSiteAt: string | null;
  closedAt: string | null;
  outcome: string | null;
  latitude: number | null;
  longitude: number | null;
  assignedUserId: string | null;
  offerExpiresAt: string | null;
  organisationId: string | null;
  client: Identification | null;
  unidentified: boolean;
}

export interface IncidentEvent {
  id: number;
  at: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string | null;
  details: Record<string, unknown> | null;
}

export interface VisitReport {
  actions: string[];
  minutesOnSite: number;
  followUpNeeded: boolean;
  followUp: string | null;
  notes: string | null;
  writtenAt: string;
}

export interface IncidentDetail {
  incident: Incident;
  events: IncidentEvent[];
  report: VisitReport | null;
}

export interface Proposal {
  userId: string;
  organisationId: string;
  name: string;
  etaMinutes: number;
  withinDeadline: boolean;
  missingSkills: string[];
  lateVisits: number;
}

export interface NurseOnDuty {
  userId: string;
  name: string;
  organisationId: string;
  skills: string[];
  latitude: number | null;
  longitude: number | null;
  positionAt: string | null;
  endsAt: string;
}

export interface TechnicalAlarm {
  id: string;
  account: string | null;
  reason: string;
  qualifier: string;
  eventCode: string | null;
  source: string;
  receivedAt: string;
  client: Identification | null;
}

export type Handover = ApiJson<'GET /api/nightcare/handovers'>;
export type HandoverIncident = Handover['incidents'][number];

/** A referral as the GP post's list shows it; the detail adds the client. */
export type ReferralListItem = ApiJson<'GET /api/nightcare/referrals'>['items'][number];
export type Referral = ApiJson<'GET /api/nightcare/referrals/{id}'>;

export type Kpis = ApiJson<'GET /api/nightcare/kpis'>;
export type Distribution = Kpis['responseTime'];
export type CostAllocation = ApiJson<'GET /api/nightcare/cost-allocation'>;
