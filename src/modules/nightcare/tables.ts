/** Tables of acute night care: alarms, incidents and their history, visit reports, GP referrals, handovers, alarm keys. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/index.js';

// The value lists of migration 0003's CHECK constraints. The night-care module's lifecycle and triage
// tables are pure cores that import nothing from the platform; their tests check that both lists agree.
/** An incident's lifecycle status (`nightcare/incidents/lifecycle.ts`). */
export type IncidentStatusColumn = 'received' | 'triaged' | 'assigned' | 'accepted' | 'en_route' | 'on_site' | 'completed' | 'escalated' | 'cancelled';

/** An entry in an incident's history: a status it moved to, or a step that names why. */
export type IncidentEventTypeColumn = IncidentStatusColumn | 'declined' | 'offer_expired' | 'gp_referral' | 'gp_referral_answered' | 'client_linked' | 'overdue_alert';

/** The NTS urgency (`nightcare/incidents/triage.ts`). */
export type UrgencyColumn = 'U1' | 'U2' | 'U3' | 'U4' | 'U5';

export interface GpPostAreaTable {
  gp_post_id: string;
  alliance_id: string;
  postcode_from: number;
  postcode_to: number;
}

export interface IncidentTable {
  id: Generated<string>;
  alliance_id: string;
  client_id: string | null;
  organisation_id: string | null;
  status: IncidentStatusColumn;
  reason: string;
  urgency: UrgencyColumn | null;
  triage_note: string | null;
  latitude: number | null;
  longitude: number | null;
  assigned_user_id: string | null;
  assigned_organisation_id: string | null;
  offer_expires_at: Timestamp | null;
  declined_user_ids: Generated<string[]>;
  outcome: string | null;
  received_at: Timestamp;
  /** The time the alarm centre reports the alarm happened, as reported; null when none was given. */
  occurred_at: Timestamp | null;
  on_site_at: Timestamp | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
}

export interface AlarmTable {
  id: Generated<string>;
  alliance_id: string;
  source: 'dc09' | 'webhook' | 'manual' | 'supervision';
  dedup_key: string;
  account: string | null;
  reason: string;
  qualifier: Generated<string>;
  event_code: string | null;
  queue: 'night' | 'technical';
  client_id: string | null;
  incident_id: string | null;
  raw: string | null;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
  occurred_at: Timestamp | null;
  /** Webhook: SHA-256 of the request first sent with the Idempotency-Key. */
  request_hash: string | null;
  handled_at: Timestamp | null;
}

export interface IncidentEventTable {
  id: Generated<number>;
  incident_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  type: IncidentEventTypeColumn;
  from_status: IncidentStatusColumn | null;
  to_status: IncidentStatusColumn | null;
  actor_user_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface VisitReportTable {
  incident_id: string;
  actions: string[];
  minutes_on_site: number;
  follow_up_needed: boolean;
  follow_up: string | null;
  notes: string | null;
  written_by: string;
  written_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** From the incident's on-site time to the report; null for reports written before it was computed. */
  minutes_computed: number | null;
  minutes_correction_reason: string | null;
  /** The nurse found that the informal caregiver cannot cope (migration 0029): the handover suggests respite. */
  caregiver_cannot_cope: Generated<boolean>;
}

export interface GpReferralTable {
  id: Generated<string>;
  incident_id: string;
  gp_post_id: string;
  reason: string;
  urgency: UrgencyColumn;
  summary: string;
  status: Generated<'sent' | 'answered'>;
  answer: string | null;
  outcome: string | null;
  sent_by: string;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
  answered_by: string | null;
  answered_at: Timestamp | null;
  by_phone: Generated<boolean>;
}

export interface HandoverTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  shift_start: Timestamp;
  shift_end: Timestamp;
  created_at: CreatedAt;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  reminder_at: Timestamp | null;
}

export interface AlarmKeyTable {
  alliance_id: string;
  account: string;
  /** The hex AES key sealed by the SecretBox. */
  key_enc: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

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

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    gp_post_area: GpPostAreaTable;
    incident: IncidentTable;
    alarm: AlarmTable;
    incident_event: IncidentEventTable;
    visit_report: VisitReportTable;
    gp_referral: GpReferralTable;
    handover: HandoverTable;
    alarm_key: AlarmKeyTable;
    incident_message: IncidentMessageTable;
    call_back: CallBackTable;
    call_log: CallLogTable;
  }
}
