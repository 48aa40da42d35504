import type { Identification } from '../../clients/index.js';

/** The morning handover of one home organisation: what the service reads and the PDF renders. */
export interface HandoverIncident {
  id: string;
  client: Identification;
  reason: string;
  urgency: string | null;
  status: string;
  outcome: string | null;
  receivedAt: Date;
  onSiteAt: Date | null;
  closedAt: Date | null;
  nurse: { name: string; organisationName: string | null } | null;
  report: { actions: string[]; minutesOnSite: number; notes: string | null; followUpNeeded: boolean; followUp: string | null } | null;
  gpReferrals: { gpPostName: string; status: string; outcome: string | null; answer: string | null; sentAt: Date }[];
}

export interface HandoverView {
  allianceId: string;
  organisationId: string;
  organisationName: string;
  timeZone: string;
  night: string;
  shiftStart: Date;
  shiftEnd: Date;
  shiftEnded: boolean;
  dueAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: { id: string; name: string | null } | null;
  reminderAt: Date | null;
  overdue: boolean;
  incidents: HandoverIncident[];
  followUps: { incidentId: string; clientName: string; followUp: string }[];
}

