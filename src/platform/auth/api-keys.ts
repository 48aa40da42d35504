import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.js';
import { chooseActingAlliance, type ApiKeyContext } from '../access/index.js';

/** Keys look like `sz_<prefix>_<secret>`; only a SHA-256 of the whole key is stored (it has 256 bits of entropy). */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `sz_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: createHash('sha256').update(key).digest('hex') };
}

export async function apiKeyContext(db: Db, key: string): Promise<ApiKeyContext | undefined> {
  const match = /^sz_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  if (!match) return undefined;
  const row = await db
    .selectFrom('api_key')
    .select(['id', 'name', 'organisation_id', 'key_hash', 'messaging'])
    .where('prefix', '=', match[1] ?? '')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const given = createHash('sha256').update(key).digest();
  if (!timingSafeEqual(given, Buffer.from(row.key_hash, 'hex'))) return undefined;
  const alliances = await db.selectFrom('alliance_membership').select('alliance_id').where('organisation_id', '=', row.organisation_id).execute();
  const allianceIds = alliances.map((a) => a.alliance_id);
  // A key is scoped to its organisation; it acts in that organisation's only alliance, or names one per request.
  const ctx: ApiKeyContext = { actorKind: 'api_key', actorId: row.id, actorName: `api-key:${row.name}`, organisationId: row.organisation_id, roles: [], allianceIds, allianceId: chooseActingAlliance(allianceIds, null) };
  return row.messaging ? { ...ctx, messaging: true } : ctx;
}
