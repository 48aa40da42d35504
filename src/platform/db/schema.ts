import type {
  AllianceTable,
  OrganisationTable,
  AllianceMembershipTable,
  DataSharingAgreementTable,
  AppUserTable,
  LoginThrottleTable,
  StaffRoleTable,
  TeamTable,
  TeamMemberTable,
  UserSessionTable,
  ApiKeyTable,
  ClientTable,
  ClientContactTable,
  AccessGrantTable,
  ClientConsentTable,
  AuditLogTable,
  AuditSealTable,
  AuditLegacyBoundaryTable,
  AuditLogArchiveTable,
  AuditArchiveLedgerTable,
} from './tables/core.js';
import type { CitizenSessionTable, CitizenSignInLinkTable, CitizenSignInRequestTable, CitizenTable, OutboxTable } from './tables/citizen.js';
import type { ActionReceiptTable } from './tables/action-receipt.js';
import type { RateWindowTable } from './tables/rate-window.js';

export type * from './tables/core.js';
export type * from './tables/citizen.js';
export type * from './tables/action-receipt.js';
export type * from './tables/rate-window.js';
export type * from './tables/column-types.js';

/**
 * The platform's own tables. Each module declares its tables beside its code (`src/modules/<name>/tables.ts`)
 * and adds them to this interface by declaration merging, so the platform never imports a module.
 */
export interface Database {
  alliance: AllianceTable;
  organisation: OrganisationTable;
  alliance_membership: AllianceMembershipTable;
  data_sharing_agreement: DataSharingAgreementTable;
  app_user: AppUserTable;
  login_throttle: LoginThrottleTable;
  staff_role: StaffRoleTable;
  team: TeamTable;
  team_member: TeamMemberTable;
  user_session: UserSessionTable;
  api_key: ApiKeyTable;
  client: ClientTable;
  client_contact: ClientContactTable;
  access_grant: AccessGrantTable;
  client_consent: ClientConsentTable;
  audit_log: AuditLogTable;
  audit_seal: AuditSealTable;
  audit_legacy_boundary: AuditLegacyBoundaryTable;
  audit_log_archive: AuditLogArchiveTable;
  audit_archive_ledger: AuditArchiveLedgerTable;
  outbox: OutboxTable;
  citizen: CitizenTable;
  citizen_sign_in_link: CitizenSignInLinkTable;
  citizen_session: CitizenSessionTable;
  citizen_sign_in_request: CitizenSignInRequestTable;
  action_receipt: ActionReceiptTable;
  rate_window: RateWindowTable;
}
