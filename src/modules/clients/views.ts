import type { AccessContext, ClientPermit } from '../../platform/access/index.js';
import type { NightSummaryJson } from '../../platform/db/index.js';
import { maskCpr } from './cpr.js';
import type { ClientRecord, Identification, NightCareService, NightSummary, NightSummaryView } from './schemas.js';

interface IdentificationRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  street: string;
  house_number: string;
  postcode: string;
  city: string;
  alarm_account: string | null;
  organisation_id: string;
  organisation_name: string;
  district_nursing: boolean;
  personal_alarm: boolean;
  cpr: string | null;
  updated_at: Date;
}

/** Why the night team serves this client (DESIGN.md §1): district nursing and/or a personal alarm. */
const nightCareScope = (row: IdentificationRow): NightCareService[] => [
  ...(row.district_nursing ? (['district_nursing'] as const) : []),
  ...(row.personal_alarm ? (['personal_alarm'] as const) : []),
];

export function identificationView(row: IdentificationRow, ctx: AccessContext): Identification {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    street: row.street,
    houseNumber: row.house_number,
    postcode: row.postcode,
    city: row.city,
    alarmAccount: row.alarm_account,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    ownOrganisation: row.organisation_id === ctx.organisationId,
    nightCareScope: nightCareScope(row),
    cprMasked: maskCpr(row.cpr),
    updatedAt: row.updated_at,
  };
}

interface ClientRow extends IdentificationRow {
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  gp_name: string | null;
  gp_phone: string | null;
  key_safe_code_enc: string | null;
  key_safe_location: string | null;
  night_summary: NightSummaryJson;
  municipality: string;
  district_nursing: boolean;
  personal_alarm: boolean;
  alarm_device: string | null;
  gp_post_id: string | null;
  letter_sent_at: Date | null;
  objected_at: Date | null;
  objection_note: string | null;
  client_number: string | null;
  care_ended_on: string | null;
}

/**
 * A stored night summary with the fields a row was written without (it predates them) filled in as
 * empty. Its texts and risks were checked by nightSummarySchema when written.
 */
export const nightSummaryOf = (stored: NightSummaryJson): NightSummary => ({
  risks: (stored.risks ?? []) as NightSummary['risks'],
  allergies: stored.allergies ?? '',
  medication: stored.medication ?? '',
  wishes: stored.wishes ?? '',
  instructions: stored.instructions ?? '',
});

interface ContactRow {
  id: string;
  name: string;
  relation: string;
  phone: string;
  informal_caregiver: boolean;
}

// The views below extend a narrower one with Object.assign, not with a spread followed by more fields:
// V8 builds such a literal a property at a time, and the client-record read spent about 20 µs per
// record there, a twentieth of its server time (bench:api's profile).

export function nightSummaryView(row: ClientRow, contacts: ContactRow[], permit: Pick<ClientPermit, 'basis'>, ctx: AccessContext): NightSummaryView {
  return Object.assign(identificationView(row, ctx), {
    latitude: row.latitude,
    longitude: row.longitude,
    phone: row.phone,
    gpName: row.gp_name,
    gpPhone: row.gp_phone,
    hasKeySafe: row.key_safe_code_enc !== null,
    keySafeLocation: row.key_safe_location,
    nightSummary: nightSummaryOf(row.night_summary),
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, relation: c.relation, phone: c.phone, informalCaregiver: c.informal_caregiver })),
    accessBasis: permit.basis,
  });
}

export function clientRecordView(row: ClientRow, contacts: ContactRow[], permit: Pick<ClientPermit, 'basis'>, ctx: AccessContext): ClientRecord {
  return Object.assign(nightSummaryView(row, contacts, permit, ctx), {
    municipality: row.municipality,
    districtNursing: row.district_nursing,
    personalAlarm: row.personal_alarm,
    alarmDevice: row.alarm_device,
    gpPostId: row.gp_post_id,
    letterSentAt: row.letter_sent_at,
    objectedAt: row.objected_at,
    objectionNote: row.objection_note,
    clientNumber: row.client_number,
    cpr: row.cpr,
    careEndedOn: row.care_ended_on,
  });
}
