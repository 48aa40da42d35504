/** Tables of onboarding a partner organisation. */
import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../../platform/db/index.js';

export interface StaffInvitationTable {
  id: Generated<string>;
  alliance_id: string;
  organisation_id: string;
  email: string;
  name: string;
  roles: string[];
  token_hash: string;
  invited_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
}

// The table types live with the module that owns the tables; the database type learns them here.
declare module '../../../platform/db/schema.js' {
  interface Database {
    staff_invitation: StaffInvitationTable;
  }
}
