import { sql, type Insertable } from 'kysely';
import type { Executor, ReadDb } from '../../../platform/db/index.js';
import type { NetworkResourceTable, ResourceKind } from '../tables.js';

export async function insertResource(db: Executor, values: Insertable<NetworkResourceTable>, initiativeIds: string[]): Promise<string> {
  const row = await db.insertInto('network_resource').values(values).returning('id').executeTakeFirstOrThrow();
  if (initiativeIds.length > 0) await db.insertInto('network_resource_initiative').values(initiativeIds.map((initiative_id) => ({ resource_id: row.id, initiative_id }))).execute();
  return row.id;
}

const COLUMNS = ['r.id', 'r.kind', 'r.title', 'r.summary', 'r.url', 'r.themes', 'r.persona', 'r.made_by', 'r.conversations', 'r.made_on', 'r.licence', 'r.fictional', 'o.name as published_by'] as const;

export async function resources(db: ReadDb, where: { kind?: ResourceKind | undefined; theme?: string | undefined; initiativeId?: string | undefined }) {
  return db
    .selectFrom('network_resource as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(COLUMNS)
    .$if(where.kind !== undefined, (q) => q.where('r.kind', '=', where.kind ?? 'persona'))
    .$if(where.theme !== undefined, (q) => q.where(sql<boolean>`r.themes @> ARRAY[${where.theme}]::text[]`))
    .$if(where.initiativeId !== undefined, (q) => q.where('r.id', 'in', (eb) => eb.selectFrom('network_resource_initiative').select('resource_id').where('initiative_id', '=', where.initiativeId ?? '')))
    .orderBy('r.kind')
    .orderBy('r.title')
    .execute();
}

export async function resource(db: ReadDb, id: string) {
  return db.selectFrom('network_resource as r').innerJoin('organisation as o', 'o.id', 'r.organisation_id').select(COLUMNS).where('r.id', '=', id).executeTakeFirst();
}

/** The accepted initiatives a resource is linked to (a link to one not, or no longer, public is not shown). */
export async function linkedInitiatives(db: ReadDb, resourceId: string) {
  return db
    .selectFrom('network_resource_initiative as l')
    .innerJoin('initiative as i', 'i.id', 'l.initiative_id')
    .select(['i.id', 'i.title'])
    .where('l.resource_id', '=', resourceId)
    .where('i.status', '=', 'accepted')
    .orderBy('i.title')
    .execute();
}
