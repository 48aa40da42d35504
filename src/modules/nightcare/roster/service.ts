import { actingAlliance, hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden } from '../../../platform/http/index.js';
import { allianceSettings, assertCoordinator, rosterDuties, setOnBreak, shiftAt } from '../../nightteam/index.js';
import { nurseRounds } from '../../planning/index.js';
import { notifyIncident } from '../live.js';
import { nurseStatus, type NurseStatus } from './status.js';
import * as store from './store.js';

/** Migration 0014's default for the staffing minimum: our own choice, not a norm (the board says so). */
export const DEFAULT_MINIMUM_NURSES = 3;

export interface RosterNurse {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  startsAt: Date;
  endsAt: Date;
  status: NurseStatus;
  breakSince: Date | null;
  nextVisit: { at: Date; task: string; durationMinutes: number } | null;
  workload: { incidents: number; openIncidents: number; visits: number; visitsLeft: number };
}

export interface NightRoster {
  night: string;
  shift: { startsAt: Date; endsAt: Date };
  staffing: { signedUp: number; minimum: number; defaultMinimum: number; short: boolean };
  nurses: RosterNurse[];
}

/** Tonight's roster (the shift running now, or the next one before it starts): who, from where, doing what. */
export async function nightRoster(deps: PlatformDeps, ctx: AccessContext, now = new Date()): Promise<NightRoster> {
  const allianceId = actingAlliance(ctx);
  return deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const settings = await allianceSettings(trx, allianceId);
    const shift = shiftAt(now, settings.time_zone, { start: settings.night_shift_start, end: settings.night_shift_end });
    const [duties, minimum, rounds] = await Promise.all([rosterDuties(trx, allianceId, shift.startsAt, shift.endsAt), store.minimumNurses(trx, allianceId), nurseRounds(trx, allianceId, shift.night)]);
    const incidents = await store.nurseIncidents(trx, allianceId, duties.map((d) => d.user_id), shift.startsAt);
    const nurses = duties.map((d): RosterNurse => {
      const mine = incidents.filter((i) => i.assigned_user_id === d.user_id);
      const open = mine.filter((i) => i.closed_at === null);
      const visits = rounds.filter((v) => v.assigned_user_id === d.user_id).map((v) => ({ start: v.planned_start!, durationMinutes: v.duration_minutes, task: v.task }));
      const next = visits.find((v) => v.start > now);
      return {
        userId: d.user_id,
        name: d.name,
        organisationId: d.organisation_id,
        organisationName: d.organisation_name,
        startsAt: d.starts_at,
        endsAt: d.ends_at,
        status: nurseStatus({ duty: { startsAt: d.starts_at, endsAt: d.ends_at, breakSince: d.break_since }, incidentStatuses: open.map((i) => i.status), visits }, now),
        breakSince: d.break_since,
        nextVisit: next ? { at: next.start, task: next.task, durationMinutes: next.durationMinutes } : null,
        workload: {
          // An offer not yet accepted is no work yet.
          incidents: mine.filter((i) => i.received_at >= shift.startsAt && i.status !== 'assigned').length,
          openIncidents: open.filter((i) => i.status !== 'assigned').length,
          visits: visits.length,
          visitsLeft: visits.filter((v) => v.start.getTime() + v.durationMinutes * 60_000 > now.getTime()).length,
        },
      };
    });
    const signedUp = new Set(duties.map((d) => d.user_id)).size;
    return { night: shift.night, shift: { startsAt: shift.startsAt, endsAt: shift.endsAt }, staffing: { signedUp, minimum, defaultMinimum: DEFAULT_MINIMUM_NURSES, short: signedUp < minimum }, nurses };
  });
}

/** The nurse's break, announced to the board's live stream with the change. */
export async function takeBreak(deps: PlatformDeps, ctx: AccessContext, onBreak: boolean, now = new Date()): Promise<void> {
  const allianceId = actingAlliance(ctx);
  await deps.db.transaction().execute(async (trx) => {
    await setOnBreak(trx, ctx, onBreak, now);
    await notifyIncident(trx, { allianceId, incidentId: null, type: 'roster' });
  });
}

/** Alliance administrators set their alliance's staffing minimum. */
export async function setStaffingMinimum(deps: PlatformDeps, ctx: AccessContext, minimum: number): Promise<void> {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators set the staffing minimum');
  await store.setMinimumNurses(deps.db, actingAlliance(ctx), minimum);
}
