import type { PlatformDeps } from '../../../platform/deps.js';
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
  const fresh = results.filter((r) => r.incidentId && !r.duplicate);
  if (after.dispatch && fresh.length) {
    // Loaded on first use: dispatch pulls in most of night care (offers, push, routing), which would
    // hold up the receiver at start by seconds; it runs after the ACK anyway.
    void import('../incidents/service.js')
      .then(({ dispatchAutomatically }) => Promise.all(fresh.map((r) => dispatchAutomatically(deps, r.incidentId!).catch(after.onError))))
      .catch(after.onError);
  }
  return results;
}
