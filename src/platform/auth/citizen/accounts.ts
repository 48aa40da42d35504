import type { Db } from '../../db/index.js';
import type { Language } from '../../i18n/index.js';

/** Addresses are compared lower-cased and trimmed: `Anna@X.nl ` is the account of `anna@x.nl`. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface CitizenAccount {
  id: string;
  allianceId: string;
  email: string;
  name: string;
  language: Language;
  totpEnabled: boolean;
}

const columns = ['id', 'alliance_id', 'email', 'name', 'language', 'totp_enabled'] as const;

const toAccount = (row: { id: string; alliance_id: string; email: string; name: string; language: Language; totp_enabled: boolean }): CitizenAccount => ({
  id: row.id,
  allianceId: row.alliance_id,
  email: row.email,
  name: row.name,
  language: row.language,
  totpEnabled: row.totp_enabled,
});

/**
 * The citizen account of an address, made for `allianceId` when there is none yet (a first request for
 * a respite stay, an invitation to a care circle). An existing account keeps its name, language and
 * alliance: whoever types an address cannot rename its owner.
 */
export async function ensureCitizen(db: Db, input: { allianceId: string; email: string; name: string; language?: Language }): Promise<CitizenAccount> {
  const email = normaliseEmail(input.email);
  await db
    .insertInto('citizen')
    .values({ alliance_id: input.allianceId, email, name: input.name, language: input.language ?? 'nl', totp_secret_enc: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return toAccount(await db.selectFrom('citizen').select(columns).where('email', '=', email).executeTakeFirstOrThrow());
}

export async function findCitizenByEmail(db: Db, email: string): Promise<CitizenAccount | undefined> {
  const row = await db.selectFrom('citizen').select(columns).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row && toAccount(row);
}

export async function findCitizen(db: Db, id: string): Promise<CitizenAccount | undefined> {
  const row = await db.selectFrom('citizen').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}
