import { authorizeClients, type ClientPermit, type StaffContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { identificationOf } from '../clients/index.js';
import { requireMessageDesk } from './gate.js';
import * as store from './store.js';

export interface SentMessage {
  id: string;
  kind: string;
  topic: string | null;
  peerSorCode: string | null;
  /** queued: waiting for the gateway; collected: handed to the network. */
  status: string;
  /** The receiver's Acknowledgement, once it came back (null: none yet). */
  ackCode: string | null;
  createdAt: Date;
  client: { id: string; name: string } | null;
}

/**
 * The organisation's sent care messages, newest first, with the gateway's progress and the receiver's
 * acknowledgement. As for the inbox, naming the people is an audited read of their identification, in
 * one batch, for those the reader may see.
 */
export async function sentMessages(deps: PlatformDeps, ctx: StaffContext): Promise<SentMessage[]> {
  requireMessageDesk(ctx);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await store.sentMessages(trx, ctx.organisationId, 100);
    const clientIds = [...new Set(rows.map((r) => r.client_id).filter((id): id is string => id !== null))];
    const permits = clientIds.length ? await authorizeClients(trx, ctx, clientIds, { level: 'identification', action: 'read', resource: 'medcom_message' }) : new Map<string, ClientPermit>();
    const names = await identificationOf(trx, ctx, [...permits.values()]);
    return rows.map((r) => {
      const person = r.client_id ? names.get(r.client_id) : undefined;
      return { id: r.id, kind: r.kind, topic: r.topic, peerSorCode: r.peer_sor_code, status: r.status, ackCode: r.ack_code, createdAt: r.created_at, client: person ? { id: person.id, name: `${person.givenName} ${person.familyName}` } : null };
    });
  });
}
