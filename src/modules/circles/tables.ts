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
  }
}
