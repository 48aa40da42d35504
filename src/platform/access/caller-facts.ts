import { sql } from 'kysely';
import type { Executor } from '../db/index.js';
import type { AccessContext } from './context.js';

/** The purpose cross-organisation sharing serves; data-sharing agreements must cover it. */
export const SHARING_PURPOSE = 'nightcare';

/** What decides cross-organisation access besides the client's own facts: all about the caller. */
export interface CallerFacts {
  /** `alliance/organisation` pairs whose night-care agreement is in force today, in the caller's alliances. */
  sharing: Set<string>;
  /** The caller's active grants on the asked clients, newest first. */
  grants: { id: string; client_id: string; kind: 'assignment' | 'emergency' }[];
  /** Alliances whose night team the caller belongs to (with this organisation). */
  nightTeam: Set<string>;
  /** Of those, the alliances whose night shift is running now: the caller is on duty there. */
  onDuty: Set<string>;
}

/**
 * One statement for all the caller's facts, run the same way whichever clients are asked and whether
 * they exist, so a refusal costs what an unknown id costs (nothing to time). The night shift is the
 * alliance's wall-clock window in its own zone, compared in PostgreSQL so a DST night needs no care here.
 */
export async function loadCallerFacts(trx: Executor, ctx: AccessContext, clientIds: string[], now = new Date()): Promise<CallerFacts> {
  const userId = ctx.actorKind === 'user' ? ctx.actorId : null;
  const today = now.toISOString().slice(0, 10);
  const localTime = sql`(${now}::timestamptz AT TIME ZONE a.time_zone)::time`;
  const { rows } = await sql<{ sharing: string[]; grants: CallerFacts['grants']; team: { alliance: string; on_duty: boolean }[] }>`
    SELECT
      ARRAY(
        SELECT d.alliance_id || '/' || d.organisation_id FROM data_sharing_agreement d
        WHERE d.alliance_id = ANY(${ctx.allianceIds}::uuid[]) AND d.purposes @> ARRAY[${SHARING_PURPOSE}]::text[]
          AND d.starts_on <= ${today}::date AND (d.ends_on IS NULL OR d.ends_on >= ${today}::date)
      ) AS sharing,
      COALESCE((
        SELECT json_agg(json_build_object('id', g.id, 'client_id', g.client_id, 'kind', g.kind) ORDER BY g.granted_at DESC) FROM access_grant g
        WHERE g.user_id = ${userId}::uuid AND g.organisation_id = ${ctx.organisationId}::uuid AND g.client_id = ANY(${clientIds}::uuid[])
          AND g.revoked_at IS NULL AND g.expires_at > ${now}::timestamptz
      ), '[]'::json) AS grants,
      COALESCE((
        SELECT json_agg(json_build_object('alliance', t.alliance_id, 'on_duty',
          CASE WHEN a.night_shift_end <= a.night_shift_start
            THEN ${localTime} >= a.night_shift_start OR ${localTime} < a.night_shift_end
            ELSE ${localTime} >= a.night_shift_start AND ${localTime} < a.night_shift_end END))
        FROM team_member m JOIN team t ON t.id = m.team_id JOIN alliance a ON a.id = t.alliance_id
        WHERE m.user_id = ${userId}::uuid AND m.organisation_id = ${ctx.organisationId}::uuid AND t.purpose = ${SHARING_PURPOSE}
          AND t.alliance_id = ANY(${ctx.allianceIds}::uuid[])
      ), '[]'::json) AS team
  `.execute(trx);
  const row = rows[0] ?? { sharing: [], grants: [], team: [] };
  return {
    sharing: new Set(row.sharing),
    grants: row.grants,
    nightTeam: new Set(row.team.map((t) => t.alliance)),
    onDuty: new Set(row.team.filter((t) => t.on_duty).map((t) => t.alliance)),
  };
}
