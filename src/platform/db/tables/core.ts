/** Tables of the shared client record: alliance, organisations, staff, clients, access, audit, letters. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './column-types.js';
import type { Role } from '../../access/context.js';

export interface AllianceTable {
  id: Generated<string>;
  name: string;
  region: string;
  time_zone: Generated<string>;
  consent_model: Generated<'objection' | 'explicit_consent'>;
  created_at: CreatedAt;
  night_shift_start: Generated<string>;
  night_shift_end: Generated<string>;
  auto_dispatch_urgencies: Generated<string[]>;
  offer_timeout_minutes: Generated<number>;
  intake_silence_minutes: Generated<number>;
  /** Urgency → { minutes, source } (migration 0015). */
  response_norms: ColumnType<Record<string, { minutes: number | null; source: string }>, string | undefined, string>;
  minimum_night_nurses: Generated<number>;
  planned_visits_enabled: Generated<boolean>;
  /** Night alarms for one client within a week from which the handover suggests respite (migration 0029). */
  respite_alarm_threshold: Generated<number>;
  overdue_repeat_minutes: Generated<number>;
}

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: string;
  city: string | null;
  /** SOR id: the organisation's address in the Danish message network (migration 0028). */
  sor_code: Generated<string | null>;
  created_at: CreatedAt;
}

export interface AllianceMembershipTable {
  alliance_id: string;
  organisation_id: string;
  joined_at: CreatedAt;
}

export interface DataSharingAgreementTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  purposes: string[];
  starts_on: string;
  ends_on: string | null;
  signed_by: string;
  created_at: CreatedAt;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  preferred_language: Generated<string>;
  created_at: CreatedAt;
}

/** Failed logins per account or source address (migration 0009). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface StaffRoleTable {
  user_id: string;
  organisation_id: string;
  role: Role;
}

export interface TeamTable {
  id: Generated<string>;
  alliance_id: string;
  name: string;
  purpose: Generated<string>;
}

export interface TeamMemberTable {
  team_id: string;
  user_id: string;
  organisation_id: string;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  organisation_id: string;
  second_factor_done: boolean;
  /** The acting alliance chosen in this session (0012); null: the only one, or none chosen yet. */
  alliance_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiKeyTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  /** A message-network gateway's key (MedCom, migration 0028). */
  messaging: Generated<boolean>;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface NightSummaryJson {
  risks?: string[];
  allergies?: string;
  medication?: string;
  wishes?: string;
  instructions?: string;
}

export interface ClientTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  street: string;
  house_number: string;
  postcode: string;
  city: string;
  municipality: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  district_nursing: Generated<boolean>;
  personal_alarm: Generated<boolean>;
  alarm_account: string | null;
  alarm_device: string | null;
  key_safe_code_enc: string | null;
  key_safe_location: string | null;
  gp_name: string | null;
  gp_phone: string | null;
  gp_post_id: string | null;
  night_summary: ColumnType<NightSummaryJson, string, string>;
  letter_sent_at: Timestamp | null;
  objected_at: Timestamp | null;
  objection_note: string | null;
  consent_given_at: Timestamp | null;
  consent_withdrawn_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  client_number: string | null;
  /** Danish CPR number, DDMMYY-SSSS (migration 0028). */
  cpr: Generated<string | null>;
  care_ended_on: string | null;
}

export interface ClientContactTable {
  id: Generated<string>;
  client_id: string;
  alliance_id: string;
  organisation_id: string;
  name: string;
  relation: string;
  phone: string;
  informal_caregiver: Generated<boolean>;
  position: Generated<number>;
}

export interface AccessGrantTable {
  id: Generated<string>;
  alliance_id: string;
  client_id: string;
  /** Null only for a stay grant: the whole care home's organisation holds it (migration 0024). */
  user_id: string | null;
  organisation_id: string;
  kind: 'assignment' | 'emergency' | 'stay';
  /** The sharing purpose the grant was given for (`platform/access/purposes.ts`); it opens nothing for another. */
  purpose: 'nightcare' | 'respite' | 'care_network' | 'exchange';
  reference: string | null;
  reason: string | null;
  granted_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  review_status: 'pending' | 'justified' | 'unjustified' | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
}

/** Recorded consent (0012): the third basis of access, beside own organisation and assignment. */
export interface ClientConsentTable {
  id: Generated<string>;
  alliance_id: string;
  client_id: string;
  /** Null when the consent names one citizen member of the person's care circle instead. */
  grantee_organisation_id: string | null;
  grantee_user_id: string | null;
  grantee_citizen_id: ColumnType<string | null, string | null | undefined, string | null>;
  purpose: 'nightcare' | 'respite' | 'care_network' | 'exchange';
  levels: ('identification' | 'night_summary' | 'record' | 'circle_plan' | 'circle_tasks' | 'circle_messages' | 'circle_contacts')[];
  given_by: string;
  giver_kind: ColumnType<'person' | 'representative', 'person' | 'representative' | undefined, 'person' | 'representative'>;
  given_at: Timestamp;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_at: Timestamp | null;
  recorded_by: string | null;
  recorded_by_citizen_id: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  alliance_id: string | null;
  user_id: string | null;
  user_name: string | null;
  organisation_id: string | null;
  role: string | null;
  client_id: string | null;
  client_organisation_id: string | null;
  action: string;
  resource: string;
  fields: string[];
  purpose: string | null;
  reason: string | null;
  grant_id: string | null;
  outcome: 'allowed' | 'refused';
  /** The chain columns of entries sealed before migration 0008; later entries are sealed in audit_seal. */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  /** Random per entry, so two equal entries never share a MAC; null before migration 0008. */
  nonce: string | null;
  /** HMAC of the entry made at insert time with the audit key (never in the database). */
  mac: string | null;
}

/** One entry's link in its alliance's keyed chain; insert-only like the log itself. */
export interface AuditSealTable {
  audit_id: number;
  chain: string;
  seq: number;
  row_mac: string;
  prev_hash: string;
  hash: string;
  sealed_at: Generated<Date>;
}

export interface AuditLegacyBoundaryTable {
  max_id: number;
}

/** Months detached from the live log by `npm run audit:archive` (migration 0033): read-only, the same columns. */
export type AuditLogArchiveTable = Omit<AuditLogTable, 'id'> & { id: number };

export interface AuditArchiveLedgerTable {
  partition_name: string;
  range_from: Date;
  range_to: Date;
  entries: ColumnType<string, number, never>;
  archived_at: Generated<Date>;
}

