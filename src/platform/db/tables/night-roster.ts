/** Messages per incident, call-backs and the call log (migration 0014). */
import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './column-types.js';

export type CallParty = 'family' | 'gp_post' | 'alarm_centre' | 'other';

export interface IncidentMessageTable {
  id: Generated<string>;
  incident_id: string;
  alliance_id: string;
  author_user_id: string;
  from_coordinator: boolean;
  body: string;
  sent_at: Timestamp;
  read_at: Timestamp | null;
  read_by: string | null;
}

export interface CallBackTable {
  id: Generated<string>;
  incident_id: string;
  alliance_id: string;
  party: CallParty;
  name: string;
  phone: string;
  note: string | null;
  due_at: Timestamp;
  created_by: string;
  created_at: CreatedAt;
  done_at: Timestamp | null;
  done_by: string | null;
}

export interface CallLogTable {
  id: Generated<string>;
  incident_id: string;
  alliance_id: string;
  direction: 'in' | 'out';
  party: CallParty;
  name: string;
  note: string | null;
  call_back_id: string | null;
  at: Timestamp;
  logged_by: string;
}
