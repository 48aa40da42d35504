import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { AccessContext } from '../../../platform/access/index.js';
import type { Database, Db } from '../../../platform/db/index.js';
import { idempotencyKeyReused, notFound } from '../../../platform/http/index.light.js';
import { linkAlarmAccount, locateClient, type LinkedClient } from '../../clients/index.light.js';
import { INCIDENT_CHANNEL, notifyIncident, type LiveEvent } from '../live.js';
import type { SourceKind } from './supervision/intervals.js';
import { lastSeenUpsert, recordLastSeen, type Sighting } from './supervision/last-seen.js';
import { isIncidentReason, proposedUrgency, TECHNICAL_REASONS } from '../incidents/triage.js';

export interface AlarmInput {
  allianceId: string;
  source: 'dc09' | 'webhook' | 'manual';
  /** What makes a retry the same alarm: account+sequence for DC-09, the Idempotency-Key for webhooks. */
  dedupKey: string;
  account?: string;
  /** Manual entry: the client the coordinator picked from the identification index. */
  clientId?: string;
  reason: string;
  qualifier?: 'new' | 'restore' | 'status';
  eventCode?: string;
  raw?: string;
  /** When the server received the alarm; now unless the receiver took the time itself. */
  receivedAt?: Date;
  /** When the sender says the alarm happened: kept as reported, never taken for the receipt time. */
  occurredAt?: Date;
  /** Webhook: fingerprint of the request; the same dedupKey with another fingerprint is refused, not deduplicated. */
  requestHash?: string;
  /** Manual entry: who called and what the coordinator wrote down, kept on the incident's first event. */
  callerName?: string;
  note?: string;
  /** Who sent it, for supervision: a DC-09 account or an alarm centre; `seenAt` is the server's time. */
  sender?: { kind: SourceKind; id: string; seenAt: Date };
}

export interface IntakeResult {
  alarmId: string;
  incidentId: string | null;
  queue: 'night' | 'technical';
  duplicate: boolean;
  clientLinked: boolean;
}

/** Who hands the alarm in: the DC-09 receiver, an alarm centre's API key, or a coordinator typing a call. */
export type IntakeActor = { kind: 'machine'; name: string } | { kind: 'staff'; ctx: AccessContext };

/**
 * Stores an alarm and opens its incident in one transaction; the caller acknowledges only after this
 * resolves, so nothing acknowledged is lost. A retry of the same alarm returns the stored one.
 * An alarm whose account matches no client still becomes an (unidentified) incident.
 */
export async function ingestAlarm(db: Db, input: AlarmInput, actor: IntakeActor): Promise<IntakeResult> {
  return db.transaction().execute(async (trx) => {
    const result = await storeAlarm(trx, input, actor);
    // A new night alarm recorded its sender in the statement that opened the incident. A retry or a
    // technical signal is a sign of life too: recorded last, so the sender's row is locked only until the commit.
    const sighting = sightingOf(input);
    if (sighting && (result.duplicate || result.queue === 'technical')) await recordLastSeen(trx, sighting);
    return result;
  });
}

const sightingOf = (input: AlarmInput): Sighting | undefined =>
  input.sender && { allianceId: input.allianceId, kind: input.sender.kind, source: input.sender.id, at: input.sender.seenAt };

async function storeAlarm(trx: Transaction<Database>, input: AlarmInput, actor: IntakeActor): Promise<IntakeResult> {
  const technical = TECHNICAL_REASONS.has(input.reason) || (input.qualifier ?? 'new') !== 'new';
  const inserted = await trx
    .insertInto('alarm')
    .values({
      alliance_id: input.allianceId,
      source: input.source,
      dedup_key: input.dedupKey,
      account: input.account ?? null,
      reason: input.reason,
      qualifier: input.qualifier ?? 'new',
      event_code: input.eventCode ?? null,
      queue: technical ? 'technical' : 'night',
      raw: input.raw ?? null,
      received_at: input.receivedAt ?? new Date(),
      occurred_at: input.occurredAt ?? null,
      request_hash: input.requestHash ?? null,
    })
    .onConflict((oc) => oc.columns(['alliance_id', 'source', 'dedup_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return duplicateOf(trx, input);
  const client = await linkClient(trx, input, actor);
  if (technical) {
    if (client) await trx.updateTable('alarm').set({ client_id: client.clientId }).where('id', '=', inserted.id).execute();
    // Open boards show how many technical alarms wait.
    await notifyIncident(trx, { allianceId: input.allianceId, incidentId: null, type: 'technical_alarm' });
    return { alarmId: inserted.id, incidentId: null, queue: 'technical', duplicate: false, clientLinked: client !== undefined };
  }
  const incidentId = await openIncident(trx, input, client, inserted.id, actor);
  return { alarmId: inserted.id, incidentId, queue: 'night', duplicate: false, clientLinked: client !== undefined };
}

async function duplicateOf(trx: Transaction<Database>, input: AlarmInput): Promise<IntakeResult> {
  const existing = await trx
    .selectFrom('alarm')
    .select(['id', 'incident_id', 'queue', 'client_id', 'request_hash'])
    .where('alliance_id', '=', input.allianceId)
    .where('source', '=', input.source)
    .where('dedup_key', '=', input.dedupKey)
    .executeTakeFirstOrThrow();
  // Answering "duplicate" to another alarm under a reused key would lose that alarm without a word.
  // A row stored before fingerprints were kept has none and still counts as the same request.
  if (input.requestHash !== undefined && existing.request_hash !== null && existing.request_hash !== input.requestHash) throw idempotencyKeyReused();
  return { alarmId: existing.id, incidentId: existing.incident_id, queue: existing.queue, duplicate: true, clientLinked: existing.client_id !== null };
}

async function linkClient(trx: Transaction<Database>, input: AlarmInput, actor: IntakeActor): Promise<LinkedClient | undefined> {
  if (input.clientId) {
    if (actor.kind !== 'staff') return undefined;
    const located = await locateClient(trx, actor.ctx, input.clientId);
    if (!located) throw notFound('Client');
    return located;
  }
  if (!input.account) return undefined;
  return linkAlarmAccount(trx, input.allianceId, input.account, actor.kind === 'machine' ? actor.name : actor.ctx.actorName);
}

/**
 * Opens the incident, records its first event, links the alarm, records the sender's last-seen time
 * and queues the live notification in one statement: every round trip here is on the path to the device's ACK.
 */
async function openIncident(trx: Transaction<Database>, input: AlarmInput, client: LinkedClient | undefined, alarmId: string, actor: IntakeActor): Promise<string> {
  const reason = isIncidentReason(input.reason) ? input.reason : 'other';
  const incidentId = randomUUID();
  const actorUserId = actor.kind === 'staff' && actor.ctx.actorKind === 'user' ? actor.ctx.actorId : null;
  const details = { source: input.source, alarmId, account: input.account ?? null, proposedUrgency: proposedUrgency(reason), unidentified: client === undefined, callerName: input.callerName, note: input.note };
  const live: LiveEvent = { allianceId: input.allianceId, incidentId, type: 'received' };
  const sighting = sightingOf(input);
  await sql`
    WITH incident_row AS (
      INSERT INTO incident (id, alliance_id, client_id, organisation_id, status, reason, latitude, longitude, received_at, occurred_at)
      VALUES (${incidentId}, ${input.allianceId}, ${client?.clientId ?? null}, ${client?.organisationId ?? null}, 'received', ${reason},
              ${client?.latitude ?? null}, ${client?.longitude ?? null}, ${input.receivedAt ?? new Date()}, ${input.occurredAt ?? null})
      RETURNING id
    ), event_row AS (
      INSERT INTO incident_event (incident_id, type, to_status, actor_user_id, details)
      SELECT id, 'received', 'received', ${actorUserId}, ${JSON.stringify(details)}::jsonb FROM incident_row
    ), alarm_row AS (
      UPDATE alarm SET incident_id = (SELECT id FROM incident_row), client_id = ${client?.clientId ?? null} WHERE id = ${alarmId}
    )${sighting ? sql`, sender_seen AS (${lastSeenUpsert(sighting)})` : sql``}
    SELECT pg_notify(${INCIDENT_CHANNEL}, ${JSON.stringify(live)}) FROM incident_row`.execute(trx);
  return incidentId;
}
