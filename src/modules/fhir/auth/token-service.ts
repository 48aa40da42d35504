import { createHash, randomBytes } from 'node:crypto';
import { chooseActingAlliance, type AccessContext } from '../../../platform/access/index.js';
import type { Db } from '../../../platform/db/index.js';
import { assertionIssuer, verifyAssertion, type Jwks } from './jwt.js';
import { grantScopes } from './scopes.js';
import * as store from './store.js';

/** Tokens live minutes: five at most, and never past the assignment a person-bound token serves. */
export const TOKEN_SECONDS = 300;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenRequest {
  grant_type?: string;
  client_assertion_type?: string;
  client_assertion?: string;
  scope?: string;
  /** Acting for a nurse: our staff member's id, and the client of the assignment the token is bound to. */
  on_behalf_of?: string;
  patient?: string;
}

/** RFC 6749 §5.2 error codes, answered as the OAuth JSON error body. */
export type TokenError = { error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type'; error_description: string };
export type TokenAnswer = { access_token: string; token_type: 'bearer'; expires_in: number; scope: string } | TokenError;

const fail = (error: TokenError['error'], description: string): TokenError => ({ error, error_description: description });
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SMART Backend Services' token endpoint: client credentials proved by a signed JWT assertion. A request
 * naming a nurse and a client gets a token bound to the nurse's active assignment on that client; the
 * access layer then opens that client only while the assignment's grant holds.
 */
export async function issueToken(db: Db, input: TokenRequest, audience: string, now = new Date()): Promise<TokenAnswer> {
  if (input.grant_type !== 'client_credentials') return fail('unsupported_grant_type', 'grant_type must be client_credentials');
  if (input.client_assertion_type !== ASSERTION_TYPE || !input.client_assertion) return fail('invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}, with a client_assertion`);
  const clientId = assertionIssuer(input.client_assertion);
  const client = clientId && UUID.test(clientId) ? await store.activeMachineClient(db, clientId) : undefined;
  if (!client) return fail('invalid_client', 'Unknown or revoked client');
  const check = verifyAssertion(input.client_assertion, client.jwks as Jwks, { clientId: client.id, audience, now });
  if (!check.ok) return fail('invalid_client', check.reason);
  const scopes = grantScopes(input.scope ?? '', client.scopes);
  if (!scopes) return fail('invalid_scope', 'Ask for system/<Type>.read scopes the client was registered for');
  if ((input.on_behalf_of === undefined) !== (input.patient === undefined)) return fail('invalid_request', 'on_behalf_of and patient go together');
  return db.transaction().execute(async (trx) => {
    // SMART: an assertion's jti is used once; a replay is refused even while the assertion has not expired.
    if (!(await store.takeJti(trx, client.id, check.jti, check.expiresAt))) return fail('invalid_client', 'This assertion (jti) was used before');
    let expiresAt = new Date(now.getTime() + TOKEN_SECONDS * 1000);
    let grantId: string | null = null;
    if (input.on_behalf_of !== undefined && input.patient !== undefined) {
      const assignment = UUID.test(input.on_behalf_of) && UUID.test(input.patient) ? await store.activeAssignment(trx, { organisationId: client.organisation_id, userId: input.on_behalf_of, clientId: input.patient }) : undefined;
      if (!assignment) return fail('invalid_grant', 'No active assignment of this nurse on this client');
      grantId = assignment.id;
      if (assignment.expires_at < expiresAt) expiresAt = assignment.expires_at;
    }
    const token = randomBytes(32).toString('base64url');
    await store.insertToken(trx, { hash: hashToken(token), clientId: client.id, scopes, grantId, expiresAt });
    return { access_token: token, token_type: 'bearer' as const, expires_in: Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)), scope: scopes.join(' ') };
  });
}

/**
 * The acting context of a bearer token. A token bound to an assignment acts for that nurse on that
 * grant alone (DelegatedMachineContext); a system token acts for its organisation as an API key does.
 */
export async function tokenContext(db: Db, token: string): Promise<{ ctx: AccessContext; scopes: string[] } | undefined> {
  const row = await store.liveToken(db, hashToken(token));
  if (!row) return undefined;
  const allianceIds = await store.alliancesOfOrganisation(db, row.organisation_id);
  const base = { organisationId: row.organisation_id, roles: [], allianceIds, allianceId: chooseActingAlliance(allianceIds, null) };
  // Fail closed: a token bound to a grant never falls back to acting for the organisation.
  if (row.grant_id && !row.user_id) return undefined;
  if (row.grant_id && row.user_id) {
    const person = row.user_name ?? 'staff member';
    return {
      scopes: row.scopes,
      ctx: { ...base, actorKind: 'machine_for_person', actorId: row.user_id, actorName: `${person} via ${row.client_name}`, onBehalfOf: { name: person, identifier: row.user_id }, personUserId: row.user_id, grantId: row.grant_id, credentialExpiresAt: row.expires_at },
    };
  }
  return { scopes: row.scopes, ctx: { ...base, actorKind: 'api_key', actorId: row.client_id, actorName: `fhir-client:${row.client_name}` } };
}
