import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { AuditKeys } from './audit-keys.js';
import { chainOf, genuineMac, legacyMaxId } from './entry-row.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';

export interface SealResult {
  sealed: number;
  /** Unsealed entries whose MAC is missing, wrong or a replay: written by someone without the key. */
  rejected: number[];
  /** The highest entry id sealed so far. */
  horizon: number;
}

/**
 * Links committed, MAC-checked entries with ids above `afterId` into their alliance's chain by inserting
 * one seal each: hash = HMAC(previous hash ‖ chain ‖ entry MAC). The app needs no UPDATE on audit rows.
 * One sealer at a time across all server instances (advisory lock).
 */
export async function sealAudit(db: Db, keys: AuditKeys, options: { afterId?: number; batch?: number } = {}): Promise<SealResult> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(7514) AS locked`.execute(trx);
    if (!lock.rows[0]?.locked) return { sealed: 0, rejected: [], horizon: 0 };
    const rows = await trx
      .selectFrom('audit_log as a')
      .selectAll('a')
      .where('a.id', '>', options.afterId ?? 0)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_seal as s').select('s.audit_id').whereRef('s.audit_id', '=', 'a.id'))))
      .orderBy('a.id')
      .limit(options.batch ?? 5000)
      .execute();
    const horizon = async () => Number((await trx.selectFrom('audit_seal').select((eb) => eb.fn.max('audit_id').as('id')).executeTakeFirst())?.id ?? 0);
    if (rows.length === 0) return { sealed: 0, rejected: [], horizon: await horizon() };
    const legacy = await legacyMaxId(trx);
    const macs = rows.map((row) => genuineMac(keys, row, legacy));
    const candidates = macs.filter((m): m is string => m !== undefined);
    // A copied row carries a genuine MAC; its copy must not be sealed a second time.
    const taken = new Set(candidates.length ? (await trx.selectFrom('audit_seal').select('row_mac').where('row_mac', 'in', candidates).execute()).map((r) => r.row_mac) : []);
    const heads = await chainHeads(trx, [...new Set(rows.map((r) => chainOf(r.alliance_id)))]);
    const seals: { audit_id: number; chain: string; seq: number; row_mac: string; prev_hash: string; hash: string }[] = [];
    const rejected: number[] = [];
    rows.forEach((row, index) => {
      const mac = macs[index];
      if (mac === undefined || taken.has(mac)) return void rejected.push(row.id);
      taken.add(mac);
      const chain = chainOf(row.alliance_id);
      const head = heads.get(chain) ?? { seq: 0, hash: GENESIS_HASH };
      const hash = chainHash(keys.chain, head.hash, chain, mac);
      seals.push({ audit_id: row.id, chain, seq: head.seq + 1, row_mac: mac, prev_hash: head.hash, hash });
      heads.set(chain, { seq: head.seq + 1, hash });
    });
    if (seals.length) await trx.insertInto('audit_seal').values(seals).execute();
    return { sealed: seals.length, rejected, horizon: await horizon() };
  });
}

async function chainHeads(trx: Db, chains: string[]): Promise<Map<string, { seq: number; hash: string }>> {
  const { rows } = await sql<{ chain: string; seq: number; hash: string }>`
    SELECT c.chain, h.seq, h.hash FROM unnest(${chains}::text[]) AS c(chain)
    CROSS JOIN LATERAL (SELECT seq, hash FROM audit_seal s WHERE s.chain = c.chain ORDER BY seq DESC LIMIT 1) h`.execute(trx);
  return new Map(rows.map((r) => [r.chain, { seq: Number(r.seq), hash: r.hash }]));
}

/**
 * An entry can stay invisible to the sealer only while the transaction that wrote it is open, so each
 * pass looks back to the horizon of a pass at least this long ago; the first pass scans everything.
 */
const LOOK_BACK_MS = 10 * 60_000;

/** Seals in the background about once a second; reports each rejected entry once; returns the stop function. */
export function startAuditSealer(db: Db, keys: AuditKeys, handlers: { onError: (error: unknown) => void; onRejected: (auditIds: number[]) => void }, intervalMs = 1000): () => Promise<void> {
  const passes: { at: number; horizon: number }[] = [];
  let floor = 0;
  const reported = new Set<number>();
  const pass = async () => {
    const result = await sealAudit(db, keys, { afterId: floor });
    const fresh = result.rejected.filter((id) => !reported.has(id));
    fresh.forEach((id) => reported.add(id));
    if (fresh.length) handlers.onRejected(fresh);
    passes.push({ at: Date.now(), horizon: result.horizon });
    while (passes.length > 1 && Date.now() - (passes[1]?.at ?? 0) >= LOOK_BACK_MS) passes.shift();
    const oldest = passes[0];
    if (oldest && Date.now() - oldest.at >= LOOK_BACK_MS) floor = oldest.horizon;
  };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(pass).catch(handlers.onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
