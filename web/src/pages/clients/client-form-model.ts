import type { ClientRecord, Contact, NightRisk } from '../../api/types.js';

/** The form keeps every input as text; the payload turns it into the API's shape. */
export interface ClientForm {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  municipality: string;
  phone: string;
  latitude: string;
  longitude: string;
  districtNursing: boolean;
  personalAlarm: boolean;
  alarmAccount: string;
  alarmDevice: string;
  keySafeCode: string;
  keySafeLocation: string;
  gpName: string;
  gpPhone: string;
  cpr: string;
  nightSummary: { risks: NightRisk[]; allergies: string; medication: string; wishes: string; instructions: string };
  contacts: Omit<Contact, 'id'>[];
}

export type TextKey = { [K in keyof ClientForm]: ClientForm[K] extends string ? K : never }[keyof ClientForm];

export const emptyForm = (): ClientForm => ({
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  street: '',
  houseNumber: '',
  postcode: '',
  city: '',
  municipality: '',
  phone: '',
  latitude: '',
  longitude: '',
  districtNursing: false,
  personalAlarm: false,
  alarmAccount: '',
  alarmDevice: '',
  keySafeCode: '',
  keySafeLocation: '',
  gpName: '',
  gpPhone: '',
  cpr: '',
  nightSummary: { risks: [], allergies: '', medication: '', wishes: '', instructions: '' },
  contacts: [],
});

export function formFromRecord(r: ClientRecord): ClientForm {
  return {
    givenName: r.givenName,
    familyName: r.familyName,
    dateOfBirth: r.dateOfBirth,
    street: r.street,
    houseNumber: r.houseNumber,
    postcode: r.postcode,
    city: r.city,
    municipality: r.municipality,
    phone: r.phone ?? '',
    latitude: r.latitude?.toString() ?? '',
    longitude: r.longitude?.toString() ?? '',
    districtNursing: r.districtNursing,
    personalAlarm: r.personalAlarm,
    alarmAccount: r.alarmAccount ?? '',
    alarmDevice: r.alarmDevice ?? '',
    // The stored code is never sent to the browser; an empty field leaves it unchanged.
    keySafeCode: '',
    keySafeLocation: r.keySafeLocation ?? '',
    gpName: r.gpName ?? '',
    gpPhone: r.gpPhone ?? '',
    cpr: r.cpr ?? '',
    nightSummary: { ...r.nightSummary },
    contacts: r.contacts.map(({ name, relation, phone, informalCaregiver }) => ({ name, relation, phone, informalCaregiver })),
  };
}

/** A number when the text is one; otherwise the text itself, so the server names the problem. */
function coordinate(value: string): number | string | undefined {
  const text = value.trim().replace(',', '.');
  if (!text) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** The JSON body for POST and PATCH: empty optional fields are left out rather than sent as "". */
/**
 * The request body. When editing, an emptied optional field is sent as null so the server clears it;
 * an empty key-safe code means "unchanged" (the code is never shown in the form).
 */
export function toPayload(form: ClientForm, editing = false): Record<string, unknown> {
  const empty = editing ? null : undefined;
  const optional = (value: string) => (value.trim() ? value.trim() : empty);
  const latitude = coordinate(form.latitude) ?? empty;
  const longitude = coordinate(form.longitude) ?? empty;
  return {
    givenName: form.givenName,
    familyName: form.familyName,
    dateOfBirth: form.dateOfBirth,
    street: form.street,
    houseNumber: form.houseNumber,
    postcode: form.postcode,
    city: form.city,
    municipality: form.municipality,
    phone: optional(form.phone),
    latitude,
    longitude,
    districtNursing: form.districtNursing,
    personalAlarm: form.personalAlarm,
    alarmAccount: optional(form.alarmAccount),
    alarmDevice: optional(form.alarmDevice),
    keySafeCode: form.keySafeCode.trim() || undefined,
    keySafeLocation: optional(form.keySafeLocation),
    gpName: optional(form.gpName),
    gpPhone: optional(form.gpPhone),
    cpr: optional(form.cpr),
    nightSummary: form.nightSummary,
    contacts: form.contacts,
  };
}
