/** Respite stays (migration 0019). Date ranges travel as PostgreSQL text, `[2026-03-27,2026-03-29)`. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/index.js';

export type DateRangeText = string;

export type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface RespiteSettingsTable {
  alliance_id: string;
  min_lead_days: ColumnType<number, number | undefined, number>;
  hold_hours: ColumnType<number, number | undefined, number>;
  crisis_phone: ColumnType<string, string | undefined, string>;
  /** Analytics suppress figures resting on fewer people than this (migration 0029). */
  min_group_size: ColumnType<number, number | undefined, number>;
}

export interface RespiteLocationTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  name: string;
  offer_type: 'care_home' | 'respite_house' | 'host_family' | 'at_home' | 'day_care';
  description: ColumnType<string, string | undefined, string>;
  street: string;
  city: string;
  municipality: string;
  latitude: number;
  longitude: number;
  features: TextArray;
  capabilities: TextArray;
  exclusions: TextArray;
  funding_accepted: TextArray;
  price_per_night_cents: number;
  photos: TextArray;
  accessibility: ColumnType<string, string | undefined, string>;
  intro_visit_possible: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface RespiteBedTable {
  id: Generated<string>;
  alliance_id: string;
  location_id: string;
  label: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RespiteSeriesTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  location_id: string;
  rrule: string;
  nights: number;
  confirmation: 'all_or_nothing' | 'per_occurrence';
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export type BookingStatus = 'requested' | 'booked' | 'held' | 'cancelled' | 'no_show' | 'expired' | 'declined';

export interface RespiteBookingTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  location_id: string;
  bed_id: string;
  kind: 'stay' | 'block' | 'maintenance';
  client_id: string | null;
  series_id: string | null;
  nights: DateRangeText;
  status: BookingStatus;
  funding: 'wmo' | 'wlz' | 'private' | null;
  waitlist_id: string | null;
  hold_expires_at: Timestamp | null;
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  caregiver_confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminder_sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  feedback_asked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  generated: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RespiteIntroVisitTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  location_id: string;
  client_id: string;
  visit_on: ColumnType<string, string, string>;
  status: ColumnType<'planned' | 'done' | 'cancelled', 'planned' | 'done' | 'cancelled' | undefined, 'planned' | 'done' | 'cancelled'>;
  created_at: CreatedAt;
}

export interface RespiteNeedsTable {
  client_id: string;
  alliance_id: string;
  organisation_id: string;
  needs: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RespiteFundingTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  scheme: 'wmo' | 'wlz' | 'private';
  nights_per_year: number | null;
  valid_from: ColumnType<string, string, string>;
  valid_until: ColumnType<string | null, string | null | undefined, string | null>;
  reference: ColumnType<string, string | undefined, string>;
}

export interface RespiteWaitlistTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  location_id: string;
  wanted: DateRangeText;
  contact_email: string;
  status: ColumnType<'waiting' | 'offered' | 'placed' | 'withdrawn', 'waiting' | 'offered' | 'placed' | 'withdrawn' | undefined, 'waiting' | 'offered' | 'placed' | 'withdrawn'>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RespiteIntakeTable {
  alliance_id: string;
  municipality: string;
  route: 'wmo' | 'caregiver_support';
  organisation_id: string;
  email: string;
  phone: string;
}

export interface RespiteRequestTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  route: 'wmo' | 'caregiver_support';
  municipality: string;
  location_id: string | null;
  wanted: DateRangeText;
  for_whom: string;
  needs: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  source_hash: string;
  citizen_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<'new' | 'proposed' | 'closed', 'new' | 'proposed' | 'closed' | undefined, 'new' | 'proposed' | 'closed'>;
  outcome: ColumnType<RequestOutcome | null, RequestOutcome | null | undefined, RequestOutcome | null>;
  generated: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  /** A GP's or practice nurse's referral names the referring organisation (migration 0029). */
  referred_by_organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
  strain_score: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Why a request ended: booked, or the unmet-need reason the municipality's analytics count. */
export type RequestOutcome = 'booked' | 'no_room' | 'no_fit' | 'no_funding' | 'declined';

export interface RespiteFeedbackTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  booking_id: string;
  respondent: 'caregiver' | 'person';
  rating: number;
  comment: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export type Respondent = 'older_person' | 'caregiver' | 'professional';

/** An anonymous questionnaire answer (migration 0029): no client, no citizen, only the municipality. */
export interface RespiteQuestionnaireTable {
  id: Generated<string>;
  alliance_id: string;
  municipality: string;
  respondent: Respondent;
  strain_items: boolean[] | null;
  strain_score: number | null;
  used_respite: boolean;
  non_use_reasons: TextArray;
  wishes: TextArray;
  free_text: ColumnType<string, string | undefined, string>;
  themes: TextArray;
  coded_by: ColumnType<string | null, string | null | undefined, string | null>;
  coded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  source_hash: string;
  generated: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RespiteWmoDecisionTable {
  request_id: string;
  alliance_id: string;
  organisation_id: string;
  granted: boolean;
  nights_per_year: number | null;
  valid_from: ColumnType<string | null, string | null, string | null>;
  valid_until: ColumnType<string | null, string | null | undefined, string | null>;
  reference: ColumnType<string, string | undefined, string>;
  /** Required on a refusal, absent on a grant (migration 0043). */
  refusal_reason: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: string;
  decided_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A public search that found no fitting place or no room: anonymous (see migration 0035). */
export interface RespiteUnmetSearchTable {
  id: Generated<number>;
  alliance_id: string;
  municipality: string;
  stay_month: ColumnType<string, string, string>;
  nights_bucket: '1' | '2-3' | '4-7' | '8+';
  offer_type: string | null;
  reason: 'no_room' | 'no_fit';
  searched_on: ColumnType<string, string, string>;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    respite_settings: RespiteSettingsTable;
    respite_location: RespiteLocationTable;
    respite_bed: RespiteBedTable;
    respite_series: RespiteSeriesTable;
    respite_booking: RespiteBookingTable;
    respite_intro_visit: RespiteIntroVisitTable;
    respite_needs: RespiteNeedsTable;
    respite_funding: RespiteFundingTable;
    respite_waitlist: RespiteWaitlistTable;
    respite_intake: RespiteIntakeTable;
    respite_request: RespiteRequestTable;
    respite_feedback: RespiteFeedbackTable;
    respite_questionnaire: RespiteQuestionnaireTable;
    respite_wmo_decision: RespiteWmoDecisionTable;
    respite_unmet_search: RespiteUnmetSearchTable;
  }
}
