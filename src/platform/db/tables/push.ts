import type { ColumnType } from 'kysely';
import type { CreatedAt } from './column-types.js';

export interface PushSubscriptionTable {
  user_id: string;
  device_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: CreatedAt;
}

export interface PushVapidKeyTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  public_key: string;
  private_key_sealed: string;
  created_at: CreatedAt;
}

export interface ActionReceiptTable {
  user_id: string;
  idempotency_key: string;
  request_hash: string;
  status_code: number;
  created_at: CreatedAt;
}
