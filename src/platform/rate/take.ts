import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { SecretBox } from '../crypto/index.js';
import type { Db } from '../db/index.js';

/** One limit: at most `limit` takes per source in a window of `windowMs` from the source's first take. */
export interface RateRule {
  /** Names the count, and the HKDF label of its key: a source's count under one purpose says nothing of another's. */
  purpose: string;
  windowMs: number;
  limit: number;
}

export type Taken = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What a take needs: the primary (every instance must see one count), the key root, and the caller's clock. */
export interface RateDeps {
  db: Db;
  secretBox: SecretBox;
  now: () => Date;
}

/** Lapsed windows one new window removes: enough that lapsed rows never outgrow the live ones, few enough to stay cheap. */
const PRUNE_BATCH = 100;

/**
 * Counts one take by `source` (an address, or an address and what it asked) and says whether it is within
 * the rule. One statement counts and decides, so parallel takes on any instance get exactly `limit` through:
 * the upsert holds the row's lock until it has counted, and a lapsed window restarts in the same update.
 * The database sees only an HMAC of the source under a key derived from SECRET_KEY.
 */
export async function take(deps: RateDeps, rule: RateRule, source: string): Promise<Taken> {
  const key = createHmac('sha256', deps.secretBox.subKey(rule.purpose)).update(source).digest();
  const now = deps.now();
  const { rows } = await sql<{ taken: number; expires_at: Date }>`
    INSERT INTO rate_window AS w (purpose, key_hash, expires_at, taken)
    VALUES (${rule.purpose}, ${key}, ${new Date(now.getTime() + rule.windowMs)}, 1)
    ON CONFLICT (purpose, key_hash) DO UPDATE SET
      -- Refused takes stop counting at limit + 1: the count only has to say "over".
      taken = CASE WHEN w.expires_at <= ${now} THEN 1 ELSE least(w.taken, ${rule.limit}) + 1 END,
      expires_at = CASE WHEN w.expires_at <= ${now} THEN excluded.expires_at ELSE w.expires_at END
    RETURNING taken, expires_at`.execute(deps.db);
  const row = rows[0];
  if (!row) throw new Error('rate_window upsert returned no row');
  if (row.taken === 1) await pruneLapsed(deps.db, rule.purpose, now);
  if (row.taken <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.expires_at.getTime() - now.getTime()) / 1000)) };
}

/**
 * Each new window sweeps up to a batch of its purpose's lapsed ones, so the table holds about the live
 * windows. Its own statement, and SKIP LOCKED: it never waits for a take, so no take waits for it in a cycle.
 * Per purpose, because each purpose's windows are measured on its caller's clock.
 */
async function pruneLapsed(db: Db, purpose: string, now: Date): Promise<void> {
  await sql`
    DELETE FROM rate_window WHERE purpose = ${purpose} AND key_hash IN (
      SELECT key_hash FROM rate_window WHERE purpose = ${purpose} AND expires_at <= ${now}
      ORDER BY expires_at LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`.execute(db);
}
