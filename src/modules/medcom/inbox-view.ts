import { authorizeClients, hasRole, withClientAccess, type AccessContext, type ClientPermit, type StaffContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { conflict, forbidden, notFound } from '../../platform/http/index.js';
import { clientIdByCpr, identificationOf } from '../clients/index.js';
import { applyLateEffects, type LateOutcome } from './late-match.js';
import { communicationTopic } from './store.js';
import type { LateEffects } from './tables.js';

export interface ReceivedMessage {
  id: string;
  kind: string;
  event: string | null;
  /** A care message's topic (Communication.topic), to show and to answer. */
  topic: string | null;
  peerSorCode: string | null;
  status: string;
  ackCode: string | null;
  createdAt: Date;
  /** The person it was matched to, as far as the reader may identify them; null: not matched. */
  client: { id: string; name: string } | null;
  /** For a message matched by staff after receipt: what its effects came to; `pending` wants a retry. Null: matched on receipt, or not yet. */
  lateEffects: LateEffects | null;
}

const SHOWN = ['hospital_notification', 'care_communication'] as const;

function requireStaff(ctx: StaffContext): void {
  if (!hasRole(ctx, 'coordinator') && !hasRole(ctx, 'organisation_admin')) throw forbidden('Requires a coordinator or organisation administrator');
}

/**
 * The organisation's received hospital notifications and care messages, newest first, with their
 * acknowledgement and the person each was matched to. Naming the people is a read of their
 * identification: asked for in one batch, audited, and only for those the reader may see.
 */
export async function receivedMessages(deps: PlatformDeps, ctx: StaffContext): Promise<ReceivedMessage[]> {
  requireStaff(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('medcom_message')
      .select(['id', 'kind', 'event', 'peer_sor_code', 'status', 'ack_code', 'created_at', 'client_id', 'late_effects'])
      .select(communicationTopic)
      .where('organisation_id', '=', ctx.organisationId)
      .where('direction', '=', 'in')
      .where('kind', 'in', SHOWN)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    const clientIds = [...new Set(rows.map((r) => r.client_id).filter((id): id is string => id !== null))];
    const permits = clientIds.length ? await authorizeClients(trx, ctx, clientIds, { level: 'identification', action: 'read', resource: 'medcom_message' }) : new Map<string, ClientPermit>();
    const names = await identificationOf(trx, ctx, [...permits.values()]);
    return rows.map((r) => {
      const person = r.client_id ? names.get(r.client_id) : undefined;
      return { id: r.id, kind: r.kind, event: r.event, topic: r.topic, peerSorCode: r.peer_sor_code, status: r.status, ackCode: r.ack_code, createdAt: r.created_at, client: person ? { id: person.id, name: `${person.givenName} ${person.familyName}` } : null, lateEffects: r.late_effects };
    });
  });
}

/**
 * Matches a message that named no known person to one of the organisation's own clients by CPR number:
 * the same lookup as on receipt, now by a member of staff, as a change to the client's record (access
 * checked and audited in one transaction). Then the message does what it would have done on receipt
 * (late-match.ts), once. A message already matched stays as it is; matching it again to the same person
 * only finishes effects that an earlier attempt could not apply.
 */
export async function matchMessage(deps: PlatformDeps, ctx: AccessContext & StaffContext, messageId: string, cpr: string): Promise<{ clientId: string; effects: LateOutcome }> {
  requireStaff(ctx);
  const message = await deps.db.selectFrom('medcom_message').select(['id', 'client_id', 'late_effects']).where('id', '=', messageId).where('organisation_id', '=', ctx.organisationId).where('direction', '=', 'in').executeTakeFirst();
  if (!message) throw notFound('Message');
  const retry = message.client_id !== null && message.late_effects === 'pending';
  if (message.client_id && !retry) throw conflict('The message is already matched');
  const clientId = await clientIdByCpr(deps.db, ctx.organisationId, cpr);
  if (!clientId) throw notFound('Client');
  if (retry && message.client_id !== clientId) throw conflict('The message is already matched');
  await withClientAccess(deps.db, ctx, clientId, { level: 'change', action: 'update', resource: 'medcom_message', fields: ['client_id'], change: true }, async (trx, permit) => {
    if (retry) return;
    const updated = await trx.updateTable('medcom_message').set({ client_id: permit.clientId, late_effects: 'pending' }).where('id', '=', messageId).where('client_id', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict('The message is already matched');
  });
  const effects = await applyLateEffects(deps, ctx, messageId, clientId);
  // Null: a simultaneous attempt took the effects; this one matched nothing new.
  if (!effects) throw conflict('The message is already matched');
  return { clientId, effects };
}
