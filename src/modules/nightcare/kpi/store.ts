import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { KpiIncident } from './aggregate.js';

type Trx = Transaction<Database>;

/** Incidents received in the window, reduced to what the aggregates need: no client ids leave this query. */
export async function kpiIncidents(trx: Trx, allianceId: string, from: Date, to: Date): Promise<KpiIncident[]> {
  const rows = await trx
    .selectFrom('incident as i')
    .leftJoin('visit_report as r', 'r.incident_id', 'i.id')
    .select(['i.organisation_id', 'i.urgency', 'i.status', 'i.outcome', 'i.received_at', 'i.on_site_at', 'r.minutes_on_site'])
    .where('i.alliance_id', '=', allianceId)
    .where('i.received_at', '>=', from)
    .where('i.received_at', '<', to)
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    urgency: r.urgency,
    status: r.status,
    outcome: r.outcome,
    receivedAt: r.received_at,
    onSiteAt: r.on_site_at,
    minutesOnSite: r.minutes_on_site,
  }));
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
