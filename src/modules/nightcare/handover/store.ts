import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';

type Trx = Transaction<Database>;

/** How far back an incident received before the shift may lie and still be handled in it (still open, or moved on in it). */
export const CARRY_OVER_HOURS = 24;

/**
 * The incidents of a shift: received in it, or received before it (an alarm at 22:50 for a shift from
 * 23:00) and handled in it: on site or closed during the shift, or still open. Without the second part
 * such an incident belongs to no night and never reaches the day team.
 */
export function ofShift(eb: ExpressionBuilder<Database & { i: Database['incident'] }, 'i'>, from: Date, to: Date) {
  const during = (column: 'i.on_site_at' | 'i.closed_at') => eb.and([eb(column, '>=', from), eb(column, '<', to)]);
  return eb.and([
    eb('i.received_at', '<', to),
    eb.or([
      eb('i.received_at', '>=', from),
      eb.and([eb('i.received_at', '>=', new Date(from.getTime() - CARRY_OVER_HOURS * 3600_000)), eb.or([eb('i.closed_at', 'is', null), during('i.closed_at'), during('i.on_site_at')])]),
    ]),
  ]);
}

/**
 * The night's incidents of one home organisation's clients, with the nurse who went and the visit
 * report. Client rows are not read here: the service identifies clients through the access layer.
 */
export const nightIncidents = (trx: Trx, allianceId: string, organisationId: string, from: Date, to: Date) =>
  trx
    .selectFrom('incident as i')
    .leftJoin('visit_report as r', 'r.incident_id', 'i.id')
    .leftJoin('app_user as nurse', 'nurse.id', 'i.assigned_user_id')
    .leftJoin('organisation as nurse_org', 'nurse_org.id', 'i.assigned_organisation_id')
    .select([
      'i.id',
      'i.client_id',
      'i.status',
      'i.reason',
      'i.urgency',
      'i.outcome',
      'i.received_at',
      'i.on_site_at',
      'i.closed_at',
      'nurse.name as nurse_name',
      'nurse_org.name as nurse_organisation_name',
      'r.actions',
      'r.minutes_on_site',
      'r.follow_up_needed',
      'r.follow_up',
      'r.notes',
      'r.caregiver_cannot_cope',
    ])
    .where('i.alliance_id', '=', allianceId)
    .where('i.organisation_id', '=', organisationId)
    .where('i.client_id', 'is not', null)
    .where((eb) => ofShift(eb, from, to))
    .orderBy('i.received_at')
    .execute();

export type NightIncidentRow = Awaited<ReturnType<typeof nightIncidents>>[number];

/** GP referrals made during these incidents, for the day team to follow up. */
export const referralsOf = (trx: Trx, incidentIds: string[]) =>
  incidentIds.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('gp_referral as g')
        .innerJoin('organisation as o', 'o.id', 'g.gp_post_id')
        .select(['g.incident_id', 'g.status', 'g.outcome', 'g.answer', 'g.sent_at', 'o.name as gp_post_name'])
        .where('g.incident_id', 'in', incidentIds)
        .orderBy('g.sent_at')
        .execute();

/**
 * Per client, the incidents received in the week up to the shift's end: repeated night alarms are a sign
 * the home situation is under strain.
 */
export async function alarmsInWeek(trx: Trx, allianceId: string, clientIds: string[], until: Date): Promise<Map<string, number>> {
  if (clientIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('incident')
    .select(['client_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('alliance_id', '=', allianceId)
    .where('client_id', 'in', clientIds)
    .where('received_at', '>=', new Date(until.getTime() - 7 * 24 * 3600_000))
    .where('received_at', '<', until)
    .groupBy('client_id')
    .execute();
  return new Map(rows.map((r) => [r.client_id ?? '', Number(r.n)]));
}

export const respiteAlarmThreshold = async (trx: Trx, allianceId: string) =>
  (await trx.selectFrom('alliance').select('respite_alarm_threshold').where('id', '=', allianceId).executeTakeFirstOrThrow()).respite_alarm_threshold;

export const findHandover = (trx: Trx, organisationId: string, shiftStart: Date) =>
  trx
    .selectFrom('handover as h')
    .leftJoin('app_user as u', 'u.id', 'h.acknowledged_by')
    .select(['h.id', 'h.acknowledged_at', 'h.acknowledged_by', 'u.name as acknowledged_by_name', 'h.reminder_at'])
    .where('h.organisation_id', '=', organisationId)
    .where('h.shift_start', '=', shiftStart)
    .executeTakeFirst();

export async function ensureHandover(trx: Trx, row: { allianceId: string; organisationId: string; shiftStart: Date; shiftEnd: Date }): Promise<void> {
  await trx
    .insertInto('handover')
    .values({ alliance_id: row.allianceId, organisation_id: row.organisationId, shift_start: row.shiftStart, shift_end: row.shiftEnd })
    .onConflict((oc) => oc.columns(['organisation_id', 'shift_start']).doNothing())
    .execute();
}

/** First acknowledgement wins; later ones leave who and when untouched (idempotent). */
export async function acknowledgeHandover(trx: Trx, organisationId: string, shiftStart: Date, userId: string, at: Date): Promise<void> {
  await trx
    .updateTable('handover')
    .set({ acknowledged_by: userId, acknowledged_at: at })
    .where('organisation_id', '=', organisationId)
    .where('shift_start', '=', shiftStart)
    .where('acknowledged_at', 'is', null)
    .execute();
}

export const alliancesWithShifts = (trx: Trx) => trx.selectFrom('alliance').select(['id', 'time_zone', 'night_shift_start', 'night_shift_end']).execute();

/** Home organisations with at least one identified incident in the window: they get a handover. */
export const organisationsWithIncidents = (trx: Trx, allianceId: string, from: Date, to: Date) =>
  trx
    .selectFrom('incident as i')
    .select('i.organisation_id')
    .distinct()
    .where('i.alliance_id', '=', allianceId)
    .where('i.organisation_id', 'is not', null)
    .where('i.client_id', 'is not', null)
    .where((eb) => ofShift(eb, from, to))
    .execute();

/** Unacknowledged handovers not yet reminded, locked so that only one server instance reminds. */
export const unremindedHandovers = (trx: Trx, since: Date) =>
  trx
    .selectFrom('handover as h')
    .innerJoin('alliance as a', 'a.id', 'h.alliance_id')
    .select(['h.id', 'h.alliance_id', 'h.organisation_id', 'h.shift_start', 'h.shift_end', 'a.time_zone'])
    .where('h.acknowledged_at', 'is', null)
    .where('h.reminder_at', 'is', null)
    .where('h.shift_end', '>=', since)
    .forUpdate('h')
    .skipLocked()
    .limit(200)
    .execute();

export async function markReminded(trx: Trx, id: string, at: Date): Promise<void> {
  await trx.updateTable('handover').set({ reminder_at: at }).where('id', '=', id).where('reminder_at', 'is', null).execute();
}

export const userLanguage = async (trx: Trx, userId: string) =>
  (await trx.selectFrom('app_user').select('preferred_language').where('id', '=', userId).executeTakeFirst())?.preferred_language ?? 'nl';

export const organisationName = async (trx: Trx, organisationId: string) =>
  (await trx.selectFrom('organisation').select('name').where('id', '=', organisationId).executeTakeFirst())?.name ?? '';

