import type { ApiJson, Identification } from '../../api/types.js';

/** Shapes of the night-care answers the nurse app reads (instants arrive as ISO strings). */

export const nurseSkills = ['catheter_care', 'injections', 'palliative', 'wound_care', 'lifting'] as const;
export type NurseSkill = (typeof nurseSkills)[number];

export const urgencies = ['U1', 'U2', 'U3', 'U4', 'U5'] as const;

export type IncidentStatus = 'received' | 'triaged' | 'assigned' | 'accepted' | 'en_route' | 'on_site' | 'completed' | 'escalated' | 'cancelled';

export const CLOSED_STATUSES: readonly IncidentStatus[] = ['completed', 'escalated', 'cancelled'];

export interface Duty {
  id: string;
  startsAt: string;
  endsAt: string;
  skills: string[];
}

export interface NurseIncident {
  id: string;
  status: IncidentStatus;
  reason: string;
  urgency: string | null;
  triageNote: string | null;
  receivedAt: string;
  onSiteAt: string | null;
  closedAt: string | null;
  latitude: number | null;
  longitude: number | null;
  offerExpiresAt: string | null;
  client: Identification | null;
  unidentified: boolean;
}

export interface IncidentEvent {
  id: number;
  at: string;
  type: string;
  actorName: string | null;
  details: Record<string, unknown> | null;
}

export interface IncidentDetail {
  incident: NurseIncident;
  events: IncidentEvent[];
  report: { actions: string[]; minutesOnSite: number; followUpNeeded: boolean; followUp: string | null; notes: string | null } | null;
}

export type GpReferralResult = ApiJson<'POST /api/nightcare/incidents/{id}/refer-gp'>;
