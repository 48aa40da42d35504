import type { AccessContext } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { allianceSettings, assertCoordinatorOf, inCallersAlliance, nursesOnDutyAt, shiftAt } from '../../nightteam/index.js';
import { insertionImpact, type InsertionImpact } from '../../planning/index.js';
import { driveSeconds, haversineMeters } from '../../routing/index.js';
import * as store from '../incidents/store.js';
import { requiredSkills } from '../incidents/triage.js';
import { nightNorms } from '../kpi/norms.js';
import { proposeNurses, type Proposal, type TravelEstimate } from './propose.js';

/** Minutes a nurse is assumed to still need for an incident in hand, by its status. */
const REMAINING_MINUTES: Record<string, number> = { assigned: 40, accepted: 40, en_route: 30, on_site: 20 };

export const roadTravel: TravelEstimate = {
  minutes: (a, b) => driveSeconds(haversineMeters({ x: a.longitude, y: a.latitude }, { x: b.longitude, y: b.latitude }) * 1.3) / 60,
};

async function busyMinutesByNurse(executor: Executor, allianceId: string): Promise<Map<string, number>> {
  const open = await store.openIncidents(executor, [allianceId]);
  const busy = new Map<string, number>();
  for (const incident of open) {
    if (!incident.assigned_user_id) continue;
    busy.set(incident.assigned_user_id, (busy.get(incident.assigned_user_id) ?? 0) + (REMAINING_MINUTES[incident.status] ?? 0));
  }
  return busy;
}

/** How many planned visits each nurse would push out of their window by taking this incident now. */
async function lateVisitsByNurse(executor: Executor, incident: store.IncidentRow, responseMinutes: number | null, now: Date): Promise<Map<string, InsertionImpact>> {
  if (incident.latitude === null || incident.longitude === null) return new Map();
  const settings = await allianceSettings(executor, incident.alliance_id);
  const night = shiftAt(now, settings.time_zone, { start: settings.night_shift_start, end: settings.night_shift_end }).night;
  // Without a norm (U5: by phone) the planner still needs a latest arrival: two hours, our choice.
  const deadline = new Date(incident.received_at.getTime() + (responseMinutes ?? 120) * 60_000);
  const impact = await insertionImpact(executor, incident.alliance_id, night, now, { latitude: incident.latitude, longitude: incident.longitude, deadline, serviceMinutes: 30, requiredSkills: requiredSkills(incident.reason) });
  return new Map(impact.map((i) => [i.userId, i]));
}

/**
 * Every read runs on the one executor it is given. A caller holding a transaction's connection that
 * asked the pool for more would deadlock once every pooled connection waits for another.
 */
export async function rankNurses(executor: Executor, incident: store.IncidentRow, now = new Date()): Promise<Proposal[]> {
  const urgency = incident.urgency ?? 'U3';
  // The alliance's own response norm, as the board's deadline, the closed-loop alert and the KPIs use.
  const responseMinutes = (await nightNorms(executor, incident.alliance_id)).norms[urgency].minutes;
  const [onDuty, busy, late] = await Promise.all([
    nursesOnDutyAt(executor, incident.alliance_id, now),
    busyMinutesByNurse(executor, incident.alliance_id),
    lateVisitsByNurse(executor, incident, responseMinutes, now),
  ]);
  const nurses = onDuty.map((n) => ({
    userId: n.user_id,
    organisationId: n.organisation_id,
    name: n.name,
    skills: n.skills,
    latitude: n.latitude,
    longitude: n.longitude,
    busyMinutes: busy.get(n.user_id) ?? 0,
    lateVisits: late.get(n.user_id)?.lateVisits,
    late: late.get(n.user_id)?.late,
  }));
  const target = { latitude: incident.latitude, longitude: incident.longitude, urgency, responseMinutes, requiredSkills: requiredSkills(incident.reason) };
  return proposeNurses(target, nurses, roadTravel, new Set(incident.declined_user_ids));
}

/**
 * A proposal only reads: no transaction and no lock on the incident, so asking for one never holds up
 * triage or assignment. `now` is the moment the proposal is for; tests pin it to a night of their own.
 */
export async function proposalsFor(deps: PlatformDeps, ctx: AccessContext, incidentId: string, now = new Date()): Promise<Proposal[]> {
  const incident = inCallersAlliance(ctx, await store.findIncident(deps.db, incidentId));
  await assertCoordinatorOf(deps.db, ctx, incident);
  return rankNurses(deps.db, incident, now);
}
