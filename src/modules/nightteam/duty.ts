import type { AccessContext } from '../../platform/access/index.js';
import { actingAlliance, hasRole } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, forbidden } from '../../platform/http/index.js';
import { assertCoordinator } from './coordinator.js';
import { shiftAt } from './shift.js';
import * as store from './store.js';

const allianceOf = (ctx: AccessContext) => actingAlliance(ctx);

/** A night-team nurse signs on for the current (or next) night shift with the skills they bring tonight. */
export async function startDuty(deps: PlatformDeps, ctx: AccessContext, skills: string[], now = new Date()) {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'nurse')) throw forbidden('Only nurses go on duty');
  const allianceId = allianceOf(ctx);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await store.isNightTeamMember(trx, allianceId, ctx.actorId))) throw forbidden('You are not in the night team');
    const settings = await store.allianceSettings(trx, allianceId);
    const shift = shiftAt(now, settings.time_zone, { start: settings.night_shift_start, end: settings.night_shift_end });
    const row = await store.upsertDuty(trx, { allianceId, userId: ctx.actorId, organisationId: ctx.organisationId, startsAt: shift.startsAt, endsAt: shift.endsAt, skills });
    return { id: row.id, startsAt: row.starts_at, endsAt: row.ends_at, skills: row.skills, night: shift.night };
  });
}

/** The nurse app reports the car's position; dispatch uses the latest. */
export async function reportPosition(deps: PlatformDeps, ctx: AccessContext, latitude: number, longitude: number, now = new Date()): Promise<void> {
  if (ctx.actorKind !== 'user') throw forbidden('Staff only');
  if ((await store.setPosition(deps.db, ctx.actorId, latitude, longitude, now)) === 0) throw conflict('You are not on duty');
}

/**
 * A nurse on duty starts or ends a break; the board shows them on a break until they end it. Takes the
 * caller's transaction, so night care can announce the change on its live stream in the same commit.
 */
export async function setOnBreak(executor: Executor, ctx: AccessContext, onBreak: boolean, now: Date): Promise<void> {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, 'nurse')) throw forbidden('Only nurses take breaks');
  if ((await store.setBreak(executor, ctx.actorId, onBreak ? now : null, now)) === 0) throw conflict('You are not on duty');
}

export async function nursesOnDuty(deps: PlatformDeps, ctx: AccessContext) {
  const allianceId = allianceOf(ctx);
  return deps.db.transaction().execute(async (trx) => {
    await assertCoordinator(trx, ctx, allianceId);
    const rows = await store.nursesOnDutyAt(trx, allianceId, new Date());
    return rows.map((n) => ({ userId: n.user_id, name: n.name, organisationId: n.organisation_id, skills: n.skills, latitude: n.latitude, longitude: n.longitude, positionAt: n.position_at, endsAt: n.ends_at }));
  });
}

export async function myDuty(deps: PlatformDeps, ctx: AccessContext) {
  if (ctx.actorKind !== 'user') return null;
  const row = await store.currentOrNextDuty(deps.db, ctx.actorId, new Date());
  return row ? { id: row.id, startsAt: row.starts_at, endsAt: row.ends_at, skills: row.skills, latitude: row.latitude, longitude: row.longitude, breakSince: row.break_since } : null;
}
