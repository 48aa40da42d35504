/**
 * The incident lifecycle: received → triaged → assigned → accepted → en route → on site → completed,
 * or escalated / cancelled from any open state. Anything else is refused.
 */
export const incidentStatuses = ['received', 'triaged', 'assigned', 'accepted', 'en_route', 'on_site', 'completed', 'escalated', 'cancelled'] as const;
/**
 * The types of an incident's history: every lifecycle step under the status it moves to, plus the steps
 * that do not change the status or name why it changed. insertEvent takes only these, so the history's
 * response schema cannot fall behind.
 */
export const incidentEventTypes = [...incidentStatuses, 'declined', 'offer_expired', 'gp_referral', 'gp_referral_answered', 'client_linked', 'overdue_alert'] as const;
export type IncidentEventType = (typeof incidentEventTypes)[number];
export type IncidentStatus = (typeof incidentStatuses)[number];

export const CLOSED: ReadonlySet<IncidentStatus> = new Set(['completed', 'escalated', 'cancelled']);

const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  received: ['triaged', 'escalated', 'cancelled'],
  // Back to triaged when an offer is declined or times out.
  triaged: ['triaged', 'assigned', 'escalated', 'cancelled'],
  assigned: ['accepted', 'triaged', 'escalated', 'cancelled'],
  accepted: ['en_route', 'on_site', 'escalated', 'cancelled'],
  en_route: ['on_site', 'escalated', 'cancelled'],
  on_site: ['completed', 'escalated'],
  completed: [],
  escalated: [],
  cancelled: [],
};

export const canMove = (from: IncidentStatus, to: IncidentStatus) => NEXT[from].includes(to);

export const cancelReasons = ['false_alarm', 'resolved_by_phone', 'duplicate', 'client_not_home'] as const;
export const escalationTargets = ['112', 'gp_post'] as const;
