import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import { ChannelHub, notifyChannel } from '../../../platform/live/index.js';

/**
 * Handover reminders go to the day staff of one home organisation, not to the night team's board,
 * so they travel on a channel of their own (the board's stream carries incident ids only).
 */
const CHANNEL = 'nightcare_handover';

export interface HandoverEvent {
  organisationId: string;
  handoverId: string;
  night: string;
  type: 'handover_overdue' | 'handover_acknowledged';
}

/** Delivered on commit only, to every server instance. */
export const notifyHandover = (trx: Transaction<Database>, event: HandoverEvent) => notifyChannel(trx, CHANNEL, event);

/** Handover events for the day staff's open streams, by organisation. */
export class HandoverHub extends ChannelHub<HandoverEvent> {
  constructor(databaseUrl: string) {
    super(databaseUrl, CHANNEL, (event) => event.organisationId);
  }
}
