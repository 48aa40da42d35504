/** Tables of night planning: planned visits and the planner's runs. */
import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/index.js';

export interface PlannedVisitTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  night: string;
  task: string;
  window_start: Timestamp;
  window_end: Timestamp;
  duration_minutes: number;
  required_skills: Generated<string[]>;
  priority: Generated<number>;
  latitude: number;
  longitude: number;
  assigned_user_id: string | null;
  sequence: number | null;
  planned_start: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
  status: Generated<'planned' | 'en_route' | 'on_site' | 'done'>;
  on_site_at: Timestamp | null;
  done_at: Timestamp | null;
  unplanned_reason: string | null;
  /** The recurring series (a care agreement's RRULE) this night's visit was made from (migration 0023). */
  series_id: string | null;
}

/** A recurring planned visit: the rule picks the nights, the window is wall-clock time in the alliance's zone. */
export interface PlannedVisitSeriesTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  care_agreement: string;
  task: string;
  rrule: string;
  first_night: string;
  last_night: string | null;
  window_start: string;
  window_end: string;
  duration_minutes: number;
  required_skills: Generated<string[]>;
  priority: Generated<number>;
  latitude: number;
  longitude: number;
  skipped_nights: Generated<string[]>;
  created_by: string;
  created_at: CreatedAt;
}

export interface PlanningRunTable {
  id: Generated<string>;
  alliance_id: string;
  night: string;
  status: Generated<'running' | 'done' | 'failed'>;
  time_limit_ms: number;
  elapsed_ms: Generated<number>;
  iterations: Generated<number>;
  travel_minutes: number | null;
  unassigned: number | null;
  started_by: string;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
  /** The travel times the plan rests on: the alliance's OSRM server, or the offline estimate (migration 0026). */
  roads: Generated<'estimate' | 'osrm'>;
  /** Why the estimate was used although an OSRM server is configured (it did not answer, or refused). */
  roads_warning: string | null;
  stop_requested_at: Timestamp | null;
  stopped_early: Generated<boolean>;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    planned_visit: PlannedVisitTable;
    planning_run: PlanningRunTable;
    planned_visit_series: PlannedVisitSeriesTable;
  }
}
