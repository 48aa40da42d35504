import type { z } from 'zod';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { assertCoordinator } from '../../nightteam/index.js';
import { triageIncident } from '../incidents/service.js';
import type { manualIncidentBody } from '../schemas.js';
import { receiveAlarm } from './receive.js';

export type ManualAlarm = z.infer<typeof manualIncidentBody>;

/**
 * A night coordinator types in a phone call. It opens an incident like any alarm, without automatic
 * dispatch (the coordinator is deciding on it); with an urgency it is triaged at once.
 */
export async function enterManualAlarm(deps: PlatformDeps, ctx: AccessContext, allianceId: string, call: ManualAlarm): Promise<string> {
  await assertCoordinator(deps.db, ctx, allianceId);
  const { clientId, reason, urgency, callerName, note } = call;
  // With an urgency the note becomes the triage note; without one it stays on the first event.
  const input = { allianceId, source: 'manual' as const, dedupKey: crypto.randomUUID(), clientId, reason, callerName, note: urgency ? undefined : note, raw: JSON.stringify(call) };
  const [result] = await receiveAlarm(deps, [input], { kind: 'staff', ctx }, { dispatch: false });
  const incidentId = result?.incidentId ?? '';
  if (urgency) await triageIncident(deps, ctx, incidentId, { urgency, note });
  return incidentId;
}
