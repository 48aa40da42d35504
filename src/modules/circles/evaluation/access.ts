import { actingAlliance, hasRole, type AccessContext, type Role } from '../../../platform/access/index.js';
import type { Db } from '../../../platform/db/index.js';
import { forbidden, notFound } from '../../../platform/http/index.js';

/** Without a row of its own an alliance has these; the threshold is our choice (see migration 0031). */
export const DEFAULT_SETTINGS = { minGroup: 10, readerRoles: ['alliance_admin', 'organisation_admin', 'coordinator'] as Role[] };

export interface EvaluationScope {
  allianceId: string;
  /** Null: the whole alliance; else the persons whose circle this organisation keeps. */
  organisationId: string | null;
  timeZone: string;
  minGroup: number;
}

/**
 * Who sees the evaluation: staff in a role the alliance allows. The figures are aggregates without
 * person-level data, so no client-level check applies; the role decides. The alliance's
 * administrators may look at any of its organisations, other readers at the whole alliance or their own.
 */
export async function evaluationScope(db: Db, ctx: AccessContext, query: { allianceId?: string; organisationId?: string }): Promise<EvaluationScope> {
  if (ctx.actorKind !== 'user') throw forbidden('Only staff see the evaluation');
  const allianceId = actingAlliance(ctx, query.allianceId);
  const row = await db
    .selectFrom('alliance as a')
    .leftJoin('evaluation_settings as s', 's.alliance_id', 'a.id')
    .select(['a.time_zone', 's.min_group', 's.reader_roles'])
    .where('a.id', '=', allianceId)
    .executeTakeFirstOrThrow();
  if (!hasRole(ctx, ...(row.reader_roles ?? DEFAULT_SETTINGS.readerRoles))) throw forbidden('Your role does not see the evaluation in this alliance');
  const organisationId = query.organisationId ?? null;
  if (organisationId && organisationId !== ctx.organisationId) {
    if (!hasRole(ctx, 'alliance_admin')) throw forbidden('Only alliance administrators see another organisation’s evaluation');
    const member = await db.selectFrom('alliance_membership').select('organisation_id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirst();
    if (!member) throw notFound('Organisation');
  }
  return { allianceId, organisationId, timeZone: row.time_zone, minGroup: row.min_group ?? DEFAULT_SETTINGS.minGroup };
}
