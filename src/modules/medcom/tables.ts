import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/index.js';
import type { MessageKind } from './message.js';

/** What came of a late match's effects (migration 0045): see late-match.ts. */
export type LateEffects = 'pending' | 'applied' | 'superseded' | 'none';

/** Every MedCom message in and out (migration 0028), kept as received or sent. */
export interface MedcomMessageTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  client_id: string | null;
  direction: 'in' | 'out';
  kind: MessageKind | 'observations';
  header_id: string;
  event: string | null;
  peer_sor_code: string | null;
  bundle: ColumnType<unknown, string, string>;
  status: 'processed' | 'rejected' | 'queued' | 'collected';
  ack_code: 'ok' | 'transient-error' | 'fatal-error' | null;
  created_at: CreatedAt;
  collected_at: Timestamp | null;
  late_effects: ColumnType<LateEffects | null, LateEffects | null | undefined, LateEffects | null>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    medcom_message: MedcomMessageTable;
  }
}
