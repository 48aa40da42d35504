import { parse } from 'csv-parse/sync';
import { authorizeClients, type AccessContext } from '../../platform/access/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/http/index.js';
import type { Executor } from '../../platform/db/index.js';
import { asFullUpdate, planImport, type ImportPlan } from './csv-update.js';
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

export interface ImportOptions {
  /** End care for the organisation's numbered clients missing from the file (an explicit choice). */
  endMissing: boolean;
  /** Report what the import would do, change nothing. */
  preview: boolean;
}

export interface ImportReport {
  preview: boolean;
  added: number;
  updated: number;
  ended: number;
  unchanged: number;
  errors: number;
  refused: RefusedRow[];
  endedClients: { id: string; name: string; clientNumber: string }[];
}

/** Checks every row: the client schema, a client number once per file, free alarm accounts, known GP posts. */
async function validateRows(deps: PlatformDeps, allianceId: string, records: CsvRecord[], exceptClientIds: (numbers: string[]) => Promise<string[]>) {
  const refused: RefusedRow[] = [];
  const valid: { line: number; client: ClientCreate }[] = [];
  const numbers = new Set<string>();
  records.forEach((record, index) => {
    const result = clientCreate.safeParse(toClientInput(record));
    const line = index + 2;
    if (!result.success) refused.push({ line, problems: result.error.issues.map((i) => ({ field: i.path.join('.'), code: i.code, message: i.message })) });
    else if (result.data.clientNumber && numbers.has(result.data.clientNumber)) refused.push({ line, problems: [{ field: 'clientNumber', code: 'duplicate', message: 'This client number is already in the file' }] });
    else {
      if (result.data.clientNumber) numbers.add(result.data.clientNumber);
      valid.push({ line, client: result.data });
    }
  });
  // An updated client keeps its own alarm account: only other clients' accounts are taken.
  const referenceProblems = await checkReferences(deps, allianceId, valid.map((v) => v.client), await exceptClientIds([...numbers]));
  for (const [index, problems] of referenceProblems) refused.push({ line: valid[index]?.line ?? 0, problems: problems.map((p) => ({ field: p.path, code: 'custom', message: p.message })) });
  refused.sort((a, b) => a.line - b.line);
  return { refused, valid: valid.filter((_, index) => !referenceProblems.has(index)) };
}

/**
 * Keeps the organisation's copy current: new rows are added, existing clients (matched on the
 * organisation's own client number) updated, and on request numbered clients missing from the file
 * have their care ended. All in one transaction, or nothing: a file with a refused row changes nothing
 * and answers the report of every refused row and why. A preview reports the same and changes nothing.
 */
export async function importClientsCsv(deps: PlatformDeps, ctx: AccessContext, csvText: string, options: ImportOptions = { endMissing: false, preview: false }): Promise<ImportReport> {
  await assertMayRegisterClients(deps, ctx);
  const owner = { allianceId: allianceForNewClient(ctx), organisationId: ctx.organisationId };
  const records = parseCsv(csvText);
  if (records.length === 0) throw invalid('The file has no client rows');
  if (records.length > MAX_IMPORT_ROWS) throw invalid(`At most ${MAX_IMPORT_ROWS} rows per import`);
  const missing = CSV_COLUMNS.slice(0, 8).filter((c) => !(c in (records[0] ?? {})));
  if (missing.length) throw invalid(`Missing columns: ${missing.join(', ')}`);
  const { refused, valid } = await validateRows(deps, owner.allianceId, records, async (numbers) => [...(await store.clientIdsByNumber(deps.db, owner, numbers)).values()]);
  if (refused.length && !options.preview) {
    throw new AppError('IMPORT_REFUSED', `${refused.length} of ${records.length} rows were refused; nothing was imported`, undefined, { total: records.length, refused });
  }
  return deps.db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, ctx, owner, valid.map((v) => v.client), { endMissing: options.endMissing, secretBox: deps.secretBox });
    if (!options.preview) await applyImport(deps, trx, ctx, owner, plan);
    return {
      preview: options.preview,
      added: plan.inserts.length,
      updated: plan.updates.length,
      ended: plan.ends.length,
      unchanged: plan.unchanged,
      errors: refused.length,
      refused,
      endedClients: plan.ends.map((e) => ({ id: e.permit.clientId, name: e.name, clientNumber: e.clientNumber })),
    };
  });
}

async function applyImport(deps: PlatformDeps, trx: Executor, ctx: AccessContext, owner: { allianceId: string; organisationId: string }, plan: ImportPlan): Promise<void> {
  const seal = (client: ClientCreate) => (client.keySafeCode ? deps.secretBox.seal(client.keySafeCode) : null);
  for (let i = 0; i < plan.inserts.length; i += INSERT_CHUNK) {
    const chunk = plan.inserts.slice(i, i + INSERT_CHUNK).map((client) => ({ ...client, keySafeCodeEnc: seal(client) }));
    const ids = await store.insertClients(trx, owner, chunk);
    await authorizeClients(trx, ctx, ids, { level: 'change', action: 'import', resource: 'client' });
  }
  for (const { permit, client } of plan.updates) await store.updateClient(trx, permit, { ...asFullUpdate(client), keySafeCodeEnc: seal(client) });
  await store.setCareEnded(trx, plan.updates.filter((u) => u.resumesCare).map((u) => u.permit), null);
  await store.setCareEnded(trx, plan.ends.map((e) => e.permit), new Date().toISOString().slice(0, 10));
}
