import type { ClientPermit } from '../../../platform/access/index.js';
import type { Db, Executor } from '../../../platform/db/index.js';
import type { AnwObservationKind, AnwTaskKind } from '../tables.js';

/** The organisation a Nuts DID names, from the organisations' ANW settings. */
export const organisationOfDid = async (db: Executor, did: string) =>
  (await db.selectFrom('anw_organisation_setting').select('organisation_id').where('did', '=', did).executeTakeFirst())?.organisation_id;

export const insertTask = (trx: Executor, row: { id: string; allianceId: string; organisationId: string; clientId: string; kind: AnwTaskKind; requesterOrganisationId: string; practitionerUserId: string; grantId: string; task: unknown }) =>
  trx
    .insertInto('anw_task')
    .values({
      id: row.id,
      alliance_id: row.allianceId,
      organisation_id: row.organisationId,
      client_id: row.clientId,
      kind: row.kind,
      requester_organisation_id: row.requesterOrganisationId,
      practitioner_user_id: row.practitionerUserId,
      grant_id: row.grantId,
      task: JSON.stringify(row.task),
    })
    .execute();

/** A Task the organisation sent, with its grant's state: only the requester reads it back. */
export const taskOfRequester = (db: Db, requesterOrganisationId: string, id: string) =>
  db
    .selectFrom('anw_task as t')
    .innerJoin('access_grant as g', 'g.id', 't.grant_id')
    .select(['t.id', 't.task', 't.grant_id', 't.client_id', 't.created_at', 'g.expires_at', 'g.revoked_at'])
    .where('t.id', '=', id)
    .where('t.requester_organisation_id', '=', requesterOrganisationId)
    .executeTakeFirst();

export const insertObservation = (
  trx: Executor,
  permit: ClientPermit,
  row: { kind: AnwObservationKind; text: string | null; value: Record<string, number>; effectiveAt: Date; writtenBy: string; writtenByOrganisationId: string; grantId: string },
) =>
  trx
    .insertInto('anw_observation')
    .values({
      alliance_id: permit.allianceId,
      organisation_id: permit.clientOrganisationId,
      client_id: permit.clientId,
      kind: row.kind,
      text: row.text,
      value: JSON.stringify(row.value),
      effective_at: row.effectiveAt,
      written_by: row.writtenBy,
      written_by_organisation_id: row.writtenByOrganisationId,
      // Written only under a grant: the entry names the access it was made under.
      grant_id: row.grantId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

/** The client's observations of one kind, newest first. */
export const observationsOf = (db: Executor, permit: ClientPermit, kind: AnwObservationKind, limit: number) =>
  db
    .selectFrom('anw_observation as o')
    .innerJoin('app_user as u', 'u.id', 'o.written_by')
    .select(['o.id', 'o.client_id', 'o.kind', 'o.text', 'o.value', 'o.effective_at', 'o.written_by', 'u.name as written_by_name'])
    .where('o.client_id', '=', permit.clientId)
    .where('o.kind', '=', kind)
    .orderBy('o.effective_at', 'desc')
    .limit(limit)
    .execute();
