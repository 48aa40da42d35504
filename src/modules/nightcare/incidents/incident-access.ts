import type { Transaction } from 'kysely';
import { authorizeClients, type AccessContext, type AccessRequest } from '../../../platform/access/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/http/index.js';
import { assertCoordinatorOf, inCallersAlliance } from '../../nightteam/index.js';
import * as store from './store.js';

export interface IncidentParty {
  incident: store.IncidentRow;
  /** The caller takes part as a night coordinator of the incident's alliance (else as its assigned nurse). */
  asCoordinator: boolean;
}

/**
 * Runs `work` on one incident for its night coordinators (and, with `nurse`, its assigned nurse), after
 * asking platform/access for the incident's client, which writes the audit entry (DESIGN.md §6): what is
 * said or logged about an incident is said about its client. The entry is committed with the work, or
 * alone on a refusal, which then answers "not found" like an incident the caller may not see. An
 * unidentified incident concerns no known client and needs only the part in it.
 */
export async function withIncidentParty<T>(
  deps: PlatformDeps,
  ctx: AccessContext,
  incidentId: string,
  options: { nurse: boolean; request: Pick<AccessRequest, 'action' | 'resource' | 'fields'> },
  work: (trx: Transaction<Database>, party: IncidentParty) => Promise<T>,
): Promise<T> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const incident = inCallersAlliance(ctx, await store.findIncident(trx, incidentId));
    const isAssignee = options.nurse && ctx.actorKind === 'user' && incident.assigned_user_id === ctx.actorId;
    if (!isAssignee) await assertCoordinatorOf(trx, ctx, incident);
    if (incident.client_id) {
      const permits = await authorizeClients(trx, ctx, [incident.client_id], { level: 'identification', purpose: 'nightcare', ...options.request });
      if (!permits.has(incident.client_id)) return undefined;
    }
    return { value: await work(trx, { incident, asCoordinator: !isAssignee }) };
  });
  if (!outcome) throw notFound('Incident');
  return outcome.value;
}
