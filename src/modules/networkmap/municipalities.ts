import type { ReadDb } from '../../platform/db/index.js';
import { invalid } from '../../platform/http/index.js';

/** A municipality with its network and the alliance the network works in (whose outbox carries the mail). */
export async function municipalityWithNetwork(db: ReadDb, municipalityId: string) {
  const row = await db
    .selectFrom('network_municipality as m')
    .innerJoin('organisation as n', 'n.id', 'm.network_id')
    .select(['m.id', 'm.name', 'm.alliance_id', 'm.network_id', 'n.name as network_name', 'm.latitude', 'm.longitude'])
    .where('m.id', '=', municipalityId)
    .executeTakeFirst();
  if (!row) throw invalid('Unknown municipality', [{ path: 'municipalityId', code: 'unknown', message: 'not in any network region' }]);
  return row;
}

/** Every municipality in a network's region, with its network: the form's choice and the map's base layer. */
export async function listMunicipalities(db: ReadDb) {
  return db
    .selectFrom('network_municipality as m')
    .innerJoin('organisation as n', 'n.id', 'm.network_id')
    .select((eb) => [
      'm.id', 'm.name', 'm.latitude', 'm.longitude', 'm.network_id', 'n.name as network_name',
      eb.selectFrom('initiative').select(eb.fn.countAll<number>().as('n')).whereRef('initiative.municipality_id', '=', 'm.id').where('initiative.status', '=', 'accepted').as('initiatives'),
    ])
    .orderBy('m.name')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, initiatives: Number(r.initiatives ?? 0) })));
}
