import type { PlatformDeps } from '../../../platform/deps.js';
import { dispatchAutomatically } from '../incidents/service.js';
import { countIntake } from '../metrics.js';
import { ingestAlarm, type AlarmInput, type IntakeActor, type IntakeResult } from './ingest.js';

/** What follows the commit: offer each fresh night incident to a nurse when the alliance dispatches its urgency automatically. */
export type AfterIntake = { dispatch: false } | { dispatch: true; onError: (error: unknown) => void };

/**
 * The one way in for an alarm, whichever door it came through (DC-09, an alarm centre's webhook, a
 * coordinator's manual entry). Every alarm of one message is committed before this resolves, so the
 * caller acknowledges only what is stored; dispatch then runs off the reply path and never delays the ACK.
 */
export async function receiveAlarm(deps: PlatformDeps, inputs: readonly AlarmInput[], actor: IntakeActor, after: AfterIntake): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  for (const input of inputs) results.push(await ingestAlarm(deps.db, input, actor));
  const first = inputs[0];
  if (first) countIntake(first.source, first.receivedAt ?? new Date(), results);
  if (after.dispatch) {
    for (const r of results) if (r.incidentId && !r.duplicate) void dispatchAutomatically(deps, r.incidentId).catch(after.onError);
  }
  return results;
}
