import { userContext } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/http/index.js';
import { finishAssignmentEvent, retryAssignmentEvent, takeAssignmentEvents, type AssignmentEvent } from '../../nightcare/index.js';
import type { AnwOptions } from './options.js';
import { dispatchRegisseur } from './dispatch-regisseur.js';
import { requestForAcceptedOffer, requestSourceAccess } from './regisseur.js';
import * as store from './store.js';

const BATCH = 10;
/** Longer than asking the source and following its Task (a few seconds each); an unfinished event comes back after it. */
const LEASE_SECONDS = 60;
/** A fault of ours (not the source's, which is recorded and shown) is tried this often before the event is given up. */
const MAX_ATTEMPTS = 5;

/**
 * One assignment event as the Regisseur sees it; answers what came of it (null: done as intended).
 * A nurse assigned by the coordinator to a client whose home organisation runs an ANW source: ask that
 * source for access, acting as that coordinator (their audit entry, their organisation as Regisseur).
 * An automatic offer: wait until a nurse accepts it (an offer may lapse and go round the nurses on duty;
 * each would leave a 48-hour credential at the source), then ask as the alliance's dispatch
 * (regisseur.ts says who acts). An offer withdrawn: what was asked for that nurse closes. An assignment
 * closed: the read-through summary goes with it (the access stays for the visit's write-back).
 */
async function handle(deps: PlatformDeps, options: AnwOptions, event: AssignmentEvent): Promise<string | null> {
  if (event.kind === 'assignment_closed') {
    await store.dropSummary(deps.db, event.incidentId);
    return null;
  }
  if (event.kind === 'offer_withdrawn') {
    if (event.nurseUserId) await store.closeRemoteAccess(deps.db, event.incidentId, event.nurseUserId);
    return null;
  }
  // Decided on the organisation's setting before anything of the client is read: most clients have no source.
  const setting = event.clientOrganisationId ? await store.settingOf(deps.db, event.clientOrganisationId) : undefined;
  if (!setting?.source_base_url) return 'no_source';
  if (event.kind === 'nurse_assigned' && !event.actor) return 'awaiting_acceptance';
  if (!event.nurseUserId) return 'no_nurse';
  if (await store.hasLiveRequest(deps.db, event.incidentId, event.nurseUserId)) return 'already_requested';
  try {
    if (event.kind === 'nurse_assigned' && event.actor) {
      const ctx = await userContext(deps.db, event.actor.userId, event.actor.organisationId, event.allianceId);
      if (!ctx) return 'no_coordinator';
      return (await requestSourceAccess(deps, options, ctx, event.incidentId, { nurseUserId: event.nurseUserId })).error;
    }
    const nurse = event.actor ? await userContext(deps.db, event.nurseUserId, event.actor.organisationId, event.allianceId) : undefined;
    const regisseur = await dispatchRegisseur(deps.db, event.allianceId);
    if (!nurse || !regisseur) return 'no_regisseur';
    return (await requestForAcceptedOffer(deps, options, nurse, event.incidentId, regisseur)).error;
  } catch (error) {
    // Declined, lapsed or closed since: the event no longer applies; the refusal says which.
    if (error instanceof AppError && error.status < 500) return error.code.toLowerCase();
    throw error;
  }
}

/**
 * Takes the due assignment events and handles each. Safe on every instance at once (night care's queue
 * hands each event to one instance, SKIP LOCKED with a lease). Answers how many were taken.
 */
export async function followAssignments(deps: PlatformDeps, options: AnwOptions, now = new Date()): Promise<number> {
  const events = await takeAssignmentEvents(deps.db, BATCH, LEASE_SECONDS, now);
  for (const event of events) {
    try {
      await finishAssignmentEvent(deps.db, event.id, await handle(deps, options, event));
    } catch (error) {
      const message = (error as Error).message;
      if (event.attempts >= MAX_ATTEMPTS) await finishAssignmentEvent(deps.db, event.id, `gave_up: ${message}`.slice(0, 500));
      else await retryAssignmentEvent(deps.db, event.id, message);
    }
  }
  return events.length;
}
