import type { Db } from '../db/index.js';
import type { AuditKeys } from './audit-keys.js';
import { isGenuineCheckpoint, type Checkpoint } from './checkpoints.js';
import { genuineMac, legacyMaxId, type AuditRow } from './entry-row.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';

/**
 * truncation: the newest entries of a chain are gone (the chain ends before a checkpoint's head);
 * insertion: an entry or link nobody with the key wrote; alteration: an entry changed under its seal;
 * re-hashing: links rewritten from this one on; deletion: entries missing from the middle of a chain;
 * checkpoint: a checkpoint whose signature does not hold.
 */
export type TamperKind = 'truncation' | 'insertion' | 'alteration' | 're-hashing' | 'deletion' | 'checkpoint';

export interface TamperFinding {
  kind: TamperKind;
  /** The alliance id, '' for entries outside any alliance. */
  chain: string;
  /** The first bad sequence number of the chain; null for an entry that was never sealed. */
  seq: number | null;
  auditId: number | null;
}

export interface AuditVerification {
  ok: boolean;
  /** Sealed entries whose link and content check out. */
  checked: number;
  /** Genuine entries not sealed yet (the sealer runs about once a second). */
  pending: number;
  checkpoints: number;
  findings: TamperFinding[];
}

interface SealedRow {
  chain: string;
  seq: number;
  row_mac: string;
  prev_hash: string;
  hash: string;
  entry: AuditRow | undefined;
}

/** Walks one chain in sequence order; a suspect link is judged by the link after it. */
class ChainWalk {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  private suspect: SealedRow | undefined;
  lastSeq = 0;
  checked = 0;
  finding: TamperFinding | undefined;
  readonly storedAt = new Map<number, string>();

  constructor(
    readonly chain: string,
    private readonly anchored: Map<number, string>,
    private readonly authentic: (row: SealedRow) => boolean,
    private readonly intact: (row: SealedRow) => boolean,
  ) {}

  add(row: SealedRow): void {
    this.lastSeq = row.seq;
    if (this.anchored.has(row.seq)) this.storedAt.set(row.seq, row.hash);
    if (this.finding) return;
    if (this.suspect) return this.judgeSuspect(row);
    const found = (kind: TamperKind, seq = row.seq) => (this.finding = { kind, chain: this.chain, seq, auditId: row.entry?.id ?? null });
    const linked = row.prev_hash === this.expectedPrev;
    if (!this.authentic(row)) this.suspect = row;
    else if (!linked) found('deletion', this.expectedSeq);
    else if (!this.intact(row)) found(row.entry ? 'alteration' : 'deletion');
    else {
      this.expectedPrev = row.hash;
      this.expectedSeq = row.seq + 1;
      this.checked++;
    }
  }

  /** A link that is not ours: inserted when the chain goes on past it, re-hashed when later links were rebuilt on it. */
  private judgeSuspect(next: SealedRow | undefined): void {
    const suspect = this.suspect!;
    let kind: TamperKind;
    if (next) kind = next.prev_hash === this.expectedPrev ? 'insertion' : 're-hashing';
    else kind = this.anchored.has(suspect.seq) ? 're-hashing' : 'insertion';
    this.finding = { kind, chain: this.chain, seq: suspect.seq, auditId: suspect.entry?.id ?? null };
  }

  end(): TamperFinding[] {
    if (this.suspect && !this.finding) this.judgeSuspect(undefined);
    const findings = this.finding ? [this.finding] : [];
    const anchoredSeqs = [...this.anchored.keys()].sort((a, b) => a - b);
    const rewritten = anchoredSeqs.find((seq) => seq <= this.lastSeq && this.storedAt.has(seq) && this.storedAt.get(seq) !== this.anchored.get(seq));
    if (!this.finding && rewritten !== undefined) findings.push({ kind: 're-hashing', chain: this.chain, seq: rewritten, auditId: null });
    if ((anchoredSeqs.at(-1) ?? 0) > this.lastSeq) findings.push({ kind: 'truncation', chain: this.chain, seq: this.lastSeq + 1, auditId: null });
    return findings;
  }
}

/**
 * Live and archived entries together: an archived month left the live log by a detach, its seals stayed
 * in audit_seal, so the chain runs on through it and each archived entry is still checked against its link.
 */
const everyEntry = (db: Db) => db.selectFrom('audit_log').selectAll().unionAll(db.selectFrom('audit_log_archive').selectAll());

async function* sealsInOrder(db: Db): AsyncGenerator<SealedRow> {
  let after: { chain: string; seq: number } | undefined;
  for (;;) {
    const rows = await db
      .selectFrom('audit_seal as s')
      .leftJoin(everyEntry(db).as('a'), 'a.id', 's.audit_id')
      .selectAll('a')
      .select(['s.chain as seal_chain', 's.seq as seal_seq', 's.row_mac', 's.prev_hash as seal_prev', 's.hash as seal_hash'])
      .$if(after !== undefined, (q) => q.where((eb) => eb.or([eb('s.chain', '>', after!.chain), eb.and([eb('s.chain', '=', after!.chain), eb('s.seq', '>', after!.seq)])])))
      .orderBy('s.chain')
      .orderBy('s.seq')
      .limit(5000)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      // A left join types every entry column as nullable; with the id present the entry row is whole.
      const entry = r.id === null ? undefined : (r as unknown as AuditRow);
      yield { chain: r.seal_chain, seq: Number(r.seal_seq), row_mac: r.row_mac, prev_hash: r.seal_prev, hash: r.seal_hash, entry };
    }
    const last = rows.at(-1)!;
    after = { chain: last.seal_chain, seq: Number(last.seal_seq) };
  }
}

/**
 * Checks every chain against its keyed hashes and against the signed checkpoints, and every unsealed
 * entry against its MAC. Only reads. Reports the first bad sequence number per chain and kind.
 */
export async function verifyAuditLog(db: Db, keys: AuditKeys, checkpoints: Checkpoint[] = []): Promise<AuditVerification> {
  const findings: TamperFinding[] = [];
  const anchored = new Map<string, Map<number, string>>();
  for (const checkpoint of checkpoints) {
    if (!isGenuineCheckpoint(keys, checkpoint)) {
      findings.push({ kind: 'checkpoint', chain: '', seq: null, auditId: null });
      continue;
    }
    for (const head of checkpoint.heads) {
      const seqs = anchored.get(head.chain) ?? new Map<number, string>();
      seqs.set(head.seq, head.hash);
      anchored.set(head.chain, seqs);
    }
  }
  const legacy = await legacyMaxId(db);
  const authentic = (row: SealedRow) => row.hash === chainHash(keys.chain, row.prev_hash, row.chain, row.row_mac);
  const intact = (row: SealedRow) => row.entry !== undefined && genuineMac(keys, row.entry, legacy) === row.row_mac;
  const walks = new Map<string, ChainWalk>();
  let walk: ChainWalk | undefined;
  for await (const row of sealsInOrder(db)) {
    if (walk?.chain !== row.chain) {
      walk = new ChainWalk(row.chain, anchored.get(row.chain) ?? new Map<number, string>(), authentic, intact);
      walks.set(row.chain, walk);
    }
    walk.add(row);
  }
  for (const [chain, seqs] of anchored) if (!walks.has(chain)) walks.set(chain, new ChainWalk(chain, seqs, authentic, intact));
  let checked = 0;
  for (const w of walks.values()) {
    findings.push(...w.end());
    checked += w.checked;
  }
  const unsealed = await db
    .selectFrom(everyEntry(db).as('a'))
    .selectAll('a')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_seal as s').select('s.audit_id').whereRef('s.audit_id', '=', 'a.id'))))
    .orderBy('a.id')
    .execute();
  let pending = 0;
  for (const row of unsealed) {
    if (genuineMac(keys, row, legacy) !== undefined) pending++;
    else findings.push({ kind: 'insertion', chain: row.alliance_id ?? '', seq: null, auditId: row.id });
  }
  return { ok: findings.length === 0, checked, pending, checkpoints: checkpoints.length, findings };
}
