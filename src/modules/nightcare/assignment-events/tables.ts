/** Night care's assignment events (migrations 0041, 0045): a work queue for the modules that act on an assignment. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../../platform/db/index.js';

/**
 * `nurse_assigned`: offered to a nurse (by the coordinator, or by automatic dispatch when the actor is null);
 * `offer_accepted`: the nurse took it; `offer_withdrawn`: she declined or the offer lapsed (the incident
 * goes on without her); `assignment_closed`: the incident closed with her assigned.
 */
export type AssignmentEventKind = 'nurse_assigned' | 'offer_accepted' | 'offer_withdrawn' | 'assignment_closed';

export interface AssignmentEventTable {
  id: Generated<number>;
  alliance_id: string;
  incident_id: string;
  kind: AssignmentEventKind;
  nurse_user_id: string | null;
  client_organisation_id: string | null;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  created_at: CreatedAt;
  attempts: Generated<number>;
  due_at: ColumnType<Date, Date | string | undefined, Date | string>;
  handled_at: Timestamp | null;
  last_error: string | null;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    nightcare_assignment_event: AssignmentEventTable;
  }
}
