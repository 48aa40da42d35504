import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ClientPermit, ClientRowsQuery } from '../../platform/access/index.js';
import type { QueryCreator } from 'kysely';
import type { Database, Db, Executor, ReadDb } from '../../platform/db/index.js';
import { identifiesOneClient, type ClientCreate, type ClientUpdate, type Contact, type IndexCriteria, type NightSummary } from './schemas.js';

type Trx = Executor;

/**
 * Reads here take a ClientPermit, which only platform/access hands out after checking and auditing:
 * there is no second road to the rows.
 */
/** Clients with their organisation's name and their contacts, in one round trip. */
const clientRows = (creator: QueryCreator<Database>, clientIds: readonly string[]) =>
  creator
    .selectFrom('client')
    .innerJoin('organisation', 'organisation.id', 'client.organisation_id')
    .selectAll('client')
    .select('organisation.name as organisation_name')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('client_contact')
          .select(['client_contact.id', 'client_contact.name', 'client_contact.relation', 'client_contact.phone', 'client_contact.informal_caregiver'])
          .whereRef('client_contact.client_id', '=', 'client.id')
          .orderBy('client_contact.position'),
      ).as('contacts'),
    )
    .where('client.id', 'in', [...new Set(clientIds)]);

type ClientRow = Awaited<ReturnType<ReturnType<typeof clientRows>['execute']>>[number];

/**
 * The clients' rows in the statement that writes their reads' audit entries (readClientAudited): the
 * reads in flight go out with their entries in one statement.
 */
export const auditedClientRows: ClientRowsQuery<ClientRow> = (creator, clientIds) => clientRows(creator, clientIds);

/** The permitted clients' rows with their contacts, in one statement (an import compares many at once). */
export const readClients = (trx: Trx, permits: ClientPermit[]) => (permits.length === 0 ? Promise.resolve([]) : clientRows(trx, permits.map((p) => p.clientId)).execute());
export type { ClientRow };

export const readKeySafe = (trx: Trx, permit: ClientPermit) =>
  trx.selectFrom('client').select(['key_safe_code_enc', 'key_safe_location']).where('id', '=', permit.clientId).executeTakeFirstOrThrow();

type Sealed = { keySafeCodeEnc: string | null };

type ClearableField = 'latitude' | 'longitude' | 'phone' | 'alarmAccount' | 'alarmDevice' | 'keySafeCode' | 'keySafeLocation' | 'gpName' | 'gpPhone' | 'gpPostId' | 'clientNumber' | 'cpr';
type ClientColumnsInput = Omit<Partial<ClientCreate>, ClearableField> & { [K in ClearableField]?: ClientCreate[K] | null };

/** Undefined leaves a column alone (Kysely skips it); null clears one of the optional columns. */
export function columnsOf(input: ClientColumnsInput) {
  const columns = {
    given_name: input.givenName,
    family_name: input.familyName,
    date_of_birth: input.dateOfBirth,
    street: input.street,
    house_number: input.houseNumber,
    postcode: input.postcode,
    city: input.city,
    municipality: input.municipality,
    latitude: input.latitude,
    longitude: input.longitude,
    phone: input.phone,
    district_nursing: input.districtNursing,
    personal_alarm: input.personalAlarm,
    alarm_account: input.alarmAccount,
    alarm_device: input.alarmDevice,
    key_safe_location: input.keySafeLocation,
    gp_name: input.gpName,
    gp_phone: input.gpPhone,
    gp_post_id: input.gpPostId,
    client_number: input.clientNumber,
    cpr: input.cpr,
    night_summary: input.nightSummary ? JSON.stringify(input.nightSummary) : undefined,
  };
  // Kysely leaves out undefined values, so a partial update touches only the given fields.
  return columns;
}

export async function insertClients(
  trx: Trx,
  owner: { allianceId: string; organisationId: string },
  clients: (ClientCreate & Sealed)[],
): Promise<string[]> {
  if (clients.length === 0) return [];
  const rows = await trx
    .insertInto('client')
    .values(
      clients.map((c) => ({
        ...columnsOf(c),
        ...requiredColumns(c),
        alliance_id: owner.allianceId,
        organisation_id: owner.organisationId,
        key_safe_code_enc: c.keySafeCodeEnc,
        night_summary: JSON.stringify(c.nightSummary),
      })),
    )
    .returning('id')
    .execute();
  const contacts = clients.flatMap((c, i) => c.contacts.map((contact, position) => contactRow(rows[i]?.id ?? '', owner, contact, position)));
  if (contacts.length) await trx.insertInto('client_contact').values(contacts).execute();
  return rows.map((r) => r.id);
}

/** The columns a new client must have (columnsOf types them as optional because updates are partial). */
function requiredColumns(c: ClientCreate) {
  return { given_name: c.givenName, family_name: c.familyName, date_of_birth: c.dateOfBirth, street: c.street, house_number: c.houseNumber, postcode: c.postcode, city: c.city, municipality: c.municipality };
}

function contactRow(clientId: string, owner: { allianceId: string; organisationId: string }, contact: Contact, position: number) {
  return { client_id: clientId, alliance_id: owner.allianceId, organisation_id: owner.organisationId, name: contact.name, relation: contact.relation, phone: contact.phone, informal_caregiver: contact.informalCaregiver, position };
}

export async function updateClient(trx: Trx, permit: ClientPermit, input: ClientUpdate & Partial<Sealed>): Promise<void> {
  const columns = { ...columnsOf(input), ...(input.keySafeCodeEnc !== undefined ? { key_safe_code_enc: input.keySafeCodeEnc } : {}), updated_at: new Date() };
  await trx.updateTable('client').set(columns).where('id', '=', permit.clientId).execute();
  if (input.contacts) {
    await trx.deleteFrom('client_contact').where('client_id', '=', permit.clientId).execute();
    const owner = { allianceId: permit.allianceId, organisationId: permit.clientOrganisationId };
    if (input.contacts.length) await trx.insertInto('client_contact').values(input.contacts.map((c, i) => contactRow(permit.clientId, owner, c, i))).execute();
  }
}

export const setObjection = (trx: Trx, permit: ClientPermit, objected: boolean, note: string | null) =>
  trx
    .updateTable('client')
    .set({ objected_at: objected ? new Date() : null, objection_note: objected ? note : null, updated_at: new Date() })
    .where('id', '=', permit.clientId)
    .execute();

export interface SearchFilters {
  q?: string;
  dateOfBirth?: string;
  postcode?: string;
  alarmAccount?: string;
  city?: string;
  limit: number;
  /** Rows to skip, for the FHIR search's pages; the id breaks ties in the order so pages neither repeat nor skip. */
  offset?: number;
  /** Bounds on the record's update time (the FHIR search's `_lastUpdated`). */
  updated?: { op: '>' | '>=' | '<' | '<='; at: Date }[];
}

/** The lower-case words of a search, split at spaces and commas; at most six, so a pasted text stays cheap. */
const searchWords = (q: string | undefined): string[] =>
  (q ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 6);

/** Candidates for a search of the caller's own organisation. Only ids: the access check decides and audits before anything is read. */
export async function searchCandidates(db: ReadDb, organisationId: string, filters: SearchFilters): Promise<string[]> {
  let query = db.selectFrom('client').select('id').where('organisation_id', '=', organisationId);
  // Every word must match a name, the street or the start of the house number, so a caller's
  // "Aaltje Bakker", "Bakker, Aaltje" or "Esweg 68" finds the client as each word alone would.
  for (const word of searchWords(filters.q)) {
    const escaped = word.replace(/[%_\\]/g, (c) => `\\${c}`);
    const anywhere = `%${escaped}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['family_name']), 'like', anywhere),
        eb(eb.fn('lower', ['given_name']), 'like', anywhere),
        eb(eb.fn('lower', ['street']), 'like', anywhere),
        eb(eb.fn('lower', ['house_number']), 'like', `${escaped}%`),
      ]),
    );
  }
  if (filters.dateOfBirth) query = query.where('date_of_birth', '=', filters.dateOfBirth);
  if (filters.postcode) query = query.where(({ eb, fn }) => eb(fn('replace', ['postcode', eb.val(' '), eb.val('')]), '=', filters.postcode!.replace(/\s/g, '').toUpperCase()));
  if (filters.alarmAccount) query = query.where('alarm_account', '=', filters.alarmAccount.toUpperCase());
  if (filters.city) query = query.where((eb) => eb(eb.fn('lower', ['city']), '=', filters.city!.toLowerCase()));
  for (const bound of filters.updated ?? []) query = query.where('updated_at', bound.op, bound.at);
  const rows = await query.orderBy('family_name').orderBy('given_name').orderBy('id').limit(filters.limit).offset(filters.offset ?? 0).execute();
  return rows.map((r) => r.id);
}

/**
 * Candidates in the identification index of one alliance: exact matches on every criterion given, at
 * most `limit`. Criteria that do not identify one client find nothing, whoever calls.
 */
export async function indexCandidates(trx: Trx, allianceId: string, c: IndexCriteria, limit: number): Promise<string[]> {
  if (!identifiesOneClient(c)) return [];
  let query = trx.selectFrom('client').select('id').where('alliance_id', '=', allianceId).where('objected_at', 'is', null);
  if (c.alarmAccount) query = query.where('alarm_account', '=', c.alarmAccount.toUpperCase());
  if (c.familyName) query = query.where((eb) => eb(eb.fn('lower', ['family_name']), '=', c.familyName!.toLowerCase()));
  if (c.dateOfBirth) query = query.where('date_of_birth', '=', c.dateOfBirth);
  if (c.postcode) query = query.where(({ eb, fn }) => eb(fn('replace', ['postcode', eb.val(' '), eb.val('')]), '=', c.postcode!.replace(/\s/g, '').toUpperCase()));
  if (c.houseNumber) query = query.where((eb) => eb(eb.fn('lower', ['house_number']), '=', c.houseNumber!.toLowerCase()));
  if (c.city) query = query.where((eb) => eb(eb.fn('lower', ['city']), '=', c.city!.toLowerCase()));
  const rows = await query.orderBy('family_name').orderBy('given_name').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Who the clients are (name, birth date, address, organisation): what a board or a list shows. */
const identificationSelect = (creator: QueryCreator<Database>, clientIds: readonly string[]) =>
  creator
    .selectFrom('client')
    .innerJoin('organisation', 'organisation.id', 'client.organisation_id')
    .select(['client.id', 'given_name', 'family_name', 'date_of_birth', 'street', 'house_number', 'postcode', 'client.city', 'alarm_account', 'organisation_id', 'organisation.name as organisation_name'])
    .select(['district_nursing', 'personal_alarm', 'cpr', 'client.updated_at'])
    .where('client.id', 'in', [...new Set(clientIds)]);

/** Sorted by name, as lists show them. */
export const identificationRows = (trx: Trx, permits: ClientPermit[]) =>
  permits.length === 0
    ? Promise.resolve([])
    : identificationSelect(trx, permits.map((p) => p.clientId))
        .orderBy('family_name')
        .orderBy('given_name')
        .execute();

/** The identification rows in the statement that writes their reads' audit entries (readClientsAudited); unsorted, as it answers by id. */
export const auditedIdentificationRows: ClientRowsQuery<Awaited<ReturnType<typeof identificationRows>>[number]> = (creator, clientIds) => identificationSelect(creator, clientIds);

export async function cprsTaken(db: Db | Trx, allianceId: string, numbers: string[], exceptClientIds: string[] = []): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  let query = db.selectFrom('client').select('cpr').where('alliance_id', '=', allianceId).where('cpr', 'in', numbers);
  if (exceptClientIds.length) query = query.where('id', 'not in', exceptClientIds);
  return new Set((await query.execute()).map((r) => r.cpr ?? ''));
}

export async function alarmAccountsTaken(db: Db | Trx, allianceId: string, accounts: string[], exceptClientIds: string[] = []): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  let query = db.selectFrom('client').select('alarm_account').where('alliance_id', '=', allianceId).where('alarm_account', 'in', accounts);
  if (exceptClientIds.length) query = query.where('id', 'not in', exceptClientIds);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.alarm_account ?? ''));
}

export async function organisationKind(db: Db | Trx, organisationId: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisation').select('kind').where('id', '=', organisationId).executeTakeFirst();
  return row?.kind;
}

export async function gpPostsIn(db: Db | Trx, allianceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('organisation')
    .innerJoin('alliance_membership as m', 'm.organisation_id', 'organisation.id')
    .select('organisation.id')
    .where('m.alliance_id', '=', allianceId)
    .where('organisation.kind', '=', 'gp_post')
    .where('organisation.id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

type Owner = { allianceId: string; organisationId: string };

/** The organisation's clients in one alliance by its own client numbers. Only ids: access decides before anything is read. */
export async function clientIdsByNumber(trx: Trx, owner: Owner, numbers: string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await trx
    .selectFrom('client')
    .select(['id', 'client_number'])
    .where('organisation_id', '=', owner.organisationId)
    .where('alliance_id', '=', owner.allianceId)
    .where('client_number', 'in', numbers)
    .execute();
  return new Map(rows.map((r) => [r.client_number ?? '', r.id]));
}

/** Numbered clients still in care whose number is not in `keep`: those an import that ends care would end. */
export async function clientIdsNotIn(trx: Trx, owner: Owner, keep: string[]): Promise<string[]> {
  let query = trx
    .selectFrom('client')
    .select('id')
    .where('organisation_id', '=', owner.organisationId)
    .where('alliance_id', '=', owner.allianceId)
    .where('client_number', 'is not', null)
    .where('care_ended_on', 'is', null);
  if (keep.length) query = query.where('client_number', 'not in', keep);
  return (await query.orderBy('client_number').execute()).map((r) => r.id);
}

/** Ends care on a day, or (null) resumes it. */
export async function setCareEnded(trx: Trx, permits: ClientPermit[], on: string | null): Promise<void> {
  if (permits.length === 0) return;
  await trx.updateTable('client').set({ care_ended_on: on, updated_at: new Date() }).where('id', 'in', permits.map((p) => p.clientId)).execute();
}

export type { NightSummary };
