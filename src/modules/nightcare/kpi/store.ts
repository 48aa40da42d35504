import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { KpiIncident } from './aggregate.js';

type Trx = Transaction<Database>;

/**
 * Incidents received in the window, reduced to what the aggregates need. The client id comes along only
 * as a key to count repeats; no identity is read and the service never returns it.
 */
export async function kpiIncidents(trx: Trx, allianceId: string, from: Date, to: Date): Promise<KpiIncident[]> {
  const setOff = (type: string) => sql<Date | null>`(SELECT min(e.at) FROM incident_event e WHERE e.incident_id = i.id AND e.type = ${type})`;
  const rows = await trx
    .selectFrom('incident as i')
    .leftJoin('visit_report as r', 'r.incident_id', 'i.id')
    .select(['i.client_id', 'i.organisation_id', 'i.assigned_organisation_id', 'i.urgency', 'i.status', 'i.outcome', 'i.received_at', 'i.on_site_at', 'i.closed_at', 'r.minutes_on_site'])
    .select(sql<Date | null>`coalesce(${setOff('en_route')}, ${setOff('accepted')})`.as('travel_start_at'))
    .where('i.alliance_id', '=', allianceId)
    .where('i.received_at', '>=', from)
    .where('i.received_at', '<', to)
    .execute();
  return rows.map((r) => ({
    clientKey: r.client_id,
    organisationId: r.organisation_id,
    assignedOrganisationId: r.assigned_organisation_id,
    urgency: r.urgency,
    status: r.status,
    outcome: r.outcome,
    receivedAt: r.received_at,
    onSiteAt: r.on_site_at,
    closedAt: r.closed_at,
    travelStartAt: r.travel_start_at,
    minutesOnSite: r.minutes_on_site,
  }));
}

/** Nurse duties overlapping the window, with the organisation that employs (supplies) each nurse. */
export async function dutiesOverlapping(trx: Trx, allianceId: string, from: Date, to: Date) {
  const rows = await trx
    .selectFrom('nurse_duty')
    .select(['user_id', 'organisation_id', 'starts_at', 'ends_at'])
    .where('alliance_id', '=', allianceId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, organisationId: r.organisation_id, startsAt: r.starts_at, endsAt: r.ends_at }));
}

/** GP-post referrals of incidents received in the window: only their outcomes. */
export const referralOutcomes = (trx: Trx, allianceId: string, from: Date, to: Date) =>
  trx
    .selectFrom('gp_referral as g')
    .innerJoin('incident as i', 'i.id', 'g.incident_id')
    .select('g.outcome')
    .where('i.alliance_id', '=', allianceId)
    .where('i.received_at', '>=', from)
    .where('i.received_at', '<', to)
    .execute();

/** Handovers of nights that started in the window: when each was read. */
export const handoversIn = (trx: Trx, allianceId: string, from: Date, to: Date) =>
  trx
    .selectFrom('handover')
    .select(['shift_start', 'acknowledged_at'])
    .where('alliance_id', '=', allianceId)
    .where('shift_start', '>=', from)
    .where('shift_start', '<', to)
    .execute();

/** Eligible clients (district nursing and/or a personal alarm) per home organisation: a count, no rows. */
export async function eligibleClientCounts(trx: Trx, allianceId: string): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('client')
    .select(['organisation_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('alliance_id', '=', allianceId)
    .where((eb) => eb.or([eb('district_nursing', '=', true), eb('personal_alarm', '=', true)]))
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}

/** Member organisations of the alliance with their kind, for names and for the allocation's lines. */
export const allianceOrganisations = (trx: Trx, allianceId: string) =>
  trx
    .selectFrom('organisation as o')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('m.alliance_id', '=', allianceId)
    .orderBy('o.name')
    .execute();

export const allianceName = async (trx: Trx, allianceId: string) => (await trx.selectFrom('alliance').select('name').where('id', '=', allianceId).executeTakeFirst())?.name ?? '';
