import { sql } from 'kysely';
import type { ReadDb } from '../../../platform/db/index.js';

export interface SearchFilters {
  q?: string | undefined;
  municipalityId?: string | undefined;
  networkId?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  stage?: string | undefined;
}

/** Only accepted initiatives are public; the filters narrow them, the Dutch text search (stemming, stop words) matches words. */
function matching(db: ReadDb, f: SearchFilters) {
  return db
    .selectFrom('initiative')
    .where('initiative.status', '=', 'accepted')
    .$if(Boolean(f.q), (q) => q.where(sql<boolean>`initiative.search @@ websearch_to_tsquery('dutch', ${f.q})`))
    .$if(Boolean(f.municipalityId), (q) => q.where('initiative.municipality_id', '=', f.municipalityId ?? ''))
    .$if(Boolean(f.networkId), (q) => q.where('initiative.network_id', '=', f.networkId ?? ''))
    .$if(Boolean(f.theme), (q) => q.where(sql<boolean>`initiative.themes @> ARRAY[${f.theme}]::text[]`))
    .$if(Boolean(f.targetGroup), (q) => q.where(sql<boolean>`initiative.target_groups @> ARRAY[${f.targetGroup}]::text[]`))
    .$if(Boolean(f.stage), (q) => q.where('initiative.stage', '=', (f.stage ?? 'running') as 'running'));
}

/** The matching initiatives with their municipality, whose centre the map uses for those without coordinates. */
export function filtered(db: ReadDb, f: SearchFilters) {
  return matching(db, f).innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id');
}

/** Past this many matches the list says "more than"; counting every match of a broad filter would cost more than the page itself. */
export const COUNT_CAP = 1000;

/**
 * One page of the list view: best match first when searching, else newest accepted first; the total
 * capped at COUNT_CAP. Ranking reads every match (a common word matches a fifth of 100,000), so the
 * page is chosen on the initiative's own row first and only its 20 rows are joined to their
 * municipality and network (joining every match first cost a third of the search's time).
 */
export async function searchInitiatives(db: ReadDb, f: SearchFilters, page: { offset: number; limit: number }) {
  const rank = f.q ? sql<number>`ts_rank(initiative.search, websearch_to_tsquery('dutch', ${f.q}))` : sql<number>`0::real`;
  const top = matching(db, f)
    .select(['initiative.id', 'initiative.accepted_at', rank.as('rank')])
    .$if(Boolean(f.q), (q) => q.orderBy(rank, 'desc'))
    .orderBy('initiative.accepted_at', 'desc')
    .orderBy('initiative.id')
    .offset(page.offset)
    .limit(page.limit);
  const rows = await db
    .selectFrom(top.as('top'))
    .innerJoin('initiative', 'initiative.id', 'top.id')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    // The network's name is for the list only: the map's sums never pay for that join.
    .innerJoin('organisation as n', 'n.id', 'initiative.network_id')
    .select(['initiative.id', 'initiative.title', 'initiative.summary', 'initiative.stage', 'initiative.themes', 'initiative.place', 'initiative.fictional', 'm.id as municipality_id', 'm.name as municipality', 'n.name as network'])
    .orderBy('top.rank', 'desc')
    .orderBy('top.accepted_at', 'desc')
    .orderBy('top.id')
    .execute();
  const capped = await db
    .selectFrom(matching(db, f).select('initiative.id').limit(COUNT_CAP + 1).as('matches'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(capped.n);
  return { total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, items: rows };
}
