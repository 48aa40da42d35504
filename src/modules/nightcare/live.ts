import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { ChannelHub, notifyChannel } from '../../platform/live/index.js';

export const INCIDENT_CHANNEL = 'nightcare';

export interface LiveEvent {
  allianceId: string;
  /** Null for a change of the technical queue, which has no incident. */
  incidentId: string | null;
  type: string;
}

/** Queued in the transaction: PostgreSQL delivers it on commit only, to every server instance. */
export const notifyIncident = (trx: Transaction<Database>, event: LiveEvent) => notifyChannel(trx, INCIDENT_CHANNEL, event);

/** Incident changes for the night team's open screens, by alliance. */
export class LiveHub extends ChannelHub<LiveEvent> {
  constructor(databaseUrl: string) {
    super(databaseUrl, INCIDENT_CHANNEL, (event) => event.allianceId);
  }
}
