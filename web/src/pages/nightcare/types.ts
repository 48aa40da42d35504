/** Shapes of the night-care and planning answers as the browser receives them (instants as ISO strings). */
import type { Identification } from '../../api/types.js';

export const urgencies = ['U1', 'U2', 'U3', 'U4', 'U5'] as const;
export type Urgency = (typeof urgencies)[number];

export const incidentStatuses = ['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed', 'escalated', 'cancelled'] as const;
export const closedStatuses: readonly string[] = ['completed', 'escalated', 'cancelled'];
export const alarmReasons = ['personal_emergency', 'fall', 'fire_smoke', 'inactivity', 'low_battery', 'test', 'technical', 'other'] as const;
export const manualReasons = ['pain', 'breathlessness', 'confusion', 'catheter_problem', 'bleeding', 'medication', 'palliative_care', 'toileting', 'anxiety'] as const;
export const incidentReasons = [...alarmReasons, ...manualReasons] as const;
export const cancelReasons = ['false_alarm', 'resolved_by_phone', 'duplicate', 'client_not_home'] as const;
export const skills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const;
export const referralOutcomes = ['advice', 'gp_visit', 'gp_consult', 'hospital', 'no_action'] as const;

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
  id: string | number;
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
  account: string;
  reason: string;
  qualifier: string;
  eventCode: string | null;
  source: string;
  receivedAt: string;
  client: Identification | null;
}

export interface HandoverIncident {
  id: string;
  client: Identification;
  reason: string;
  urgency: string | null;
  status: string;
  outcome: string | null;
  receivedAt: string;
  onSiteAt: string | null;
  closedAt: string | null;
  nurse: { name: string; organisationName: string | null } | null;
  report: { actions: string[]; minutesOnSite: number; notes: string | null; followUpNeeded: boolean; followUp: string | null } | null;
  gpReferrals: { gpPostName: string; status: string; outcome: string | null; answer: string | null; sentAt: string }[];
}

export interface Handover {
  organisationName: string;
  timeZone: string;
  night: string;
  shiftStart: string;
  shiftEnd: string;
  shiftEnded: boolean;
  dueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string | null } | null;
  overdue: boolean;
  incidents: HandoverIncident[];
  followUps: { incidentId: string; clientName: string; followUp: string }[];
}

export interface Referral {
  id: string;
  incidentId: string;
  reason: string;
  urgency: string;
  summary: string;
  status: 'sent' | 'answered';
  answer: string | null;
  outcome: string | null;
  sentAt: string;
  sentByName: string;
  answeredAt: string | null;
  answeredByName: string | null;
  incident: { status: string; reason: string; receivedAt: string };
  client?: Identification | null;
}

export interface Distribution {
  count: number;
  percentiles: { p50: number | null; p75: number | null; p90: number | null; p95: number | null };
  mean: number | null;
  max: number | null;
  withinThirtyMinutes: number;
  withinThirtyShare: number | null;
  histogram: { fromMinute: number; toMinute: number | null; count: number }[];
}

export interface Kpis {
  timeZone: string;
  from: string;
  to: string;
  incidents: number;
  responseTime: Distribution;
  byUrgency: { urgency: string; incidents: number; targetMinutes: number | null; withinTargetShare: number | null; responseTime: Distribution }[];
  byOrganisation: { organisationId: string | null; organisationName: string | null; incidents: number; responseTime: Distribution }[];
  alarmsByHour: number[];
  falseAlarms: { count: number; rate: number | null };
}

export interface CostAllocation {
  allianceName: string;
  month: string;
  lines: { organisationId: string; organisationName: string; incidents: number; minutesOnSite: number; incidentShare: number | null; minutesShare: number | null }[];
  total: { incidents: number; minutesOnSite: number };
  unallocated: { incidents: number; minutesOnSite: number };
}
