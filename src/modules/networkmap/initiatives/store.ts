import type { Insertable, Selectable, Updateable } from 'kysely';
import { formatInTimeZone } from 'date-fns-tz';
import type { Db, Executor } from '../../../platform/db/index.js';
import type { InitiativeEventTable, InitiativeTable } from '../tables.js';

export type InitiativeRow = Selectable<InitiativeTable>;
export type InitiativeValues = Insertable<InitiativeTable>;
export type Actor = Pick<Insertable<InitiativeEventTable>, 'actor_kind' | 'actor_user_id'>;

/** Fields whose changes the history keeps (tokens and derived columns are not history). */
const TRACKED = [
  'title', 'summary', 'place', 'municipality_id', 'network_id', 'partners', 'themes', 'target_groups', 'stage', 'started_on', 'contact_name', 'contact_email', 'contact_phone',
  'contact_publish', 'links', 'files', 'films', 'latitude', 'longitude', 'last_verified_on', 'wants_support', 'support_status', 'status', 'status_reason',
] as const;

const comparable = (value: unknown) => JSON.stringify(value instanceof Date ? value.toISOString() : value ?? null);

/** Before and after of every tracked field the patch really changes. */
export function changesOf(before: InitiativeRow | undefined, patch: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of TRACKED) {
    if (!(field in patch)) continue;
    const to = field === 'partners' && typeof patch[field] === 'string' ? (JSON.parse(patch[field]) as unknown) : patch[field];
    const from = before ? before[field] : null;
    if (comparable(from) !== comparable(to)) changes[field] = { from, to };
  }
  return changes;
}

/** A new initiative and the first line of its history, in one statement's transaction by the caller. */
export async function insertInitiative(db: Executor, values: InitiativeValues, actor: Actor, action: string): Promise<string> {
  const row = await db.insertInto('initiative').values(values).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('initiative_event')
    .values({ initiative_id: row.id, ...actor, action, to_status: values.status, changes: JSON.stringify(changesOf(undefined, values)) })
    .execute();
  return row.id;
}

/** Changes an initiative the caller has locked, and records who changed what, from which state to which, and why. */
export async function changeInitiative(
  db: Executor,
  before: InitiativeRow,
  patch: Updateable<InitiativeTable>,
  event: Actor & { action: string; reason?: string },
  at: Date,
): Promise<void> {
  await db.updateTable('initiative').set({ ...patch, updated_at: at }).where('id', '=', before.id).execute();
  await db
    .insertInto('initiative_event')
    .values({
      initiative_id: before.id, actor_kind: event.actor_kind, actor_user_id: event.actor_user_id ?? null, action: event.action, at,
      from_status: before.status, to_status: patch.status ?? before.status, reason: event.reason ?? '', changes: JSON.stringify(changesOf(before, patch)),
    })
    .execute();
}

export async function lockInitiative(db: Executor, where: { id?: string; confirmTokenHash?: string; editTokenHash?: string; verifyTokenHash?: string }) {
  let query = db.selectFrom('initiative').selectAll();
  if (where.id) query = query.where('id', '=', where.id);
  if (where.confirmTokenHash) query = query.where('confirm_token_hash', '=', where.confirmTokenHash);
  if (where.editTokenHash) query = query.where('edit_token_hash', '=', where.editTokenHash);
  if (where.verifyTokenHash) query = query.where('verify_token_hash', '=', where.verifyTokenHash);
  return query.forUpdate().executeTakeFirst();
}

export async function history(db: Db, initiativeId: string) {
  return db
    .selectFrom('initiative_event')
    .leftJoin('app_user', 'app_user.id', 'initiative_event.actor_user_id')
    .select(['initiative_event.id', 'initiative_event.at', 'initiative_event.actor_kind', 'app_user.name as actor_name', 'initiative_event.action', 'initiative_event.from_status', 'initiative_event.to_status', 'initiative_event.reason', 'initiative_event.changes'])
    .where('initiative_id', '=', initiativeId)
    .orderBy('initiative_event.id')
    .execute();
}

/** Partners flattened for the similarity check and the Dutch full-text search. */
export const partnerNames = (partners: { name: string }[]) => partners.map((p) => p.name).join(', ');

/** The networks are Dutch: a verification date is the day in the Netherlands. */
export const dayOf = (now: Date) => formatInTimeZone(now, 'Europe/Amsterdam', 'yyyy-MM-dd');
