import type { Executor } from '../../platform/db/index.js';

/** The alliance's neighbourhood partnership that covers a postcode area, if any (the first by name when two overlap). */
export const neighbourhoodOfArea = (executor: Executor, allianceId: string, area: string) =>
  executor
    .selectFrom('neighbourhood')
    .select(['id', 'name'])
    .where('alliance_id', '=', allianceId)
    .where((eb) => eb(eb.val(area), '=', eb.fn.any('postcodes')))
    .orderBy('name')
    .executeTakeFirst();

/**
 * The neighbourhoods a citizen belongs to: those covering the postcode areas of the circles they are
 * in, and those they volunteer in. Their shared help is what the citizen sees.
 */
export async function neighbourhoodsOf(executor: Executor, citizenId: string, areas: readonly { allianceId: string; area: string }[]): Promise<string[]> {
  const byArea = [];
  // One statement per area, in turn: a citizen is in a circle or two, and a transaction takes one statement at a time.
  for (const a of areas) byArea.push(await neighbourhoodOfArea(executor, a.allianceId, a.area));
  const volunteering = await executor.selectFrom('neighbourhood_volunteer').select('neighbourhood_id').where('citizen_id', '=', citizenId).execute();
  return [...new Set([...byArea.flatMap((n) => (n ? [n.id] : [])), ...volunteering.map((v) => v.neighbourhood_id)])];
}

export const neighbourhoodNames = async (executor: Executor, ids: readonly string[]) =>
  new Map(ids.length === 0 ? [] : (await executor.selectFrom('neighbourhood').select(['id', 'name']).where('id', 'in', ids).execute()).map((n) => [n.id, n.name]));
