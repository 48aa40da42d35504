import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/index.js';

/** The neighbourhood partnership (migration 0030): public by design, no client data. */

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface NeighbourhoodTable {
  id: Generated<string>;
  alliance_id: string;
  slug: string;
  name: string;
  municipality: string;
  postcodes: ColumnType<string[], string[] | undefined, string[]>;
  intro: Generated<string>;
  fictional: Generated<boolean>;
  created_at: CreatedAt;
}

export interface NeighbourhoodPartnerTable {
  neighbourhood_id: string;
  organisation_id: string;
  alliance_id: string;
  joined_on: ColumnType<string, string | undefined, string>;
}

export interface NeighbourhoodAmbitionTable {
  id: Generated<string>;
  neighbourhood_id: string;
  alliance_id: string;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface NeighbourhoodCommitmentTable {
  id: Generated<string>;
  ambition_id: string;
  neighbourhood_id: string;
  alliance_id: string;
  organisation_id: string;
  text: string;
  due_on: Nullable<string>;
  progress: Generated<number>;
  progress_note: Generated<string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A citizen who volunteers in a neighbourhood and sees the help shared there (migration 0036). */
export interface NeighbourhoodVolunteerTable {
  neighbourhood_id: string;
  citizen_id: string;
  alliance_id: string;
  since: CreatedAt;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    neighbourhood: NeighbourhoodTable;
    neighbourhood_partner: NeighbourhoodPartnerTable;
    neighbourhood_ambition: NeighbourhoodAmbitionTable;
    neighbourhood_commitment: NeighbourhoodCommitmentTable;
    neighbourhood_volunteer: NeighbourhoodVolunteerTable;
  }
}
