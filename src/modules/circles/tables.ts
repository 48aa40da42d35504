import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/index.js';

/** Care circles (migration 0021). */

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ClientCitizenLinkTable {
  id: Generated<string>;
  alliance_id: string;
  client_id: string;
  citizen_id: string;
  relation: 'self' | 'representative';
  since: ColumnType<Date, Date | string | undefined, Date | string>;
  ended_at: Nullable<Date>;
}

export interface CircleTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  opened_by_name: string;
  opened_by_user_id: Nullable<string>;
  paused_at: Nullable<Date>;
  created_at: CreatedAt;
}

export type CircleMemberKind = 'family' | 'neighbour' | 'volunteer' | 'district_nurse' | 'gp_practice' | 'welfare_worker' | 'municipal_consultant' | 'hospital_contact' | 'home_care';

export interface CircleMemberTable {
  id: Generated<string>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  kind: CircleMemberKind;
  name: string;
  citizen_id: Nullable<string>;
  member_organisation_id: Nullable<string>;
  user_id: Nullable<string>;
  coordinator: Generated<boolean>;
  invited_at: CreatedAt;
  joined_at: Nullable<Date>;
  removed_at: Nullable<Date>;
}

export interface CirclePlanVersionTable {
  circle_id: string;
  version: number;
  alliance_id: string;
  organisation_id: string;
  what_matters: string;
  goals: ColumnType<unknown, string, string>;
  agreements: ColumnType<unknown, string, string>;
  review_on: Nullable<string>;
  changed_fields: string[];
  changed_by_name: string;
  changed_by_kind: 'staff' | 'citizen';
  changed_by_id: string;
  changed_at: CreatedAt;
  review_reminded_at: Nullable<Date>;
}

export interface CirclePathwayTable {
  id: Generated<string>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  template: string;
  started_at: Timestamp;
  started_by_name: string;
}

export type CircleTaskStatus = 'requested' | 'accepted' | 'done' | 'declined';
export type CircleTaskPlace = 'home' | 'practice' | 'clinic' | 'hospital';

export interface CircleTaskTable {
  id: Generated<string>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  title: string;
  competence: Nullable<string>;
  place: CircleTaskPlace;
  window_start: Timestamp;
  window_end: Timestamp;
  owner_organisation_id: Nullable<string>;
  owner_member_id: Nullable<string>;
  status: Generated<CircleTaskStatus>;
  decline_reason: Nullable<string>;
  requested_by_name: string;
  accepted_by_name: Nullable<string>;
  accepted_by_member_id: Nullable<string>;
  pathway_id: Nullable<string>;
  pathway_step: Nullable<string>;
  escalated_at: Nullable<Date>;
  created_at: CreatedAt;
  accepted_at: Nullable<Date>;
  done_at: Nullable<Date>;
}

export interface CircleEventTable {
  id: Generated<number>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  type: string;
  actor_name: string;
  task_id: Nullable<string>;
  details: ColumnType<unknown, string | undefined, never>;
}

/** Messages and attachments (migration 0030). */
export interface CircleMessageTable {
  id: Generated<string>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  thread_id: Nullable<string>;
  task_id: Nullable<string>;
  sender_name: string;
  sender_kind: 'staff' | 'citizen';
  sender_id: string;
  body: string;
  sent_at: CreatedAt;
}

export interface CircleMessageAttachmentTable {
  id: Generated<string>;
  message_id: string;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Buffer;
}

export type HelpDirection = 'request' | 'offer';
export type HelpKind = 'shopping' | 'lift' | 'visit' | 'chores' | 'company' | 'other';
export type HelpStatus = 'open' | 'claimed' | 'done' | 'withdrawn';

/** Requests and offers of help (migration 0030). */
export interface CircleHelpTable {
  id: Generated<string>;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  direction: HelpDirection;
  kind: HelpKind;
  title: string;
  wanted_on: Nullable<string>;
  posted_by_name: string;
  posted_by_role: 'person' | 'member' | 'professional';
  posted_by_member_id: Nullable<string>;
  posted_by_id: string;
  status: Generated<HelpStatus>;
  claimed_by_name: Nullable<string>;
  claimed_by_member_id: Nullable<string>;
  claimed_by_id: Nullable<string>;
  claimed_at: Nullable<Date>;
  created_at: CreatedAt;
  /** Shared with the neighbourhood (migration 0036): only what the person chose is shown there. */
  neighbourhood_id: Nullable<string>;
  shared_at: Nullable<Date>;
  shared_name: Nullable<string>;
  shared_postcode_area: Nullable<string>;
  shared_title: Generated<boolean>;
  part_of_day: Nullable<PartOfDay>;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** A neighbour's offer to take up shared help, waiting for the person's or coordinator's answer (migration 0036). */
export interface CircleHelpClaimTable {
  id: Generated<string>;
  help_id: string;
  circle_id: string;
  alliance_id: string;
  organisation_id: string;
  citizen_id: string;
  name: string;
  status: Generated<'pending' | 'accepted' | 'declined'>;
  created_at: CreatedAt;
  decided_at: Nullable<Date>;
  decided_by_name: Nullable<string>;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    client_citizen_link: ClientCitizenLinkTable;
    circle: CircleTable;
    circle_member: CircleMemberTable;
    circle_plan_version: CirclePlanVersionTable;
    circle_pathway: CirclePathwayTable;
    circle_task: CircleTaskTable;
    circle_event: CircleEventTable;
    circle_message: CircleMessageTable;
    circle_message_attachment: CircleMessageAttachmentTable;
    circle_help: CircleHelpTable;
    circle_help_claim: CircleHelpClaimTable;
  }
}
