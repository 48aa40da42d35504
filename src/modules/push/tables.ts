/** Web Push subscriptions per user and device, and the server's VAPID key. */
import type { ColumnType } from 'kysely';
import type { CreatedAt } from '../../platform/db/index.js';

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

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../platform/db/schema.js' {
  interface Database {
    push_subscription: PushSubscriptionTable;
    push_vapid_key: PushVapidKeyTable;
  }
}
