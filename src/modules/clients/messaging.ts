import type { ClientPermit } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/index.js';
import { normaliseCpr } from './cpr.js';

/**
 * The client of one organisation a Danish message names by CPR number: the id only, as a candidate.
 * Whoever then reads or changes anything of the client goes through platform/access, which decides and
 * audits; an unknown number and another organisation's client both find nothing.
 */
export async function clientIdByCpr(executor: Executor, organisationId: string, cpr: string): Promise<string | undefined> {
  const normal = normaliseCpr(cpr);
  if (!normal) return undefined;
  const row = await executor.selectFrom('client').select('id').where('organisation_id', '=', organisationId).where('cpr', '=', normal).where('care_ended_on', 'is', null).executeTakeFirst();
  return row?.id;
}

/** What an outgoing message says about the person: name and CPR number, for a permitted client only. */
export const messagingIdentity = (executor: Executor, permit: ClientPermit) =>
  executor.selectFrom('client').select(['given_name', 'family_name', 'cpr']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();

/**
 * The alliance's client a CPR number names (one at most: the number is unique in an alliance): a
 * candidate only, never shown. The caller passes it to platform/access, which decides whether the user
 * may reach the person and audits a refusal, so the lookup cannot browse other organisations' clients.
 */
export async function clientIdByCprInAlliance(executor: Executor, allianceId: string, cpr: string): Promise<string | undefined> {
  const normal = normaliseCpr(cpr);
  if (!normal) return undefined;
  const row = await executor.selectFrom('client').select('id').where('alliance_id', '=', allianceId).where('cpr', '=', normal).where('care_ended_on', 'is', null).executeTakeFirst();
  return row?.id;
}
