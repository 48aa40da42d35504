import { parse } from 'csv-parse/sync';
import type { AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/http/index.js';
import { applyClientList, checkClientList, MAX_IMPORT_ROWS, type ImportOptions, type ListImportReport, type Problem } from './list-import.js';
import { assertMayRegisterClients } from './service.js';

export interface RefusedRow {
  /** Line number in the file, counting the header as line 1. */
  line: number;
  problems: Problem[];
}

export type ImportReport = Omit<ListImportReport, 'refused'> & { refused: RefusedRow[] };

type CsvRecord = Record<string, string | undefined>;

// Dutch, Danish and English spellings.
const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x']);
const NO = new Set(['nee', 'nej', 'n', 'no', 'false', '0', ''])

function yesNo(value: string | undefined): boolean | string {
  const v = (value ?? '').trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return value ?? '';
}

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const number = (value: string | undefined) => (value?.trim() ? Number(value.replace(',', '.')) : undefined);

/** One CSV row in the column layout of docs and template, turned into the API's client shape. */
function toClientInput(record: CsvRecord): unknown {
  const contactName = optional(record.contact_name);
  return {
    givenName: record.given_name ?? '',
    familyName: record.family_name ?? '',
    dateOfBirth: record.date_of_birth ?? '',
    street: record.street ?? '',
    houseNumber: record.house_number ?? '',
    postcode: record.postcode ?? '',
    city: record.city ?? '',
    municipality: record.municipality ?? '',
    latitude: number(record.latitude),
    longitude: number(record.longitude),
    phone: optional(record.phone),
    clientNumber: optional(record.client_number),
    districtNursing: yesNo(record.district_nursing),
    personalAlarm: yesNo(record.personal_alarm),
    alarmAccount: optional(record.alarm_account),
    alarmDevice: optional(record.alarm_device),
    keySafeCode: optional(record.key_safe_code),
    keySafeLocation: optional(record.key_safe_location),
    gpName: optional(record.gp_name),
    gpPhone: optional(record.gp_phone),
    nightSummary: {
      risks: (record.risks ?? '').split(/[;|]/).map((r) => r.trim()).filter(Boolean),
      allergies: record.allergies ?? '',
      medication: record.medication ?? '',
      wishes: record.wishes ?? '',
      instructions: record.instructions ?? '',
    },
    contacts: contactName ? [{ name: contactName, relation: record.contact_relation ?? '', phone: record.contact_phone ?? '' }] : [],
  };
}

export const CSV_COLUMNS = [
  'given_name', 'family_name', 'date_of_birth', 'street', 'house_number', 'postcode', 'city', 'municipality', 'latitude', 'longitude', 'phone',
  'district_nursing', 'personal_alarm', 'alarm_account', 'alarm_device', 'key_safe_code', 'key_safe_location', 'gp_name', 'gp_phone',
  'risks', 'allergies', 'medication', 'wishes', 'instructions', 'contact_name', 'contact_relation', 'contact_phone', 'client_number',
] as const;

function parseCsv(text: string): CsvRecord[] {
  try {
    // Dutch spreadsheets export with semicolons; accept both.
    return parse<CsvRecord>(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [',', ';'],
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw invalid(`The file is not valid CSV: ${(error as Error).message}`);
  }
}

/**
 * Keeps the organisation's copy current from a CSV file (list-import.ts), all or nothing: a file with a
 * refused row changes nothing and answers the report of every refused row and why.
 */
export async function importClientsCsv(deps: PlatformDeps, ctx: AccessContext, csvText: string, options: ImportOptions = { endMissing: false, preview: false }): Promise<ImportReport> {
  await assertMayRegisterClients(deps, ctx);
  const records = parseCsv(csvText);
  if (records.length === 0) throw invalid('The file has no client rows');
  if (records.length > MAX_IMPORT_ROWS) throw invalid(`At most ${MAX_IMPORT_ROWS} rows per import`);
  const missing = CSV_COLUMNS.slice(0, 8).filter((c) => !(c in (records[0] ?? {})));
  if (missing.length) throw invalid(`Missing columns: ${missing.join(', ')}`);
  const check = await checkClientList(deps, ctx, records.map(toClientInput));
  // Line numbers in the file, counting the header as line 1.
  const refused = check.refused.map(({ index, problems }) => ({ line: index + 2, problems }));
  if (refused.length && !options.preview) {
    throw new AppError('IMPORT_REFUSED', `${refused.length} of ${records.length} rows were refused; nothing was imported`, undefined, { total: records.length, refused });
  }
  return { ...(await applyClientList(deps, ctx, check, options)), refused };
}
