/** Shapes of the API's answers as the browser receives them (instants arrive as ISO strings). */

export type Role = 'alliance_admin' | 'organisation_admin' | 'coordinator' | 'nurse' | 'network_coordinator';

export interface Membership {
  organisationId: string;
  organisationName: string;
  kind: string;
  roles: Role[];
}

export interface Me {
  user: { id: string; name: string; email: string; language: string; totpEnabled: boolean };
  activeOrganisationId: string;
  /** The alliance's zone; times are shown in it. */
  timeZone: string;
  secondFactorDone: boolean;
  memberships: Membership[];
}

export interface Identification {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  alarmAccount: string | null;
  organisationId: string;
  organisationName: string;
  ownOrganisation: boolean;
}

export const nightRisks = ['fall_risk', 'dementia', 'diabetes', 'epilepsy', 'heart_failure', 'copd', 'anticoagulants', 'wandering', 'aggression', 'infection_risk', 'palliative'] as const;
export type NightRisk = (typeof nightRisks)[number];

export interface NightSummaryFields {
  risks: NightRisk[];
  allergies: string;
  medication: string;
  wishes: string;
  instructions: string;
}

export interface Contact {
  id?: string;
  name: string;
  relation: string;
  phone: string;
  informalCaregiver: boolean;
}

export interface NightSummary extends Identification {
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  gpName: string | null;
  gpPhone: string | null;
  hasKeySafe: boolean;
  keySafeLocation: string | null;
  nightSummary: NightSummaryFields;
  contacts: Contact[];
  accessBasis: string;
}

export interface ClientRecord extends NightSummary {
  municipality: string;
  districtNursing: boolean;
  personalAlarm: boolean;
  alarmDevice: string | null;
  gpPostId: string | null;
  letterSentAt: string | null;
  objectedAt: string | null;
  objectionNote: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  userName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  role: string | null;
  clientId: string | null;
  action: string;
  resource: string;
  fields: string[];
  purpose: string | null;
  reason: string | null;
  outcome: string;
}

export interface EmergencyReview {
  id: string;
  clientId: string;
  clientName: string;
  userName: string;
  organisationName: string;
  reason: string | null;
  grantedAt: string;
  expiresAt: string;
  reviewStatus: string;
  reviewNote: string | null;
}

export interface Alliance {
  id: string;
  name: string;
  region: string;
  timeZone: string;
  consentModel: string;
}

export const organisationKinds = ['care_provider', 'gp_post', 'municipality', 'hospital', 'welfare', 'insurer', 'alarm_centre'] as const;

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  city: string | null;
}

export const agreementPurposes = ['nightcare', 'respite', 'care_network'] as const;

export interface Agreement {
  id: string;
  allianceId: string;
  organisationId: string;
  organisationName: string;
  purposes: string[];
  startsOn: string;
  endsOn: string | null;
  signedBy: string;
  active: boolean;
}

export interface Staff {
  id: string;
  name: string;
  email: string;
  roles: string[];
  totpEnabled: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface LetterBatch {
  id: string;
  total: number;
  done: number;
  status: string;
  created_at: string;
  finished_at: string | null;
}

export type Items<T> = { items: T[] };
