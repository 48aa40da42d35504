import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { AuditKeys } from './audit-keys.js';

export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

/** The chain heads at one moment, signed with the checkpoint key: an anchor outside the database. */
export interface Checkpoint {
  at: string;
  heads: ChainHead[];
  signature: string;
}

const signatureOf = (keys: AuditKeys, at: string, heads: ChainHead[]) => createHmac('sha256', keys.checkpoint).update(JSON.stringify({ at, heads })).digest('hex');

export function signCheckpoint(keys: AuditKeys, at: Date, heads: ChainHead[]): Checkpoint {
  const stamp = at.toISOString();
  return { at: stamp, heads, signature: signatureOf(keys, stamp, heads) };
}

export function isGenuineCheckpoint(keys: AuditKeys, checkpoint: Checkpoint): boolean {
  const expected = Buffer.from(signatureOf(keys, checkpoint.at, checkpoint.heads), 'hex');
  const given = Buffer.from(checkpoint.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The last seal of every chain (one index probe per alliance, not a scan of the seals). */
export async function chainHeads(db: Db): Promise<ChainHead[]> {
  const { rows } = await sql<ChainHead>`
    SELECT c.chain, h.seq, h.hash FROM (SELECT '' AS chain UNION ALL SELECT id::text FROM alliance) AS c
    CROSS JOIN LATERAL (SELECT seq, hash FROM audit_seal s WHERE s.chain = c.chain ORDER BY seq DESC LIMIT 1) h
    ORDER BY c.chain`.execute(db);
  return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
}

/** One checkpoint per line (JSON), appended: the same line goes to the log, so an auditor can keep copies. */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint): Promise<string> {
  const line = JSON.stringify(checkpoint);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, `${line}\n`, { mode: 0o644 });
  return line;
}

/** Reads checkpoint files; a line that is not a checkpoint counts as unreadable rather than being skipped silently. */
export async function readCheckpoints(files: string[]): Promise<{ checkpoints: Checkpoint[]; unreadable: number }> {
  const checkpoints: Checkpoint[] = [];
  let unreadable = 0;
  for (const file of files) {
    for (const line of (await fs.readFile(file, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const parsed = parseCheckpoint(line);
      if (parsed) checkpoints.push(parsed);
      else unreadable++;
    }
  }
  return { checkpoints, unreadable };
}

function parseCheckpoint(line: string): Checkpoint | undefined {
  try {
    const value = JSON.parse(line) as Partial<Checkpoint>;
    const headsOk = Array.isArray(value.heads) && value.heads.every((h) => typeof h.chain === 'string' && Number.isInteger(h.seq) && typeof h.hash === 'string');
    return typeof value.at === 'string' && typeof value.signature === 'string' && headsOk ? (value as Checkpoint) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Anchors the chain heads at an interval: when they moved since the last checkpoint, a signed checkpoint
 * is appended to `file` and handed to `onCheckpoint` (the server logs it). Returns the stop function.
 */
export function startAuditAnchoring(
  db: Db,
  keys: AuditKeys,
  options: { file: string; intervalMs: number; onCheckpoint: (line: string) => void; onError: (error: unknown) => void },
): () => Promise<void> {
  let last = '';
  const anchor = async () => {
    const heads = await chainHeads(db);
    const fingerprint = JSON.stringify(heads);
    if (heads.length === 0 || fingerprint === last) return;
    options.onCheckpoint(await appendCheckpoint(options.file, signCheckpoint(keys, new Date(), heads)));
    last = fingerprint;
  };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(anchor).catch(options.onError);
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    // A last anchor on a clean stop, so the newest sealed entries are covered too.
    await running.then(anchor).catch(options.onError);
  };
}
