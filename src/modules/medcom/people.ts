import { authorizeClients, type StaffContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/index.js';
import { clientIdByCprInAlliance, messagingIdentity } from '../clients/index.js';
import { requireMedcom } from './gate.js';

/**
 * The person a message is about, found by CPR number for the send form: never a list to browse. The
 * number names at most one client in the alliance; platform/access then decides, with the same request
 * as sending (the circle's messages, for care-network sharing), whether this user may reach the person,
 * and audits the answer. A refusal reads exactly as an unknown number: not found.
 */
export async function findPerson(deps: PlatformDeps, ctx: StaffContext, cpr: string): Promise<{ clientId: string; name: string }> {
  const allianceId = await requireMedcom(deps, ctx);
  const candidate = await clientIdByCprInAlliance(deps.db, allianceId, cpr);
  if (!candidate) throw notFound('Client');
  // A refusal returns from the transaction rather than throwing in it, so its audit entry commits.
  const found = await deps.db.transaction().execute(async (trx) => {
    const permit = (await authorizeClients(trx, ctx, [candidate], { level: 'circle_messages', action: 'read', resource: 'medcom_message', sharingPurpose: 'care_network', fields: ['identification'] })).get(candidate);
    if (!permit) return undefined;
    const person = await messagingIdentity(trx, permit);
    return { clientId: permit.clientId, name: `${person.given_name} ${person.family_name}` };
  });
  if (!found) throw notFound('Client');
  return found;
}
