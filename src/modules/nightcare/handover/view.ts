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
  report: { actions: string[]; minutesOnSite: number; notes: string | null; followUpNeeded: boolean; followUp: string | null; caregiverCannotCope: boolean } | null;
  gpReferrals: { gpPostName: string; status: string; outcome: string | null; answer: string | null; sentAt: Date }[];
  /** No nurse was ever on site although the incident was not settled without a visit: the day team must act. */
  neverAttended: boolean;
  /** Received before the shift began and handled in it. */
  receivedBeforeShift: boolean;
}

/** Cancelled as these, an incident needed no visit; anything else without a time on site was never attended. */
const SETTLED_WITHOUT_VISIT: ReadonlySet<string> = new Set(['false_alarm', 'duplicate']);

export const wasNeverAttended = (i: { onSiteAt: Date | null; status: string; outcome: string | null }) => i.onSiteAt === null && !(i.status === 'cancelled' && SETTLED_WITHOUT_VISIT.has(i.outcome ?? ''));

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
  respiteSuggestions: RespiteSuggestion[];
}

/**
 * Respite suggested to the home organisation for a client of the night (issue 12 item 14): the nurse found
 * the caregiver cannot cope, or the client alarmed repeatedly this week. Where the organisation is in a
 * respite alliance, that alliance is named so the day team can look for a stay there.
 */
export interface RespiteSuggestion {
  clientId: string;
  clientName: string;
  reasons: ('caregiver_cannot_cope' | 'repeated_alarms')[];
  alarmsThisWeek: number;
  respiteAlliance: { id: string; name: string } | null;
}

