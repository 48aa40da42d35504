import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

export interface UnmetSearch {
  allianceId: string;
  municipality: string;
  stayMonth: string;
  nightsBucket: '1' | '2-3' | '4-7' | '8+';
  offerType: string | null;
  reason: 'no_room' | 'no_fit';
  searchedOn: string;
}

export async function logUnmetSearch(db: Executor, s: UnmetSearch): Promise<void> {
  await db
    .insertInto('respite_unmet_search')
    .values({ alliance_id: s.allianceId, municipality: s.municipality, stay_month: s.stayMonth, nights_bucket: s.nightsBucket, offer_type: s.offerType, reason: s.reason, searched_on: s.searchedOn })
    .execute();
}

/** Searches in the period (by the day they were made) per municipality and reason. */
export async function unmetSearchCounts(db: Executor, allianceId: string, from: string, until: string) {
  const { rows } = await sql<{ municipality: string; reason: 'no_room' | 'no_fit'; n: number }>`
    SELECT municipality, reason, count(*)::int AS n FROM respite_unmet_search
    WHERE alliance_id = ${allianceId} AND searched_on >= ${from}::date AND searched_on < ${until}::date
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows;
}
