/** Idempotency receipts: a repeated action (same user and key) gets the first answer instead of running twice. */
import type { CreatedAt } from './column-types.js';

export interface ActionReceiptTable {
  user_id: string;
  idempotency_key: string;
  request_hash: string;
  status_code: number;
  created_at: CreatedAt;
}
