import { sql } from 'kysely';
import type { ClientPermit } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { AckCode } from './acknowledgement.js';
import type { MessageBundle } from './message.js';
import type { MedcomMessageTable } from './tables.js';

export interface MessageRow {
  allianceId: string;
  organisationId: string;
  direction: 'in' | 'out';
  kind: MedcomMessageTable['kind'];
  bundleId: string;
  event: string | null;
  peerSorCode: string | null;
  bundle: MessageBundle;
  status: MedcomMessageTable['status'];
  ackCode: AckCode | null;
}

const values = (row: MessageRow, clientId: string | null) => ({
  alliance_id: row.allianceId,
  organisation_id: row.organisationId,
  client_id: clientId,
  direction: row.direction,
  kind: row.kind,
  header_id: row.bundleId,
  event: row.event,
  peer_sor_code: row.peerSorCode,
  bundle: JSON.stringify(row.bundle),
  status: row.status,
  ack_code: row.ackCode,
});

/**
 * Stores a message; false when the organisation already has it (a duplicate delivery): the unique index
 * decides, so two deliveries at once apply it once. A message about a client needs that client's permit.
 */
export async function insertMessage(executor: Executor, row: MessageRow, permit: ClientPermit | null): Promise<boolean> {
  const inserted = await executor
    .insertInto('medcom_message')
    .values(values(row, permit?.clientId ?? null))
    .onConflict((oc) => oc.columns(['organisation_id', 'direction', 'header_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const earlierAnswer = (executor: Executor, organisationId: string, bundleId: string) =>
  executor.selectFrom('medcom_message').select(['ack_code']).where('organisation_id', '=', organisationId).where('direction', '=', 'in').where('header_id', '=', bundleId).executeTakeFirst();

/** An acknowledgement received for one of our messages: its code on the message it answers. */
export async function recordAcknowledgement(executor: Executor, organisationId: string, bundleId: string, code: AckCode): Promise<boolean> {
  const result = await executor.updateTable('medcom_message').set({ ack_code: code }).where('organisation_id', '=', organisationId).where('direction', '=', 'out').where('header_id', '=', bundleId).where('kind', '!=', 'acknowledgement').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The gateway collects what is queued, oldest first; SKIP LOCKED lets two gateways share the outbox without sending twice. */
export async function collectOutbox(executor: Executor, organisationId: string, limit: number) {
  return executor
    .updateTable('medcom_message')
    .set({ status: 'collected', collected_at: new Date() })
    .where('id', 'in', (eb) =>
      eb.selectFrom('medcom_message').select('id').where('organisation_id', '=', organisationId).where('direction', '=', 'out').where('status', '=', 'queued').orderBy('created_at').limit(limit).forUpdate().skipLocked(),
    )
    .returning(['id', 'client_id', 'kind', 'header_id', 'bundle'])
    .execute();
}

export const clientMessages = (executor: Executor, permit: ClientPermit) =>
  executor
    .selectFrom('medcom_message')
    .select(['id', 'direction', 'kind', 'event', 'peer_sor_code', 'status', 'ack_code', 'created_at'])
    .where('client_id', '=', permit.clientId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();

/** A receipt whose effects failed: removed so that the sender's retry is applied, not answered as a duplicate. */
export async function forgetReceipt(executor: Executor, organisationId: string, bundleId: string): Promise<void> {
  await executor.deleteFrom('medcom_message').where('organisation_id', '=', organisationId).where('direction', '=', 'in').where('header_id', '=', bundleId).execute();
}

/** A received CareCommunication about the permitted client, to answer: its Bundle, or undefined. */
export const receivedCareCommunication = (executor: Executor, organisationId: string, messageId: string, permit: ClientPermit) =>
  executor
    .selectFrom('medcom_message')
    .select(['bundle', 'peer_sor_code'])
    .where('id', '=', messageId)
    .where('organisation_id', '=', organisationId)
    .where('direction', '=', 'in')
    .where('kind', '=', 'care_communication')
    .where('client_id', '=', permit.clientId)
    .executeTakeFirst();

/** A care message's topic, read from its Bundle in SQL (no Bundle travels to the list). */
export const communicationTopic = sql<string | null>`jsonb_path_query_first(bundle, '$.entry[*].resource ? (@.resourceType == "Communication").topic.text') #>> '{}'`.as('topic');

/** The organisation's sent care messages (not its acknowledgements), newest first. */
export const sentMessages = (executor: Executor, organisationId: string, limit: number) =>
  executor
    .selectFrom('medcom_message')
    .select(['id', 'kind', 'peer_sor_code', 'status', 'ack_code', 'created_at', 'client_id'])
    .select(communicationTopic)
    .where('organisation_id', '=', organisationId)
    .where('direction', '=', 'out')
    .where('kind', '!=', 'acknowledgement')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
