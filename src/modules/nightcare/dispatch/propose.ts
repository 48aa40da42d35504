import type { Skill, Urgency } from '../incidents/triage.js';
import { RESPONSE_MINUTES } from '../incidents/triage.js';

export interface NurseOnDuty {
  userId: string;
  organisationId: string;
  name: string;
  skills: string[];
  latitude: number | null;
  longitude: number | null;
  /** Minutes until the nurse is free: the remaining time of the incident in hand, 0 when free. */
  busyMinutes: number;
  /** Planned visits that an insertion would push out of their windows (from the route planner), if known. */
  lateVisits?: number;
  late?: LateVisit[];
}

export interface LateVisit {
  visitId: string;
  windowStart: Date;
  windowEnd: Date;
  lateMinutes: number;
}

/**
 * What an ETA rests on: the nurse's last reported position, or that position after the incident in hand;
 * no ETA at all when the incident's location or the nurse's position is unknown (never a guess).
 */
export type EtaBasis = 'current_position' | 'after_current_incident' | 'incident_location_unknown' | 'nurse_position_unknown';

export interface Proposal {
  userId: string;
  organisationId: string;
  name: string;
  /** Null when it cannot be known: see etaBasis. */
  etaMinutes: number | null;
  etaBasis: EtaBasis;
  withinDeadline: boolean;
  missingSkills: string[];
  lateVisits: number;
  late: LateVisit[];
}

export interface TravelEstimate {
  /** Driving minutes between two points. */
  minutes(from: { latitude: number; longitude: number }, to: { latitude: number; longitude: number }): number;
}

function basisOf(incident: { latitude: number | null; longitude: number | null }, n: NurseOnDuty): EtaBasis {
  if (incident.latitude === null || incident.longitude === null) return 'incident_location_unknown';
  if (n.latitude === null || n.longitude === null) return 'nurse_position_unknown';
  return n.busyMinutes > 0 ? 'after_current_incident' : 'current_position';
}

/**
 * Ranks the nurses on duty for an incident: first those with every skill the reason needs and
 * on time for the urgency's deadline, then by fewest planned visits pushed late, then by arrival time.
 */
export function proposeNurses(
  /** `responseMinutes`: the alliance's norm for the urgency (null: none); absent, the default response time. */
  incident: { latitude: number | null; longitude: number | null; urgency: Urgency; responseMinutes?: number | null; requiredSkills: Skill[] },
  nurses: NurseOnDuty[],
  travel: TravelEstimate,
  excludeUserIds: ReadonlySet<string> = new Set(),
): Proposal[] {
  const deadline = (incident.responseMinutes === undefined ? RESPONSE_MINUTES[incident.urgency] : incident.responseMinutes) ?? Number.POSITIVE_INFINITY;
  const proposals = nurses
    .filter((n) => !excludeUserIds.has(n.userId))
    .map((n) => {
      const etaBasis = basisOf(incident, n);
      const known = etaBasis === 'current_position' || etaBasis === 'after_current_incident';
      const drive = known ? travel.minutes({ latitude: n.latitude!, longitude: n.longitude! }, { latitude: incident.latitude!, longitude: incident.longitude! }) : null;
      const etaMinutes = drive === null ? null : Math.round(n.busyMinutes + drive);
      return {
        userId: n.userId,
        organisationId: n.organisationId,
        name: n.name,
        etaMinutes,
        etaBasis,
        withinDeadline: etaMinutes !== null && etaMinutes <= deadline,
        missingSkills: incident.requiredSkills.filter((s) => !n.skills.includes(s)),
        lateVisits: n.lateVisits ?? 0,
        late: n.late ?? [],
      };
    });
  // A nurse without a known ETA is proposed, never preferred.
  const eta = (p: Proposal) => p.etaMinutes ?? Number.POSITIVE_INFINITY;
  return proposals.sort(
    (a, b) =>
      a.missingSkills.length - b.missingSkills.length ||
      Number(b.withinDeadline) - Number(a.withinDeadline) ||
      a.lateVisits - b.lateVisits ||
      eta(a) - eta(b) ||
      a.userId.localeCompare(b.userId),
  );
}
