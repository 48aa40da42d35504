import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

/**
 * Repair: the map's kept counts recounted from the accepted initiatives (migration 0038's function,
 * which holds writers of initiatives until it commits). The trigger keeps them right on every write;
 * this is for a restore of part of the data, a manual fix in SQL, or a TRUNCATE, which fires no trigger.
 */
export async function rebuildMapCounts(db: Executor): Promise<{ rows: number; initiatives: number }> {
  await sql`SELECT initiative_map_count_rebuild()`.execute(db);
  const { rows } = await sql<{ rows: number; initiatives: number }>`
    SELECT count(*)::int AS rows, coalesce(sum(n) FILTER (WHERE theme = '' AND target_group = ''), 0)::int AS initiatives FROM initiative_map_count`.execute(db);
  return rows[0] ?? { rows: 0, initiatives: 0 };
}
