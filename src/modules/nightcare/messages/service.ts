import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict } from '../../../platform/http/index.js';
import { withIncidentParty } from '../incidents/incident-access.js';
import { notifyIncident } from '../live.js';
import * as store from './store.js';

export interface MessageView {
  id: string;
  body: string;
  fromCoordinator: boolean;
  authorName: string;
  sentAt: Date;
  /** When the other side read it: the assigned nurse for a coordinator's message, any coordinator for the nurse's. */
  readAt: Date | null;
  /** Sent by the caller's side (the caller's own, or a fellow coordinator's). */
  mine: boolean;
}

const resource = 'incident_message' as const;

/** The incident's messages, for its night coordinators and its assigned nurse. */
export async function listMessages(deps: PlatformDeps, ctx: AccessContext, incidentId: string): Promise<MessageView[]> {
  return withIncidentParty(deps, ctx, incidentId, { nurse: true, request: { action: 'read', resource } }, async (trx, party) =>
    (await store.messagesOf(trx, incidentId)).map((m) => ({
      id: m.id,
      body: m.body,
      fromCoordinator: m.from_coordinator,
      authorName: m.author_name,
      sentAt: m.sent_at,
      readAt: m.read_at,
      mine: m.from_coordinator === party.asCoordinator,
    })),
  );
}

/** A short text to the other side of an open incident; the live stream tells their screen. */
export async function sendMessage(deps: PlatformDeps, ctx: AccessContext, incidentId: string, body: string, now = new Date()): Promise<string> {
  return withIncidentParty(deps, ctx, incidentId, { nurse: true, request: { action: 'create', resource } }, async (trx, { incident, asCoordinator }) => {
    if (incident.closed_at !== null) throw conflict('The incident is closed');
    const { id } = await store.insertMessage(trx, { incidentId, allianceId: incident.alliance_id, authorUserId: ctx.actorId, fromCoordinator: asCoordinator, body, sentAt: now });
    await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId, type: 'message' });
    return id;
  });
}

/** The read receipt: the caller has read the other side's messages. The sender's screen hears of it when any was unread. */
export async function readMessages(deps: PlatformDeps, ctx: AccessContext, incidentId: string, now = new Date()): Promise<number> {
  return withIncidentParty(deps, ctx, incidentId, { nurse: true, request: { action: 'read', resource } }, async (trx, { incident, asCoordinator }) => {
    const marked = await store.markRead(trx, incidentId, !asCoordinator, ctx.actorId, now);
    if (marked > 0) await notifyIncident(trx, { allianceId: incident.alliance_id, incidentId, type: 'message_read' });
    return marked;
  });
}
