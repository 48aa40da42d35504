import { sql } from 'kysely';
import type { Executor } from '../db/index.js';
import type { AccessContext } from './context.js';
import type { SharingPurpose } from './purposes.js';

/** A recorded consent naming the caller (or the caller's organisation) for one of the asked clients. */
export interface ConsentFact {
  id: string;
  client_id: string;
  levels: string[];
}

/** What decides cross-organisation access besides the client's own facts: all about the caller. */
export interface CallerFacts {
  /** `alliance/organisation` pairs whose agreement for the purpose is in force today, in the caller's alliances. */
  sharing: Set<string>;
  /** Recorded, unwithdrawn consents for the purpose that name the caller's organisation (and the caller, or anyone in it). */
  consents: ConsentFact[];
  /** For a citizen: the asked clients they act for as the person or the legal representative. */
  links: { client_id: string; relation: 'self' | 'representative' }[];
  /** The caller's active grants for the purpose on the asked clients (a stay grant: the caller's organisation's), newest first. */
  grants: { id: string; client_id: string; kind: 'assignment' | 'emergency' | 'stay' }[];
  /** Alliances whose team for the purpose (the night team) the caller belongs to (with this organisation). */
  nightTeam: Set<string>;
  /** Of those, the alliances whose night shift is running now: the caller is on duty there. */
  onDuty: Set<string>;
}

/**
 * One statement for all the caller's facts, run the same way whichever clients are asked and whether
 * they exist, so a refusal costs what an unknown id costs (nothing to time). The night shift is the
 * alliance's wall-clock window in its own zone, compared in PostgreSQL so a DST night needs no care here.
 */
export async function loadCallerFacts(trx: Executor, ctx: AccessContext, clientIds: string[], purpose: SharingPurpose, now = new Date()): Promise<CallerFacts> {
  // A machine acting for a person has that person's grants (the decision then keeps only its bound one).
  const userId = ctx.actorKind === 'user' ? ctx.actorId : ctx.actorKind === 'machine_for_person' ? ctx.personUserId : null;
  // A citizen's context carries the client's organisation: consents to that organisation are not theirs.
  const citizenId = ctx.actorKind === 'citizen' ? ctx.actorId : null;
  const consentOrganisation = ctx.actorKind === 'citizen' ? null : ctx.organisationId;
  const today = now.toISOString().slice(0, 10);
  const localTime = sql`(${now}::timestamptz AT TIME ZONE a.time_zone)::time`;
  const { rows } = await sql<{ sharing: string[]; grants: CallerFacts['grants']; consents: ConsentFact[]; links: CallerFacts['links']; team: { alliance: string; on_duty: boolean }[] }>`
    SELECT
      ARRAY(
        SELECT d.alliance_id || '/' || d.organisation_id FROM data_sharing_agreement d
        WHERE d.alliance_id = ANY(${ctx.allianceIds}::uuid[]) AND d.purposes @> ARRAY[${purpose}]::text[]
          AND d.starts_on <= ${today}::date AND (d.ends_on IS NULL OR d.ends_on >= ${today}::date)
      ) AS sharing,
      COALESCE((
        SELECT json_agg(json_build_object('id', g.id, 'client_id', g.client_id, 'kind', g.kind) ORDER BY g.granted_at DESC) FROM access_grant g
        WHERE (g.user_id = ${userId}::uuid OR (g.user_id IS NULL AND g.kind = 'stay' AND ${userId}::uuid IS NOT NULL))
          AND g.organisation_id = ${ctx.organisationId}::uuid AND g.client_id = ANY(${clientIds}::uuid[])
          AND g.purpose = ${purpose} AND g.revoked_at IS NULL AND g.expires_at > ${now}::timestamptz
      ), '[]'::json) AS grants,
      COALESCE((
        SELECT json_agg(json_build_object('id', c.id, 'client_id', c.client_id, 'levels', c.levels) ORDER BY c.given_at DESC) FROM client_consent c
        WHERE ((c.grantee_organisation_id = ${consentOrganisation}::uuid AND (c.grantee_user_id IS NULL OR c.grantee_user_id = ${userId}::uuid)) OR c.grantee_citizen_id = ${citizenId}::uuid)
          AND c.client_id = ANY(${clientIds}::uuid[]) AND c.purpose = ${purpose}
          AND c.given_at <= ${now}::timestamptz AND c.withdrawn_at IS NULL AND (c.ends_at IS NULL OR c.ends_at > ${now}::timestamptz)
      ), '[]'::json) AS consents,
      COALESCE((
        SELECT json_agg(json_build_object('client_id', l.client_id, 'relation', l.relation)) FROM client_citizen_link l
        WHERE l.citizen_id = ${citizenId}::uuid AND l.client_id = ANY(${clientIds}::uuid[]) AND l.ended_at IS NULL
      ), '[]'::json) AS links,
      COALESCE((
        SELECT json_agg(json_build_object('alliance', t.alliance_id, 'on_duty',
          CASE WHEN a.night_shift_end <= a.night_shift_start
            THEN ${localTime} >= a.night_shift_start OR ${localTime} < a.night_shift_end
            ELSE ${localTime} >= a.night_shift_start AND ${localTime} < a.night_shift_end END))
        FROM team_member m JOIN team t ON t.id = m.team_id JOIN alliance a ON a.id = t.alliance_id
        WHERE m.user_id = ${userId}::uuid AND m.organisation_id = ${ctx.organisationId}::uuid AND t.purpose = ${purpose}
          AND t.alliance_id = ANY(${ctx.allianceIds}::uuid[])
      ), '[]'::json) AS team
  `.execute(trx);
  const row = rows[0] ?? { sharing: [], grants: [], consents: [], links: [], team: [] };
  return {
    sharing: new Set(row.sharing),
    grants: row.grants,
    consents: row.consents,
    links: row.links,
    nightTeam: new Set(row.team.map((t) => t.alliance)),
    onDuty: new Set(row.team.filter((t) => t.on_duty).map((t) => t.alliance)),
  };
}
