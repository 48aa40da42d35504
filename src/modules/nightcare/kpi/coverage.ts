/**
 * Coverage: the share of eligible clients a nurse on duty tonight could reach within the urgency's norm,
 * driving from the nurse's last known position, and the postcode areas (PC4) out of reach. Aggregates
 * only: client rows are reduced to a location and a PC4 here and never returned.
 */
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { allianceSettings, dutiesIn, shiftAt } from '../../nightteam/index.js';
import { roadTravel } from '../dispatch/proposals.js';
import type { Urgency } from '../incidents/triage.js';
import { share } from './aggregate.js';
import { assertKpiReader } from './access.js';
import { nightNorms, type ResponseNorm } from './norms.js';

interface Point {
  latitude: number;
  longitude: number;
}

export interface CoverageFigures {
  reachable: number;
  outOfReach: number;
  /** Reachable ÷ clients with a known location; null without nurses positioned or without clients. */
  share: number | null;
  areasOutOfReach: { postcode4: string; clients: number }[];
}

export const postcode4 = (postcode: string) => postcode.replace(/\s/g, '').slice(0, 4);

/** Pure: each client reachable when some nurse drives there within `minutes`. */
export function coverageOf(clients: readonly (Point & { postcode: string })[], nurses: readonly Point[], minutes: number, travel = roadTravel): CoverageFigures {
  if (nurses.length === 0 || clients.length === 0) return { reachable: 0, outOfReach: clients.length, share: null, areasOutOfReach: [] };
  const areas = new Map<string, number>();
  let reachable = 0;
  for (const c of clients) {
    if (nurses.some((n) => travel.minutes(n, c) <= minutes)) reachable++;
    else areas.set(postcode4(c.postcode), (areas.get(postcode4(c.postcode)) ?? 0) + 1);
  }
  return {
    reachable,
    outOfReach: clients.length - reachable,
    share: share(reachable, clients.length),
    areasOutOfReach: [...areas.entries()].map(([pc4, n]) => ({ postcode4: pc4, clients: n })).sort((a, b) => b.clients - a.clients || a.postcode4.localeCompare(b.postcode4)),
  };
}

export interface CoverageView extends CoverageFigures {
  allianceId: string;
  night: string;
  urgency: Urgency;
  norm: ResponseNorm;
  nursesOnDuty: number;
  nursesWithPosition: number;
  eligibleClients: number;
  clientsWithoutLocation: number;
}

/** Tonight's (or the coming night's) coverage for the urgency's norm; U2 by default, the one the NTS names. */
export async function readCoverage(deps: PlatformDeps, ctx: AccessContext, query: { urgency?: Urgency; allianceId?: string }, now = new Date()): Promise<CoverageView> {
  const allianceId = assertKpiReader(ctx, query.allianceId);
  const urgency = query.urgency ?? 'U2';
  return deps.db.transaction().execute(async (trx) => {
    const settings = await allianceSettings(trx, allianceId);
    const shift = shiftAt(now, settings.time_zone, { start: settings.night_shift_start, end: settings.night_shift_end });
    const [{ norms }, duties, clients] = await Promise.all([
      nightNorms(trx, allianceId),
      dutiesIn(trx, allianceId, shift.startsAt, shift.endsAt),
      trx
        .selectFrom('client')
        .select(['latitude', 'longitude', 'postcode'])
        .where('alliance_id', '=', allianceId)
        .where((eb) => eb.or([eb('district_nursing', '=', true), eb('personal_alarm', '=', true)]))
        .execute(),
    ]);
    const nurses = duties.filter((d): d is typeof d & Point => d.latitude !== null && d.longitude !== null);
    const located = clients.filter((c): c is typeof c & Point => c.latitude !== null && c.longitude !== null);
    const norm = norms[urgency];
    const figures = norm.minutes === null ? { reachable: 0, outOfReach: 0, share: null, areasOutOfReach: [] } : coverageOf(located, nurses, norm.minutes);
    return {
      allianceId,
      night: shift.night,
      urgency,
      norm,
      nursesOnDuty: new Set(duties.map((d) => d.user_id)).size,
      nursesWithPosition: new Set(nurses.map((d) => d.user_id)).size,
      eligibleClients: clients.length,
      clientsWithoutLocation: clients.length - located.length,
      ...figures,
    };
  });
}
