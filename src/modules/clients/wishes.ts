import { sql } from 'kysely';
import type { ClientPermit } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';

/**
 * Wishes for the last phase of life are one fact: the night summary's `wishes`, which the night team
 * reads at the bedside. A care circle's plan shows and edits this same field, never a copy of it.
 */
export async function lastPhaseWishes(executor: Executor, permit: ClientPermit): Promise<string> {
  const row = await executor.selectFrom('client').select('night_summary').where('id', '=', permit.clientId).executeTakeFirstOrThrow();
  return row.night_summary.wishes ?? '';
}

/** Changes the night summary's wishes in place, inside the caller's audited change. */
export async function setLastPhaseWishes(executor: Executor, permit: ClientPermit, wishes: string): Promise<void> {
  await executor
    .updateTable('client')
    .set({ night_summary: sql<string>`jsonb_set(night_summary, '{wishes}', to_jsonb(${wishes}::text))` })
    .where('id', '=', permit.clientId)
    .execute();
}

/** The person's name, for a circle's heading, once the caller's access is decided and audited. */
export async function personName(executor: Executor, permit: ClientPermit): Promise<string> {
  const row = await executor.selectFrom('client').select(['given_name', 'family_name']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();
  return `${row.given_name} ${row.family_name}`;
}
