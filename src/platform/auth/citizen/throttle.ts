import { sql } from 'kysely';
import type { Db } from '../../db/index.js';

/**
 * Sign-in links asked for in the last hour, per address as typed (known or not, so a refusal tells
 * nothing about the account) and per client address (an office or a care home may share one). A
 * request is counted before it is checked, so parallel requests cannot all slip under the limit.
 */
export interface SignInThrottle {
  perAddress: number;
  perSource: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottle = { perAddress: 5, perSource: 30 };

const WINDOW = sql<Date>`now() - interval '1 hour'`;

/** Seconds until the oldest counted request leaves the window, or undefined when the request may go ahead. */
export async function chargeSignInRequest(db: Db, throttle: SignInThrottle, email: string, source: string): Promise<number | undefined> {
  const keys = [`address:${email}`, `source:${source}`];
  await db.deleteFrom('citizen_sign_in_request').where('key', 'in', keys).where('at', '<', WINDOW).execute();
  await db.insertInto('citizen_sign_in_request').values(keys.map((key) => ({ key }))).execute();
  const counts = await db
    .selectFrom('citizen_sign_in_request')
    .select(['key', sql<number>`count(*)::int`.as('n'), sql<number>`ceil(extract(epoch FROM min(at) + interval '1 hour' - now()))::int`.as('wait')])
    .where('key', 'in', keys)
    .groupBy('key')
    .execute();
  const over = counts.filter((c) => c.n > (c.key.startsWith('address:') ? throttle.perAddress : throttle.perSource));
  return over.length ? Math.max(1, ...over.map((c) => c.wait)) : undefined;
}
