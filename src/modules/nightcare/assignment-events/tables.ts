/** Night care's assignment events (migration 0041): a work queue for the modules that act on an assignment. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../../platform/db/index.js';

export type AssignmentEventKind = 'nurse_assigned' | 'assignment_closed';

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
