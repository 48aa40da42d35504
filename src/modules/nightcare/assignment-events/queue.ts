import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../../../platform/db/index.js';
import type { AssignmentEventKind } from './tables.js';

/** What a subscriber learns of an assignment: the incident, the nurse, the client's organisation, who made the move. */
export interface AssignmentEvent {
  id: number;
  allianceId: string;
  incidentId: string;
  kind: AssignmentEventKind;
  nurseUserId: string | null;
  clientOrganisationId: string | null;
  actor: { userId: string; organisationId: string } | null;
  attempts: number;
}

/** Recorded in the move's own transaction: the event exists exactly when the move committed, and no sooner. */
export async function recordAssignmentEvent(
  trx: Transaction<Database>,
  event: Omit<AssignmentEvent, 'id' | 'attempts' | 'actor'> & { actor: { userId: string | null; organisationId: string } | null },
): Promise<void> {
  await trx
    .insertInto('nightcare_assignment_event')
    .values({
      alliance_id: event.allianceId,
      incident_id: event.incidentId,
      kind: event.kind,
      nurse_user_id: event.nurseUserId,
      client_organisation_id: event.clientOrganisationId,
      actor_user_id: event.actor?.userId ?? null,
      actor_organisation_id: event.actor?.userId ? event.actor.organisationId : null,
    })
    .execute();
}

/**
 * Claims the due events, oldest first, for `leaseSeconds`: FOR UPDATE SKIP LOCKED, so instances sweeping
 * at once take different events, and the lease (not a held transaction) covers the slow work that follows
 * (a call to another organisation's system). An event not finished by the lease's end comes back.
 * An event waits while an earlier one of its incident is unhandled (leased, or failed and due again), so
 * each incident's events are handled one at a time, in order.
 */
export async function takeAssignmentEvents(db: Db, limit: number, leaseSeconds: number, now = new Date()): Promise<AssignmentEvent[]> {
  const rows = await db
    .updateTable('nightcare_assignment_event')
    .set({ due_at: new Date(now.getTime() + leaseSeconds * 1000), attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('nightcare_assignment_event as e')
        .select('e.id')
        .where('e.handled_at', 'is', null)
        .where('e.due_at', '<=', now)
        // One incident's events in their order: an offer withdrawn is never handled before (or beside) the offer.
        .where((inner) =>
          inner.not(inner.exists(inner.selectFrom('nightcare_assignment_event as before').select('before.id').whereRef('before.incident_id', '=', 'e.incident_id').whereRef('before.id', '<', 'e.id').where('before.handled_at', 'is', null))),
        )
        .orderBy('e.id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'alliance_id', 'incident_id', 'kind', 'nurse_user_id', 'client_organisation_id', 'actor_user_id', 'actor_organisation_id', 'attempts'])
    .execute();
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      id: r.id,
      allianceId: r.alliance_id,
      incidentId: r.incident_id,
      kind: r.kind,
      nurseUserId: r.nurse_user_id,
      clientOrganisationId: r.client_organisation_id,
      actor: r.actor_user_id && r.actor_organisation_id ? { userId: r.actor_user_id, organisationId: r.actor_organisation_id } : null,
      attempts: r.attempts,
    }));
}

/** Marks an event done (with what came of it, when it was not simply done). */
export async function finishAssignmentEvent(db: Db, id: number, note: string | null = null): Promise<void> {
  await db.updateTable('nightcare_assignment_event').set({ handled_at: new Date(), last_error: note }).where('id', '=', id).execute();
}

/** Leaves an event for a later attempt (when its lease ends), with why this one failed. */
export async function retryAssignmentEvent(db: Db, id: number, error: string): Promise<void> {
  await db.updateTable('nightcare_assignment_event').set({ last_error: error.slice(0, 500) }).where('id', '=', id).execute();
}
