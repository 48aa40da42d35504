import { addDays, format } from 'date-fns';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { Transaction } from 'kysely';
import { actingAlliance, authorizeClients, clientDataRoles, hasRole, type AccessContext } from '../../../platform/access/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, forbidden } from '../../../platform/http/index.js';
import { languages, type Language } from '../../../platform/i18n/index.js';
import { identificationOf } from '../../clients/index.js';
import { respiteAlliancesOf } from '../../respite/index.js';
import { allianceSettings, lastEndedShift, shiftStartingOn, type ShiftWindow } from '../../nightteam/index.js';
import { notifyHandover } from './live.js';
import { renderHandover } from './pdf.js';
import { wasNeverAttended, type HandoverIncident, type HandoverView, type RespiteSuggestion } from './view.js';
import * as handovers from './store.js';

type Trx = Transaction<Database>;

/** The day team is expected to have read the night's handover by this local time on the morning after. */
export const HANDOVER_DUE_LOCAL_TIME = '09:00';

const nextDay = (night: string) => format(addDays(new Date(`${night}T12:00:00Z`), 1), 'yyyy-MM-dd');

/** 09:00 local time on the morning after the night, through the zone (DST-correct). */
export const handoverDueAt = (night: string, zone: string) => fromZonedTime(`${nextDay(night)}T${HANDOVER_DUE_LOCAL_TIME}:00`, zone);

export const isOverdue = (h: { acknowledgedAt: Date | null; dueAt: Date }, now: Date) => h.acknowledgedAt === null && now >= h.dueAt;

/** Day staff of a home organisation with a client-data role; others never reach the access layer. */
function assertHandoverReader(ctx: AccessContext, allianceId: string | undefined): string {
  if (ctx.actorKind !== 'user' || !hasRole(ctx, ...clientDataRoles)) throw forbidden('Only staff with client-data roles read handovers');
  return actingAlliance(ctx, allianceId);
}

async function shiftOf(trx: Trx, allianceId: string, night: string | undefined, now: Date): Promise<{ shift: ShiftWindow; zone: string }> {
  const settings = await allianceSettings(trx, allianceId);
  const times = { start: settings.night_shift_start, end: settings.night_shift_end };
  const shift = night ? shiftStartingOn(night, settings.time_zone, times) : lastEndedShift(now, settings.time_zone, times);
  return { shift, zone: settings.time_zone };
}

/**
 * The incidents of the night for clients of the caller's own organisation. Every client is asked of the
 * access layer at record level (audited as a handover read); only own-organisation permits pass, so a
 * grant or break-the-glass never brings another organisation's client into a handover.
 */
async function ownIncidents(trx: Trx, ctx: AccessContext, allianceId: string, shift: ShiftWindow): Promise<HandoverIncident[]> {
  const rows = await handovers.nightIncidents(trx, allianceId, ctx.organisationId, shift.startsAt, shift.endsAt);
  const clientIds = [...new Set(rows.map((r) => r.client_id).filter((id): id is string => id !== null))];
  if (clientIds.length === 0) return [];
  const permits = await authorizeClients(trx, ctx, clientIds, { level: 'record', action: 'read', resource: 'handover', fields: ['incident', 'visit_report'], purpose: 'handover' });
  const own = [...permits.values()].filter((p) => p.basis === 'own_organisation' && p.clientOrganisationId === ctx.organisationId);
  // The record-level check above is this read's one audit entry per client.
  const identities = await identificationOf(trx, ctx, own);
  const visible = rows.filter((r) => r.client_id !== null && identities.has(r.client_id));
  const referrals = await handovers.referralsOf(trx, visible.map((r) => r.id));
  return visible.map((r) => ({
    id: r.id,
    client: identities.get(r.client_id ?? '')!,
    reason: r.reason,
    urgency: r.urgency,
    status: r.status,
    outcome: r.outcome,
    receivedAt: r.received_at,
    onSiteAt: r.on_site_at,
    closedAt: r.closed_at,
    nurse: r.nurse_name ? { name: r.nurse_name, organisationName: r.nurse_organisation_name } : null,
    report:
      r.actions && r.minutes_on_site !== null && r.follow_up_needed !== null
        ? { actions: r.actions, minutesOnSite: r.minutes_on_site, notes: r.notes, followUpNeeded: r.follow_up_needed, followUp: r.follow_up, caregiverCannotCope: r.caregiver_cannot_cope ?? false }
        : null,
    gpReferrals: referrals
      .filter((g) => g.incident_id === r.id)
      .map((g) => ({ gpPostName: g.gp_post_name, status: g.status, outcome: g.outcome, answer: g.answer, sentAt: g.sent_at })),
    neverAttended: wasNeverAttended({ onSiteAt: r.on_site_at, status: r.status, outcome: r.outcome }),
    receivedBeforeShift: r.received_at < shift.startsAt,
  }));
}

/**
 * Respite to suggest for the night's clients (only those already in this handover, so no new access):
 * the nurse found the caregiver cannot cope, or the client alarmed at least the alliance's threshold of
 * times in the week up to the shift's end.
 */
async function respiteSuggestions(trx: Trx, allianceId: string, organisationId: string, incidents: HandoverIncident[], shiftEnd: Date): Promise<RespiteSuggestion[]> {
  const clients = new Map(incidents.map((i) => [i.client.id, i.client]));
  if (clients.size === 0) return [];
  const [alarms, threshold, respite] = await Promise.all([
    handovers.alarmsInWeek(trx, allianceId, [...clients.keys()], shiftEnd),
    handovers.respiteAlarmThreshold(trx, allianceId),
    respiteAlliancesOf(trx, organisationId),
  ]);
  const suggestions: RespiteSuggestion[] = [];
  for (const [clientId, client] of clients) {
    const reasons: RespiteSuggestion['reasons'] = [];
    if (incidents.some((i) => i.client.id === clientId && i.report?.caregiverCannotCope)) reasons.push('caregiver_cannot_cope');
    const alarmsThisWeek = alarms.get(clientId) ?? 0;
    if (alarmsThisWeek >= threshold) reasons.push('repeated_alarms');
    if (reasons.length > 0) suggestions.push({ clientId, clientName: `${client.givenName} ${client.familyName}`, reasons, alarmsThisWeek, respiteAlliance: respite[0] ?? null });
  }
  return suggestions;
}

export interface HandoverQuery {
  night?: string;
  allianceId?: string;
}

export async function readHandover(deps: PlatformDeps, ctx: AccessContext, query: HandoverQuery, now = new Date()): Promise<HandoverView> {
  const allianceId = assertHandoverReader(ctx, query.allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const { shift, zone } = await shiftOf(trx, allianceId, query.night, now);
    const [incidents, row, organisationName] = await Promise.all([
      ownIncidents(trx, ctx, allianceId, shift),
      handovers.findHandover(trx, ctx.organisationId, shift.startsAt),
      handovers.organisationName(trx, ctx.organisationId),
    ]);
    const dueAt = handoverDueAt(shift.night, zone);
    const suggestions = await respiteSuggestions(trx, allianceId, ctx.organisationId, incidents, shift.endsAt);
    const acknowledgedAt = row?.acknowledged_at ?? null;
    return {
      allianceId,
      organisationId: ctx.organisationId,
      organisationName,
      timeZone: zone,
      night: shift.night,
      shiftStart: shift.startsAt,
      shiftEnd: shift.endsAt,
      shiftEnded: shift.endsAt <= now,
      dueAt,
      acknowledgedAt,
      acknowledgedBy: row?.acknowledged_by ? { id: row.acknowledged_by, name: row.acknowledged_by_name } : null,
      reminderAt: row?.reminder_at ?? null,
      overdue: isOverdue({ acknowledgedAt, dueAt }, now),
      incidents,
      followUps: incidents
        .filter((i) => i.report?.followUpNeeded && i.report.followUp)
        .map((i) => ({ incidentId: i.id, clientName: `${i.client.givenName} ${i.client.familyName}`, followUp: i.report?.followUp ?? '' })),
      respiteSuggestions: suggestions,
    };
  });
}

/** Records who read the handover and when; a second acknowledgement changes nothing. */
export async function acknowledgeHandover(
  deps: PlatformDeps,
  ctx: AccessContext,
  query: HandoverQuery & { night: string },
  now = new Date(),
): Promise<{ acknowledgedAt: Date; acknowledgedBy: { id: string; name: string | null } }> {
  const allianceId = assertHandoverReader(ctx, query.allianceId);
  return deps.db.transaction().execute(async (trx) => {
    const { shift } = await shiftOf(trx, allianceId, query.night, now);
    if (shift.endsAt > now) throw conflict('The night has not ended yet');
    await handovers.ensureHandover(trx, { allianceId, organisationId: ctx.organisationId, shiftStart: shift.startsAt, shiftEnd: shift.endsAt });
    await handovers.acknowledgeHandover(trx, ctx.organisationId, shift.startsAt, ctx.actorId, now);
    const row = await handovers.findHandover(trx, ctx.organisationId, shift.startsAt);
    if (!row?.acknowledged_at || !row.acknowledged_by) throw new Error('Handover acknowledgement was not stored');
    await notifyHandover(trx, { organisationId: ctx.organisationId, handoverId: row.id, night: shift.night, type: 'handover_acknowledged' });
    return { acknowledgedAt: row.acknowledged_at, acknowledgedBy: { id: row.acknowledged_by, name: row.acknowledged_by_name } };
  });
}

/**
 * Called on an interval by every server instance: files a handover for each home organisation with
 * incidents in the last ended night, and reminds (once) those not acknowledged by 09:00 local time.
 */
export async function sweepHandoverReminders(deps: PlatformDeps, now = new Date()): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    for (const alliance of await handovers.alliancesWithShifts(trx)) {
      const shift = lastEndedShift(now, alliance.time_zone, { start: alliance.night_shift_start, end: alliance.night_shift_end });
      for (const { organisation_id } of await handovers.organisationsWithIncidents(trx, alliance.id, shift.startsAt, shift.endsAt)) {
        if (organisation_id) await handovers.ensureHandover(trx, { allianceId: alliance.id, organisationId: organisation_id, shiftStart: shift.startsAt, shiftEnd: shift.endsAt });
      }
    }
    let reminded = 0;
    for (const h of await handovers.unremindedHandovers(trx, new Date(now.getTime() - 3 * 24 * 3600_000))) {
      const night = formatInTimeZone(h.shift_start, h.time_zone, 'yyyy-MM-dd');
      if (now < handoverDueAt(night, h.time_zone)) continue;
      await handovers.markReminded(trx, h.id, now);
      await notifyHandover(trx, { organisationId: h.organisation_id, handoverId: h.id, night, type: 'handover_overdue' });
      reminded++;
    }
    return reminded;
  });
}

const asLanguage = (value: string): Language => ((languages as readonly string[]).includes(value) ? (value as Language) : 'nl');

/** The handover as a PDF in the reader's language (Dutch by default). */
export async function handoverPdf(deps: PlatformDeps, ctx: AccessContext, query: HandoverQuery & { night: string }): Promise<Buffer> {
  const view = await readHandover(deps, ctx, query);
  const language = asLanguage(await deps.db.transaction().execute((trx) => handovers.userLanguage(trx, ctx.actorId)));
  return renderHandover(view, view.timeZone, language);
}
