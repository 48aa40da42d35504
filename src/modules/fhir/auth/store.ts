import type { Db, Executor } from '../../../platform/db/index.js';
import type { Jwks } from './jwt.js';

export const insertMachineClient = (db: Db, input: { organisationId: string; name: string; jwks: Jwks; scopes: string[]; createdBy: string }) =>
  db
    .insertInto('fhir_machine_client')
    .values({ organisation_id: input.organisationId, name: input.name, jwks: JSON.stringify(input.jwks), scopes: input.scopes, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

export const machineClientsOf = (db: Db, organisationId: string) =>
  db.selectFrom('fhir_machine_client').select(['id', 'name', 'scopes', 'created_at', 'revoked_at']).where('organisation_id', '=', organisationId).orderBy('created_at').execute();

export const revokeMachineClient = async (db: Db, organisationId: string, id: string) =>
  Number((await db.updateTable('fhir_machine_client').set({ revoked_at: new Date() }).where('id', '=', id).where('organisation_id', '=', organisationId).where('revoked_at', 'is', null).executeTakeFirst()).numUpdatedRows);

export const activeMachineClient = (db: Executor, id: string) =>
  db.selectFrom('fhir_machine_client').select(['id', 'organisation_id', 'name', 'jwks', 'scopes']).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();

/** Takes an assertion's jti once: false when this client used it before (a replay). Expired ones are cleared on the way. */
export async function takeJti(trx: Executor, clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
  await trx.deleteFrom('fhir_assertion_jti').where('client_id', '=', clientId).where('expires_at', '<', new Date()).execute();
  const row = await trx.insertInto('fhir_assertion_jti').values({ client_id: clientId, jti, expires_at: expiresAt }).onConflict((oc) => oc.doNothing()).returning('jti').executeTakeFirst();
  return row !== undefined;
}

/**
 * The active assignment grant of one of the organisation's staff on one client, with the staff member's
 * name; or their break-the-glass grant, which the access layer opens as ours (night summary, no key safe).
 */
export const activeAssignment = (trx: Executor, input: { organisationId: string; userId: string; clientId: string }) =>
  trx
    .selectFrom('access_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.expires_at', 'u.name'])
    .where('g.kind', 'in', ['assignment', 'emergency'])
    .where('g.organisation_id', '=', input.organisationId)
    .where('g.user_id', '=', input.userId)
    .where('g.client_id', '=', input.clientId)
    .where('g.revoked_at', 'is', null)
    .where('g.expires_at', '>', new Date())
    .orderBy('g.expires_at', 'desc')
    .executeTakeFirst();

/** Stores a new token and clears the client's expired ones, so the table holds minutes of tokens, not years. */
export async function insertToken(trx: Executor, token: { hash: string; clientId: string; scopes: string[]; grantId: string | null; expiresAt: Date }): Promise<void> {
  await trx.deleteFrom('fhir_access_token').where('client_id', '=', token.clientId).where('expires_at', '<', new Date()).execute();
  await trx.insertInto('fhir_access_token').values({ token_hash: token.hash, client_id: token.clientId, scopes: token.scopes, grant_id: token.grantId, expires_at: token.expiresAt }).execute();
}

/** A token still valid, of a client not revoked, with what the request context needs. */
export const liveToken = (db: Db, hash: string) =>
  db
    .selectFrom('fhir_access_token as t')
    .innerJoin('fhir_machine_client as c', 'c.id', 't.client_id')
    .leftJoin('access_grant as g', 'g.id', 't.grant_id')
    .leftJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['t.scopes', 't.grant_id', 't.expires_at', 'c.id as client_id', 'c.name as client_name', 'c.organisation_id', 'g.user_id', 'u.name as user_name'])
    .where('t.token_hash', '=', hash)
    .where('t.expires_at', '>', new Date())
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();

export const alliancesOfOrganisation = async (db: Db, organisationId: string) =>
  (await db.selectFrom('alliance_membership').select('alliance_id').where('organisation_id', '=', organisationId).execute()).map((r) => r.alliance_id);
