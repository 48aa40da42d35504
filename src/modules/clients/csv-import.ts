import { parse } from 'csv-parse/sync';
import { authorizeClients, type AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/http/index.js';
import { clientCreate, type ClientCreate } from './schemas.js';
import { allianceForNewClient, assertMayRegisterClients, checkReferences } from './service.js';
import * as store from './store.js';

export const MAX_IMPORT_ROWS = 20_000;
const INSERT_CHUNK = 500;

export interface RefusedRow {
  /** Line number in the file, counting the header as line 1. */
  line: number;
  /** `code` is zod's issue code (invalid_format, too_small, ...), so the screen can word each problem. */
  problems: { field: string; code: string; message: string }[];
}

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
  'risks', 'allergies', 'medication', 'wishes', 'instructions', 'contact_name', 'contact_relation', 'contact_phone',
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
 * Validates every row and imports all of them in one transaction, or none: a batch with a refused
 * row is answered with the report of every refused row and why.
 */
export async function importClientsCsv(deps: PlatformDeps, ctx: AccessContext, csvText: string): Promise<{ imported: number }> {
  await assertMayRegisterClients(deps, ctx);
  const allianceId = allianceForNewClient(ctx);
  const records = parseCsv(csvText);
  if (records.length === 0) throw invalid('The file has no client rows');
  if (records.length > MAX_IMPORT_ROWS) throw invalid(`At most ${MAX_IMPORT_ROWS} rows per import`);
  const missing = CSV_COLUMNS.slice(0, 8).filter((c) => !(c in (records[0] ?? {})));
  if (missing.length) throw invalid(`Missing columns: ${missing.join(', ')}`);
  const refused: RefusedRow[] = [];
  const valid: { line: number; client: ClientCreate }[] = [];
  records.forEach((record, index) => {
    const result = clientCreate.safeParse(toClientInput(record));
    if (result.success) valid.push({ line: index + 2, client: result.data });
    else refused.push({ line: index + 2, problems: result.error.issues.map((i) => ({ field: i.path.join('.'), code: i.code, message: i.message })) });
  });
  const referenceProblems = await checkReferences(deps, allianceId, valid.map((v) => v.client));
  for (const [index, problems] of referenceProblems) refused.push({ line: valid[index]?.line ?? 0, problems: problems.map((p) => ({ field: p.path, code: 'custom', message: p.message })) });
  if (refused.length) {
    refused.sort((a, b) => a.line - b.line);
    throw new AppError('IMPORT_REFUSED', `${refused.length} of ${records.length} rows were refused; nothing was imported`, undefined, { total: records.length, refused });
  }
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < valid.length; i += INSERT_CHUNK) {
      const chunk = valid.slice(i, i + INSERT_CHUNK).map(({ client }) => ({ ...client, keySafeCodeEnc: client.keySafeCode ? deps.secretBox.seal(client.keySafeCode) : null }));
      const ids = await store.insertClients(trx, { allianceId, organisationId: ctx.organisationId }, chunk);
      await authorizeClients(trx, ctx, ids, { level: 'change', action: 'import', resource: 'client' });
    }
  });
  return { imported: valid.length };
}
