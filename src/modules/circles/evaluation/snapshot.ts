import type { Db } from '../../../platform/db/index.js';

/**
 * How old the served figures may be. The evaluation steers an alliance over months, not minutes; over
 * a million tasks computing it takes seconds (bench/results/pathways.md), so a reader gets the stored
 * result while it is younger than this and pays for a new one at most once per period per scope.
 */
export const SNAPSHOT_FRESH_MS = 10 * 60_000;
/** Results of periods nobody asked for in a day are dropped when the alliance stores a new one: any period may be asked for, so they would pile up. */
const SNAPSHOT_KEEP_MS = 24 * 3600_000;

export interface SnapshotKey {
  allianceId: string;
  organisationId: string | null;
  fromDate: string;
  toDate: string;
  minGroup: number;
}

/**
 * The stored figures for the key when fresh, else freshly computed and stored (two readers computing
 * at once both store; the later wins, both correct). The threshold is part of the key, so changing it
 * never serves figures suppressed by the old one.
 */
export async function servedFromSnapshot<T extends object>(db: Db, key: SnapshotKey, now: Date, compute: () => Promise<T>): Promise<T & { computedAt: string }> {
  const where = { alliance_id: key.allianceId, scope: key.organisationId ?? 'alliance', from_date: key.fromDate, to_date: key.toDate, min_group: key.minGroup };
  const stored = await db
    .selectFrom('evaluation_snapshot')
    .select(['body', 'computed_at'])
    .where('alliance_id', '=', where.alliance_id)
    .where('scope', '=', where.scope)
    .where('from_date', '=', where.from_date)
    .where('to_date', '=', where.to_date)
    .where('min_group', '=', where.min_group)
    .executeTakeFirst();
  if (stored && now.getTime() - stored.computed_at.getTime() < SNAPSHOT_FRESH_MS) return { ...(stored.body as T), computedAt: stored.computed_at.toISOString() };
  const figures = await compute();
  const computedAt = new Date();
  await db
    .insertInto('evaluation_snapshot')
    .values({ ...where, computed_at: computedAt, body: JSON.stringify(figures) })
    .onConflict((oc) => oc.columns(['alliance_id', 'scope', 'from_date', 'to_date', 'min_group']).doUpdateSet({ computed_at: computedAt, body: JSON.stringify(figures) }))
    .execute();
  await db.deleteFrom('evaluation_snapshot').where('alliance_id', '=', key.allianceId).where('computed_at', '<', new Date(computedAt.getTime() - SNAPSHOT_KEEP_MS)).execute();
  return { ...figures, computedAt: computedAt.toISOString() };
}
