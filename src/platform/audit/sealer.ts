import { sql } from 'kysely';
import type { AuditSealTable, Db } from '../db/index.js';
import type { AuditKeys } from './audit-keys.js';
import { chainOf, genuineMac, legacyMaxId } from './entry-row.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';

export interface SealResult {
  sealed: number;
  /** Unsealed entries whose MAC is missing, wrong or a replay: written by someone without the key. */
  rejected: number[];
  /** The highest entry id sealed so far. */
  horizon: number;
  /** Whether every unsealed entry above `afterId` visible to this pass was handled (not cut off by the batch). */
  complete: boolean;
  /** This pass's snapshot: the oldest transaction still running, and the first not yet started. */
  xmin: number;
  xmax: number;
}

/**
 * Links committed, MAC-checked entries with ids above `afterId` into their alliance's chain by inserting
 * one seal each: hash = HMAC(previous hash ‖ chain ‖ entry MAC). The app needs no UPDATE on audit rows.
 * One sealer at a time across all server instances (advisory lock).
 */
export async function sealAudit(db: Db, keys: AuditKeys, options: { afterId?: number; batch?: number } = {}): Promise<SealResult> {
  const batch = options.batch ?? 5000;
  return db.transaction().execute(async (trx) => {
    const state = await sql<{ locked: boolean; xmin: string; xmax: string }>`
      SELECT pg_try_advisory_xact_lock(7514) AS locked,
        pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`.execute(trx);
    const { locked, xmin, xmax } = state.rows[0]!;
    const snapshot = { xmin: Number(xmin), xmax: Number(xmax) };
    if (!locked) return { sealed: 0, rejected: [], horizon: 0, complete: false, ...snapshot };
    const rows = await trx
      .selectFrom('audit_log as a')
      .selectAll('a')
      .where('a.id', '>', options.afterId ?? 0)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_seal as s').select('s.audit_id').whereRef('s.audit_id', '=', 'a.id'))))
      .orderBy('a.id')
      .limit(batch)
      .execute();
    const horizon = async () => Number((await trx.selectFrom('audit_seal').select((eb) => eb.fn.max('audit_id').as('id')).executeTakeFirst())?.id ?? 0);
    const complete = rows.length < batch;
    if (rows.length === 0) return { sealed: 0, rejected: [], horizon: await horizon(), complete, ...snapshot };
    const legacy = await legacyMaxId(trx);
    const macs = rows.map((row) => genuineMac(keys, row, legacy));
    const candidates = macs.filter((m): m is string => m !== undefined);
    // A copied row carries a genuine MAC; its copy must not be sealed a second time. One array, not a
    // parameter per MAC: the same statement text for every pass, and no limit on the parameters.
    const taken = new Set(
      candidates.length ? (await sql<{ row_mac: string }>`SELECT row_mac FROM audit_seal WHERE row_mac = ANY(${candidates}::text[])`.execute(trx)).rows.map((r) => r.row_mac) : [],
    );
    const heads = await chainHeads(trx, [...new Set(rows.map((r) => chainOf(r.alliance_id)))]);
    const seals: Seal[] = [];
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
    if (seals.length) await insertSeals(trx, seals);
    return { sealed: seals.length, rejected, horizon: await horizon(), complete, ...snapshot };
  });
}

type Seal = Omit<AuditSealTable, 'sealed_at'>;

/**
 * One array per column instead of a VALUES row per seal: a pass of hundreds of seals is then six
 * parameters, not thousands, which the server's event loop would otherwise spend building and encoding.
 */
async function insertSeals(trx: Db, seals: Seal[]): Promise<void> {
  const column = <K extends keyof Seal>(key: K) => seals.map((seal) => seal[key]);
  await sql`
    INSERT INTO audit_seal (audit_id, chain, seq, row_mac, prev_hash, hash)
    SELECT * FROM unnest(${column('audit_id')}::bigint[], ${column('chain')}::text[], ${column('seq')}::bigint[],
      ${column('row_mac')}::text[], ${column('prev_hash')}::text[], ${column('hash')}::text[])`.execute(trx);
}

async function chainHeads(trx: Db, chains: string[]): Promise<Map<string, { seq: number; hash: string }>> {
  const { rows } = await sql<{ chain: string; seq: number; hash: string }>`
    SELECT c.chain, h.seq, h.hash FROM unnest(${chains}::text[]) AS c(chain)
    CROSS JOIN LATERAL (SELECT seq, hash FROM audit_seal s WHERE s.chain = c.chain ORDER BY seq DESC LIMIT 1) h`.execute(trx);
  return new Map(rows.map((r) => [r.chain, { seq: Number(r.seq), hash: r.hash }]));
}

/**
 * Where the next pass starts. An entry with an id below a pass's horizon that the pass could not see was
 * written by a transaction then running (its id was drawn before the pass), so once every transaction
 * of that snapshot has ended (a later snapshot's xmin has passed its xmax) and a later pass has looked,
 * nothing at or below that horizon can appear any more: passes skip it instead of scanning the whole log.
 */
export class SealFloor {
  private floor = 0;
  private waiting: { horizon: number; xmax: number }[] = [];

  get afterId(): number {
    return this.floor;
  }

  advance(pass: SealResult): void {
    if (!pass.complete) return;
    const settled = this.waiting.filter((w) => w.xmax <= pass.xmin);
    if (settled.length) this.floor = Math.max(this.floor, ...settled.map((w) => w.horizon));
    this.waiting = [...this.waiting.filter((w) => w.xmax > pass.xmin), { horizon: pass.horizon, xmax: pass.xmax }];
  }
}

/**
 * Seals in the background: a pass at once (a backlog from before a restart) and then every `intervalMs`,
 * each of at most `batch` entries, and while a pass leaves entries behind the next follows at once. Small, frequent passes keep each one's work on the
 * event loop short: one pass a second over a busy second's entries held up every request behind it
 * (bench:load's p99 followed the sealer's beat). Reports each rejected entry once; returns the stop function.
 */
export function startAuditSealer(
  db: Db,
  keys: AuditKeys,
  handlers: { onError: (error: unknown) => void; onRejected: (auditIds: number[]) => void },
  options: { intervalMs?: number; batch?: number } = {},
): () => Promise<void> {
  const floor = new SealFloor();
  const reported = new Set<number>();
  let stopped = false;
  const pass = async (): Promise<void> => {
    const result = await sealAudit(db, keys, { afterId: floor.afterId, batch: options.batch ?? 500 });
    const fresh = result.rejected.filter((id) => !reported.has(id));
    fresh.forEach((id) => reported.add(id));
    if (fresh.length) handlers.onRejected(fresh);
    floor.advance(result);
    // Yield between passes so that requests queued meanwhile go first.
    if (!result.complete && result.sealed > 0 && !stopped) {
      await new Promise((resolve) => setImmediate(resolve));
      await pass();
    }
  };
  let running: Promise<unknown> = pass().catch(handlers.onError);
  const timer = setInterval(() => {
    running = running.then(pass).catch(handlers.onError);
  }, options.intervalMs ?? 200);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
