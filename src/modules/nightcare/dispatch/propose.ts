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

export interface TravelEstimate {
  /** Driving minutes between two points. */
  minutes(from: { latitude: number; longitude: number }, to: { latitude: number; longitude: number }): number;
}

/** A nurse with no known position is ranked as if 45 minutes away: proposed, never preferred. */
const UNKNOWN_POSITION_MINUTES = 45;

/**
 * Ranks the nurses on duty for an incident: first those with every skill the reason needs and
 * on time for the urgency's deadline, then by fewest planned visits pushed late, then by arrival time.
 */
export function proposeNurses(
  incident: { latitude: number | null; longitude: number | null; urgency: Urgency; requiredSkills: Skill[] },
  nurses: NurseOnDuty[],
  travel: TravelEstimate,
  excludeUserIds: ReadonlySet<string> = new Set(),
): Proposal[] {
  const deadline = RESPONSE_MINUTES[incident.urgency] ?? Number.POSITIVE_INFINITY;
  const proposals = nurses
    .filter((n) => !excludeUserIds.has(n.userId))
    .map((n) => {
      const known = n.latitude !== null && n.longitude !== null && incident.latitude !== null && incident.longitude !== null;
      const drive = known
        ? travel.minutes({ latitude: n.latitude!, longitude: n.longitude! }, { latitude: incident.latitude!, longitude: incident.longitude! })
        : UNKNOWN_POSITION_MINUTES;
      const etaMinutes = Math.round(n.busyMinutes + drive);
      return {
        userId: n.userId,
        organisationId: n.organisationId,
        name: n.name,
        etaMinutes,
        withinDeadline: etaMinutes <= deadline,
        missingSkills: incident.requiredSkills.filter((s) => !n.skills.includes(s)),
        lateVisits: n.lateVisits ?? 0,
      };
    });
  return proposals.sort(
    (a, b) =>
      a.missingSkills.length - b.missingSkills.length ||
      Number(b.withinDeadline) - Number(a.withinDeadline) ||
      a.lateVisits - b.lateVisits ||
      a.etaMinutes - b.etaMinutes ||
      a.userId.localeCompare(b.userId),
  );
}
