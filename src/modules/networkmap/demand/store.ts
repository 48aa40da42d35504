import type { Insertable } from 'kysely';
import type { Executor, ReadDb } from '../../../platform/db/index.js';
import type { LocalNeedTable } from '../tables.js';

export async function insertNeed(db: Executor, values: Insertable<LocalNeedTable>): Promise<string> {
  const row = await db.insertInto('local_need').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Needs with their municipality and, for a persona as source, the persona's title. */
export async function needs(db: ReadDb, where: { municipalityId?: string | undefined; networkId?: string | undefined }) {
  return db
    .selectFrom('local_need as n')
    .innerJoin('network_municipality as m', 'm.id', 'n.municipality_id')
    .innerJoin('organisation as o', 'o.id', 'n.network_id')
    .leftJoin('network_resource as p', 'p.id', 'n.persona_id')
    .select(['n.id', 'n.municipality_id', 'm.name as municipality', 'm.latitude', 'm.longitude', 'n.network_id', 'o.name as network', 'n.description', 'n.theme', 'n.target_group', 'n.source', 'n.persona_id', 'p.title as persona_title', 'n.noted_on'])
    .$if(where.municipalityId !== undefined, (q) => q.where('n.municipality_id', '=', where.municipalityId ?? ''))
    .$if(where.networkId !== undefined, (q) => q.where('n.network_id', '=', where.networkId ?? ''))
    .orderBy('m.name')
    .orderBy('n.noted_on', 'desc')
    .execute();
}

/** Accepted initiatives that still run (or start) in the given networks: the candidates to meet a need. */
export async function activeInitiativesOf(db: ReadDb, networkIds: string[]) {
  if (networkIds.length === 0) return [];
  return db
    .selectFrom('initiative')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    .select(['initiative.id', 'initiative.title', 'initiative.municipality_id', 'm.name as municipality', 'initiative.network_id', 'initiative.themes', 'initiative.target_groups'])
    .where('initiative.status', '=', 'accepted')
    .where('initiative.stage', '<>', 'stopped')
    .where('initiative.network_id', 'in', networkIds)
    .execute();
}
