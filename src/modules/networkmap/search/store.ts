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
export function filtered(db: ReadDb, f: SearchFilters) {
  return db
    .selectFrom('initiative')
    .innerJoin('network_municipality as m', 'm.id', 'initiative.municipality_id')
    .where('initiative.status', '=', 'accepted')
    .$if(Boolean(f.q), (q) => q.where(sql<boolean>`initiative.search @@ websearch_to_tsquery('dutch', ${f.q})`))
    .$if(Boolean(f.municipalityId), (q) => q.where('initiative.municipality_id', '=', f.municipalityId ?? ''))
    .$if(Boolean(f.networkId), (q) => q.where('initiative.network_id', '=', f.networkId ?? ''))
    .$if(Boolean(f.theme), (q) => q.where(sql<boolean>`initiative.themes @> ARRAY[${f.theme}]::text[]`))
    .$if(Boolean(f.targetGroup), (q) => q.where(sql<boolean>`initiative.target_groups @> ARRAY[${f.targetGroup}]::text[]`))
    .$if(Boolean(f.stage), (q) => q.where('initiative.stage', '=', (f.stage ?? 'running') as 'running'));
}

/** Past this many matches the list says "more than"; counting every match of a broad filter would cost more than the page itself. */
export const COUNT_CAP = 1000;

/** One page of the list view: best match first when searching, else newest accepted first; the total capped at COUNT_CAP. */
export async function searchInitiatives(db: ReadDb, f: SearchFilters, page: { offset: number; limit: number }) {
  const rows = await filtered(db, f)
    // The network's name is for the list only: the map's sums never pay for that join.
    .innerJoin('organisation as n', 'n.id', 'initiative.network_id')
    .select(['initiative.id', 'initiative.title', 'initiative.summary', 'initiative.stage', 'initiative.themes', 'initiative.place', 'initiative.fictional', 'm.id as municipality_id', 'm.name as municipality', 'n.name as network'])
    .$if(Boolean(f.q), (q) => q.orderBy(sql`ts_rank(initiative.search, websearch_to_tsquery('dutch', ${f.q}))`, 'desc'))
    .orderBy('initiative.accepted_at', 'desc')
    .orderBy('initiative.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const capped = await db
    .selectFrom(filtered(db, f).select('initiative.id').limit(COUNT_CAP + 1).as('matches'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(capped.n);
  return { total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, items: rows };
}
