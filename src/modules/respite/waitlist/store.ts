import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/index.js';

export interface Candidate {
  id: string;
  client_id: string;
  contact_email: string;
  /** The nights offered: the freed nights within the wanted period. */
  from: string;
  to: string;
  needs: unknown;
}

/**
 * Who waits for these nights at this location, oldest first, locked so two sweeps never offer the same
 * entry; an entry that let a hold on these nights pass (or declined it) is not asked again.
 */
export async function waitingFor(trx: Executor, locationId: string, from: string, to: string): Promise<Candidate[]> {
  const range = `[${from},${to})`;
  const { rows } = await sql<Candidate>`
    SELECT w.id, w.client_id, w.contact_email, lower(w.wanted * ${range}::daterange)::text AS "from", upper(w.wanted * ${range}::daterange)::text AS "to", n.needs
    FROM respite_waitlist w LEFT JOIN respite_needs n ON n.client_id = w.client_id
    WHERE w.location_id = ${locationId} AND w.status = 'waiting' AND w.wanted && ${range}::daterange
      AND NOT EXISTS (SELECT 1 FROM respite_booking k WHERE k.waitlist_id = w.id AND k.status IN ('expired', 'declined') AND k.nights && ${range}::daterange)
    ORDER BY w.created_at, w.id
    FOR UPDATE OF w SKIP LOCKED`.execute(trx);
  return rows;
}

export async function setWaitlistStatus(trx: Executor, id: string, status: 'waiting' | 'offered' | 'placed' | 'withdrawn'): Promise<void> {
  await trx.updateTable('respite_waitlist').set({ status }).where('id', '=', id).execute();
}

/** Holds whose time ran out, locked so that only one instance passes each on. */
export async function expiredHolds(trx: Executor, now: Date) {
  const { rows } = await sql<{ id: string; bed_id: string; location_id: string; from: string; to: string; waitlist_id: string | null }>`
    SELECT id, bed_id, location_id, lower(nights)::text AS "from", upper(nights)::text AS "to", waitlist_id FROM respite_booking
    WHERE status = 'held' AND hold_expires_at <= ${now}
    ORDER BY hold_expires_at
    FOR UPDATE SKIP LOCKED`.execute(trx);
  return rows;
}
