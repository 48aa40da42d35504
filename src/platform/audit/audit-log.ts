import { sql, type Transaction } from 'kysely';
import type { Database, Db, Executor } from '../db/index.js';
import { chainHash, GENESIS_HASH, type ChainedFields } from './hash-chain.js';

export type AuditEntry = Omit<ChainedFields, 'at'>;

/** The chain is per alliance; entries outside any alliance share one chain keyed by the empty id. */
const chainKey = (allianceId: string | null) => allianceId ?? '';

/**
 * Writes entries in the transaction of the access or change they record, so no access escapes the
 * log: they commit or roll back together. No lock is taken here; `sealAudit` links them into the chain.
 */
export async function appendAudit(trx: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date();
  await trx
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        at,
        alliance_id: e.allianceId,
        user_id: e.userId,
        user_name: e.userName,
        organisation_id: e.organisationId,
        role: e.role,
        client_id: e.clientId,
        client_organisation_id: e.clientOrganisationId,
        action: e.action,
        resource: e.resource,
        fields: e.fields,
        purpose: e.purpose,
        reason: e.reason,
        grant_id: e.grantId,
        outcome: e.outcome,
        seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
}

type AuditRow = Awaited<ReturnType<typeof unsealedRows>>[number];

const unsealedRows = (trx: Transaction<Database>, limit: number) => trx.selectFrom('audit_log').selectAll().where('hash', 'is', null).orderBy('id').limit(limit).execute();

const chained = (row: AuditRow): ChainedFields => ({
  at: row.at,
  allianceId: row.alliance_id,
  userId: row.user_id,
  userName: row.user_name,
  organisationId: row.organisation_id,
  role: row.role,
  clientId: row.client_id,
  clientOrganisationId: row.client_organisation_id,
  action: row.action,
  resource: row.resource,
  fields: row.fields,
  purpose: row.purpose,
  reason: row.reason,
  grantId: row.grant_id,
  outcome: row.outcome,
});

async function chainHead(trx: Transaction<Database>, key: string): Promise<string> {
  const row = await trx
    .selectFrom('audit_log')
    .select('hash')
    .where((eb) => (key === '' ? eb('alliance_id', 'is', null) : eb('alliance_id', '=', key)))
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? GENESIS_HASH;
}

/**
 * Links committed, unsealed entries into their alliance's chain: hash = SHA-256(previous hash ‖ entry).
 * One sealer at a time across all server instances (advisory lock); returns how many it sealed.
 */
export async function sealAudit(db: Db, batch = 5000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(7514) AS locked`.execute(trx);
    if (!lock.rows[0]?.locked) return 0;
    const rows = await unsealedRows(trx, batch);
    if (rows.length === 0) return 0;
    const last = await trx.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    const heads = new Map<string, string>();
    const sealed: { id: number; seq: number; prev: string; hash: string }[] = [];
    for (const row of rows) {
      const key = chainKey(row.alliance_id);
      const prev = heads.get(key) ?? (await chainHead(trx, key));
      const hash = chainHash(prev, chained(row));
      heads.set(key, hash);
      sealed.push({ id: row.id, seq: ++seq, prev, hash });
    }
    const values = sql.join(sealed.map((s) => sql`(${s.id}::bigint, ${s.seq}::bigint, ${s.prev}, ${s.hash})`));
    await sql`UPDATE audit_log AS a SET seq = v.seq, prev_hash = v.prev, hash = v.hash FROM (VALUES ${values}) AS v(id, seq, prev, hash) WHERE a.id = v.id`.execute(trx);
    return sealed.length;
  });
}

/** Seals in the background about once a second; returns the function that stops it. */
export function startAuditSealer(db: Db, onError: (error: unknown) => void, intervalMs = 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sealAudit(db)).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** Entries written but not yet sealed (at most about a second old). */
  unsealed: number;
  /** The first entry whose hash or link does not match, when a chain is broken. */
  brokenAt?: { id: number; allianceId: string | null; problem: 'hash' | 'link' };
}

/** Recomputes every chain from its genesis in sealing order; detects edited, deleted or reordered entries. */
export async function verifyAuditChain(db: Db): Promise<ChainVerification> {
  const lastHash = new Map<string, string>();
  let checked = 0;
  let afterSeq = 0;
  const unsealed = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('hash', 'is', null).executeTakeFirst())?.n ?? 0);
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(5000).execute();
    if (rows.length === 0) return { ok: true, checked, unsealed };
    for (const row of rows) {
      const key = chainKey(row.alliance_id);
      const broken = (problem: 'hash' | 'link'): ChainVerification => ({ ok: false, checked, unsealed, brokenAt: { id: row.id, allianceId: row.alliance_id, problem } });
      if (row.prev_hash !== (lastHash.get(key) ?? GENESIS_HASH)) return broken('link');
      if (chainHash(row.prev_hash, chained(row)) !== row.hash) return broken('hash');
      lastHash.set(key, row.hash);
      checked++;
      afterSeq = row.seq ?? afterSeq;
    }
  }
}
