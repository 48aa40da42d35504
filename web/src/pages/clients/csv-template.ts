/**
 * The import's column layout, as the server reads it (CSV_COLUMNS in the clients module); a browser
 * test checks that the two lists stay the same. The web app keeps its own copy so that no server code
 * ends up in the bundle.
 */
export const CSV_TEMPLATE_COLUMNS = [
  'given_name', 'family_name', 'date_of_birth', 'street', 'house_number', 'postcode', 'city', 'municipality', 'latitude', 'longitude', 'phone',
  'district_nursing', 'personal_alarm', 'alarm_account', 'alarm_device', 'key_safe_code', 'key_safe_location', 'gp_name', 'gp_phone',
  'risks', 'allergies', 'medication', 'wishes', 'instructions', 'contact_name', 'contact_relation', 'contact_phone', 'client_number',
] as const;

/** The CSV column a refused API field came from, so the report points at the spreadsheet's own column. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  givenName: 'given_name',
  clientNumber: 'client_number',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  street: 'street',
  houseNumber: 'house_number',
  postcode: 'postcode',
  city: 'city',
  municipality: 'municipality',
  latitude: 'latitude',
  longitude: 'longitude',
  phone: 'phone',
  districtNursing: 'district_nursing',
  personalAlarm: 'personal_alarm',
  alarmAccount: 'alarm_account',
  alarmDevice: 'alarm_device',
  keySafeCode: 'key_safe_code',
  keySafeLocation: 'key_safe_location',
  gpName: 'gp_name',
  gpPhone: 'gp_phone',
  nightSummary_risks: 'risks',
  nightSummary_allergies: 'allergies',
  nightSummary_medication: 'medication',
  nightSummary_wishes: 'wishes',
  nightSummary_instructions: 'instructions',
  contacts_name: 'contact_name',
  contacts_relation: 'contact_relation',
  contacts_phone: 'contact_phone',
};

/** Semicolons and a byte-order mark, so Dutch spreadsheet programs open it in the right columns and encoding. */
export function templateHref(): string {
  const text = `\uFEFF${CSV_TEMPLATE_COLUMNS.join(';')}\r\n`;
  return `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
}
