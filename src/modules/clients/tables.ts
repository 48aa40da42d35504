/** Tables of the information letters to clients and their batches. */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/index.js';

export interface InformationLetterTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string;
  batch_id: string | null;
  generated_by: string;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface LetterBatchTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  created_by: string;
  total: number;
  done: Generated<number>;
  status: Generated<'running' | 'done' | 'failed'>;
  mark_sent: boolean;
  pdf: Buffer | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    information_letter: InformationLetterTable;
    letter_batch: LetterBatchTable;
  }
}
