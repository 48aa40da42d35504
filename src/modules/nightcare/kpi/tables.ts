/** The night-care alliance's cost agreement (migration 0015). */
import type { ColumnType, Generated } from 'kysely';

/** jsonb: written as a JSON string or value, read as the parsed value. */
type Json<T> = ColumnType<T, string, string>;

export interface NightcareCostAgreementTable {
  alliance_id: string;
  agreement_reference: Generated<string>;
  standby_cents_per_nurse_hour: number;
  on_site_cents_per_hour: number;
  travel_cents_per_hour: number;
  standby_key: 'eligible_clients' | 'fixed_shares' | 'mix';
  eligible_clients_percent: Generated<number>;
  /** Organisation id → basis points. */
  fixed_shares: Json<Record<string, number>>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../../platform/db/schema.js' {
  interface Database {
    nightcare_cost_agreement: NightcareCostAgreementTable;
  }
}
