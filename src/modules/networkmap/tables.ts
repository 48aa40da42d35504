import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/index.js';

/** The network map (migration 0020): networks' municipalities, initiatives and their history. */

type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface NetworkMunicipalityTable {
  id: Generated<string>;
  alliance_id: string;
  network_id: string;
  name: string;
  province: Defaulted<string>;
  latitude: number;
  longitude: number;
  /** Migration 0039: the municipality's own organisation, whose staff read its quick-scan. */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type InitiativeStage = 'idea' | 'starting' | 'running' | 'stopped';
export type InitiativeStatus = 'unconfirmed' | 'submitted' | 'changes_requested' | 'national_review' | 'accepted' | 'rejected';
export type SupportStatus = 'none' | 'asked' | 'in_contact' | 'supported' | 'closed';
export interface InitiativePartner {
  name: string;
  kind: string;
}

export interface InitiativeTable {
  id: Generated<string>;
  alliance_id: string;
  network_id: string;
  municipality_id: string;
  title: string;
  summary: Defaulted<string>;
  place: Defaulted<string>;
  partners: ColumnType<InitiativePartner[], string | undefined, string>;
  partner_names: Defaulted<string>;
  themes: TextArray;
  target_groups: TextArray;
  stage: InitiativeStage;
  started_on: string | null;
  contact_name: Defaulted<string>;
  contact_email: Defaulted<string>;
  contact_phone: Defaulted<string>;
  contact_publish: Defaulted<boolean>;
  links: TextArray;
  files: TextArray;
  films: TextArray;
  latitude: number | null;
  longitude: number | null;
  last_verified_on: string | null;
  wants_support: Defaulted<boolean>;
  support_status: Defaulted<SupportStatus>;
  status: InitiativeStatus;
  status_reason: Defaulted<string>;
  fictional: Defaulted<boolean>;
  source: 'public' | 'import' | 'staff' | 'hsds';
  confirm_token_hash: string | null;
  edit_token_hash: string | null;
  accepted_at: Date | null;
  verify_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  verify_reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  search: ColumnType<string, never, never>;
}

export interface InitiativeEventTable {
  id: Generated<number>;
  initiative_id: string;
  at: CreatedAt;
  actor_kind: 'submitter' | 'user' | 'import' | 'system';
  actor_user_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: Defaulted<string>;
  changes: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Migration 0032: the quick-scan, resources, the demand side. */
export interface QuickScanTable {
  id: Generated<string>;
  alliance_id: string;
  network_id: string;
  municipality_id: string;
  held_on: string;
  work_together: number;
  find_each_other: number;
  needs_aligned: number;
  work_together_note: Defaulted<string>;
  find_each_other_note: Defaulted<string>;
  needs_aligned_note: Defaulted<string>;
  participants: Defaulted<string>;
  filled_by: string;
  created_at: CreatedAt;
  /** Migration 0039: the municipality's own explanation of the round. */
  municipality_note: Defaulted<string>;
  municipality_note_by: ColumnType<string | null, string | null | undefined, string | null>;
  municipality_note_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type ResourceKind = 'persona' | 'film' | 'document';
export interface PersonaContent {
  situation: string;
  needs: string[];
  helps: string[];
  quotes: string[];
}

export interface NetworkResourceTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  kind: ResourceKind;
  title: string;
  summary: Defaulted<string>;
  url: string | null;
  themes: TextArray;
  persona: ColumnType<PersonaContent | Record<string, never>, string | undefined, string>;
  made_by: Defaulted<string>;
  conversations: number | null;
  made_on: string | null;
  licence: Defaulted<string>;
  fictional: Defaulted<boolean>;
  created_at: CreatedAt;
  /** Migration 0039: edited and withdrawn by its publisher. */
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Migration 0039: an uploaded document's file. */
export interface NetworkResourceFileTable {
  resource_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Buffer;
}

export interface NetworkResourceInitiativeTable {
  resource_id: string;
  initiative_id: string;
}

export type NeedSource = 'signal' | 'interview' | 'persona';
export interface LocalNeedTable {
  id: Generated<string>;
  alliance_id: string;
  network_id: string;
  municipality_id: string;
  description: string;
  theme: string;
  target_group: string;
  source: NeedSource;
  persona_id: string | null;
  noted_on: string;
  created_by: string;
  created_at: CreatedAt;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    network_municipality: NetworkMunicipalityTable;
    initiative: InitiativeTable;
    initiative_event: InitiativeEventTable;
    quick_scan: QuickScanTable;
    network_resource: NetworkResourceTable;
    network_resource_initiative: NetworkResourceInitiativeTable;
    network_resource_file: NetworkResourceFileTable;
    local_need: LocalNeedTable;
  }
}
