import { sql } from 'kysely';
import type { Db } from '../../db/index.js';

/**
 * Forgets what no longer counts: throttle entries older than the hour they count in, sessions past
 * their end, and links a day after they expired (kept that long so a late click is still refused as
 * "used or expired" and audited under its citizen, rather than as an unknown token).
 */
export async function pruneCitizenSignIn(db: Db): Promise<void> {
  await db.deleteFrom('citizen_sign_in_request').where('at', '<', sql<Date>`now() - interval '1 hour'`).execute();
  await db.deleteFrom('citizen_session').where('expires_at', '<', sql<Date>`now()`).execute();
  await db.deleteFrom('citizen_sign_in_link').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}
