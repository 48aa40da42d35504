import type { ClientPermit } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';

/** The 4-digit postcode area (Dutch PC4, a whole Danish postcode): the unit a neighbourhood partnership covers. */
export const postcodeArea = (postcode: string): string | undefined => /^\s*([1-9][0-9]{3})/.exec(postcode)?.[1];

/** What the person may choose to show their neighbourhood: their first name and postcode area, nothing more. */
export async function neighbourhoodFacts(executor: Executor, permit: ClientPermit): Promise<{ firstName: string; area: string | undefined }> {
  const row = await executor.selectFrom('client').select(['given_name', 'postcode']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
  return { firstName: row.given_name, area: postcodeArea(row.postcode) };
}

/**
 * The postcode areas of the persons whose circles a citizen is in, per alliance: which neighbourhoods'
 * shared help they see. Only the area leaves this function, and only to decide, never to be shown.
 */
export async function postcodeAreasOf(executor: Executor, clientIds: readonly string[]): Promise<{ allianceId: string; area: string }[]> {
  if (clientIds.length === 0) return [];
  const rows = await executor.selectFrom('client').select(['alliance_id', 'postcode']).where('id', 'in', clientIds).execute();
  return rows.flatMap((r) => {
    const area = postcodeArea(r.postcode);
    return area ? [{ allianceId: r.alliance_id, area }] : [];
  });
}
