import type { ReadDb } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/http/index.js';
import type { PublicInitiative } from '../schemas.js';

/** The public columns of accepted initiatives with their municipality and network. */
export function publicRows(db: ReadDb) {
  return db
    .selectFrom('initiative')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    .innerJoin('organisation as n', 'n.id', 'initiative.network_id')
    .selectAll('initiative')
    .select(['m.name as municipality_name', 'n.name as network_name'])
    .where('initiative.status', '=', 'accepted');
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof publicRows>['executeTakeFirstOrThrow']>>;

/** What anyone may see. Personal contact details only with the contact's consent to publish them. */
export function toPublic(row: PublicRow): PublicInitiative {
  return {
    id: row.id, title: row.title, summary: row.summary, municipality: { id: row.municipality_id, name: row.municipality_name }, network: { id: row.network_id, name: row.network_name },
    place: row.place, partners: row.partners, themes: row.themes, targetGroups: row.target_groups, stage: row.stage, startedOn: row.started_on,
    contact: row.contact_publish ? { name: row.contact_name, email: row.contact_email, phone: row.contact_phone } : null,
    links: row.links, files: row.files, films: row.films, latitude: row.latitude, longitude: row.longitude, lastVerifiedOn: row.last_verified_on,
    wantsSupport: row.wants_support, fictional: row.fictional, acceptedAt: row.accepted_at?.toISOString() ?? null,
  };
}

export async function readPublic(db: ReadDb, id: string): Promise<PublicInitiative> {
  const row = await publicRows(db).where('initiative.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Initiative');
  return toPublic(row);
}

/** A municipality's page: its network and its accepted initiatives. */
export async function municipalityPage(db: ReadDb, id: string) {
  const municipality = await db
    .selectFrom('network_municipality as m')
    .innerJoin('organisation as n', 'n.id', 'm.network_id')
    .select(['m.id', 'm.name', 'm.latitude', 'm.longitude', 'n.id as network_id', 'n.name as network_name'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!municipality) throw notFound('Municipality');
  const rows = await publicRows(db).where('initiative.municipality_id', '=', id).orderBy('initiative.title').execute();
  return {
    id: municipality.id, name: municipality.name, latitude: municipality.latitude, longitude: municipality.longitude,
    network: { id: municipality.network_id, name: municipality.network_name }, initiatives: rows.map(toPublic),
  };
}
