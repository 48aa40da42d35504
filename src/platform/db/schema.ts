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
  InformationLetterTable,
  LetterBatchTable,
} from './tables/core.js';
import type {
  GpPostAreaTable,
  NurseDutyTable,
  IncidentTable,
  AlarmTable,
  IncidentEventTable,
  VisitReportTable,
  GpReferralTable,
  HandoverTable,
  AlarmKeyTable,
  PlannedVisitTable,
  PlanningRunTable,
} from './tables/nightcare.js';
import type { IntakeSilenceTable, SupervisedSourceTable } from './tables/supervision.js';
import type { NightcareCostAgreementTable } from './tables/management.js';
import type { CitizenSessionTable, CitizenSignInLinkTable, CitizenSignInRequestTable, CitizenTable, OutboxTable } from './tables/citizen.js';
import type { CallBackTable, CallLogTable, IncidentMessageTable } from './tables/night-roster.js';
import type { StaffInvitationTable } from './tables/onboarding.js';
import type { ActionReceiptTable, PushSubscriptionTable, PushVapidKeyTable } from './tables/push.js';
import type {
  RespiteBedTable,
  RespiteBookingTable,
  RespiteFundingTable,
  RespiteIntakeTable,
  RespiteIntroVisitTable,
  RespiteLocationTable,
  RespiteNeedsTable,
  RespiteRequestTable,
  RespiteSeriesTable,
  RespiteSettingsTable,
  RespiteWaitlistTable,
} from './tables/respite.js';
import type { InitiativeEventTable, InitiativeTable, NetworkMunicipalityTable } from './tables/networkmap.js';

export type * from './tables/core.js';
export type * from './tables/nightcare.js';
export type * from './tables/supervision.js';
export type * from './tables/management.js';
export type * from './tables/citizen.js';
export type * from './tables/night-roster.js';
export type * from './tables/onboarding.js';
export type * from './tables/push.js';
export type * from './tables/respite.js';
export type * from './tables/networkmap.js';

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
  information_letter: InformationLetterTable;
  letter_batch: LetterBatchTable;
  gp_post_area: GpPostAreaTable;
  nurse_duty: NurseDutyTable;
  incident: IncidentTable;
  alarm: AlarmTable;
  incident_event: IncidentEventTable;
  visit_report: VisitReportTable;
  gp_referral: GpReferralTable;
  handover: HandoverTable;
  alarm_key: AlarmKeyTable;
  planned_visit: PlannedVisitTable;
  planning_run: PlanningRunTable;
  supervised_source: SupervisedSourceTable;
  intake_silence: IntakeSilenceTable;
  nightcare_cost_agreement: NightcareCostAgreementTable;
  outbox: OutboxTable;
  citizen: CitizenTable;
  citizen_sign_in_link: CitizenSignInLinkTable;
  citizen_session: CitizenSessionTable;
  citizen_sign_in_request: CitizenSignInRequestTable;
  incident_message: IncidentMessageTable;
  call_back: CallBackTable;
  call_log: CallLogTable;
  staff_invitation: StaffInvitationTable;
  push_subscription: PushSubscriptionTable;
  push_vapid_key: PushVapidKeyTable;
  action_receipt: ActionReceiptTable;
  respite_settings: RespiteSettingsTable;
  respite_location: RespiteLocationTable;
  respite_bed: RespiteBedTable;
  respite_series: RespiteSeriesTable;
  respite_booking: RespiteBookingTable;
  respite_intro_visit: RespiteIntroVisitTable;
  respite_needs: RespiteNeedsTable;
  respite_funding: RespiteFundingTable;
  respite_waitlist: RespiteWaitlistTable;
  respite_intake: RespiteIntakeTable;
  respite_request: RespiteRequestTable;
  network_municipality: NetworkMunicipalityTable;
  initiative: InitiativeTable;
  initiative_event: InitiativeEventTable;
}
