import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createWorld } from '../../../test/support/world.js';
import { SecretBox } from '../crypto/index.js';
import type { Db } from '../db/index.js';
import { appendAudit, auditKeysFrom, chainHeads, sealAudit, signCheckpoint, verifyAuditLog, type AuditKeys, type Checkpoint } from './index.js';

// Each test tampers with a chain of its own (one alliance each), as the database owner would: the owner
// may switch off the append-only triggers on its own tables, which the app's role cannot.
let t: TestApp;
let keys: AuditKeys;

beforeAll(async () => {
  t = await startTestApp();
  keys = auditKeysFrom(t.deps.secretBox);
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh alliance with `n` entries written by the app's role, all sealed, and a checkpoint of the heads. */
async function sealedChain(n: number): Promise<{ chain: string; checkpoint: Checkpoint }> {
  const { allianceId } = await createWorld(t.db);
  const entries = Array.from({ length: n }, (_, i) => ({
    allianceId,
    userId: null,
    userName: `nurse ${i + 1}`,
    organisationId: null,
    role: 'nurse',
    clientId: null,
    clientOrganisationId: null,
    action: 'read' as const,
    resource: 'night_summary' as const,
    fields: [],
    purpose: 'assignment',
    reason: null,
    grantId: null,
    outcome: 'allowed' as const,
  }));
  // One statement per entry, so each has its own moment like real accesses.
  for (const entry of entries) await appendAudit(t.deps.db, [entry]);
  await sealEverything(t.deps.db);
  return { chain: allianceId, checkpoint: signCheckpoint(keys, new Date(), await chainHeads(t.deps.db)) };
}

/** Seals until nothing genuine is left (the app's own background sealer may hold the lock for a moment). */
async function sealEverything(db: Db): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const result = await sealAudit(db, keys);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a WHERE nonce IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)`.execute(db);
    if ((left.rows[0]?.n ?? 0) <= result.rejected.length) return;
    await sleep(50);
  }
  throw new Error('entries stayed unsealed');
}

/** Runs `change` as the owner with the append-only triggers off, as someone with the owner's password could. */
async function asOwnerWithoutTriggers(change: (db: Db) => Promise<void>): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    await sql`ALTER TABLE audit_seal DISABLE TRIGGER USER`.execute(trx);
    await change(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
    await sql`ALTER TABLE audit_seal ENABLE TRIGGER USER`.execute(trx);
  });
}

const entryAt = (chain: string, seq: number) => sql<{ id: number }>`SELECT audit_id AS id FROM audit_seal WHERE chain = ${chain} AND seq = ${seq}`.execute(t.db).then((r) => r.rows[0]!.id);

async function findingsFor(chain: string, checkpoints: Checkpoint[]) {
  return (await verifyAuditLog(t.deps.db, keys, checkpoints)).findings.filter((f) => f.chain === chain);
}

describe('audit log tamper evidence', () => {
  it('verifies an intact chain against its checkpoint', async () => {
    const { chain, checkpoint } = await sealedChain(5);
    expect(checkpoint.heads.find((h) => h.chain === chain)).toMatchObject({ seq: 5 });
    const result = await verifyAuditLog(t.deps.db, keys, [checkpoint]);
    expect(result.findings.filter((f) => f.chain === chain)).toEqual([]);
    expect(result.checked).toBeGreaterThanOrEqual(5);
  });

  it('refuses to change or remove a seal, even to the owner, while the triggers are on', async () => {
    const { chain } = await sealedChain(2);
    await expect(sql`UPDATE audit_seal SET hash = 'x' WHERE chain = ${chain}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_seal WHERE chain = ${chain}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET seq = 1, prev_hash = 'x', hash = 'y' WHERE alliance_id = ${chain}::uuid`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('reports truncation with the first missing sequence number when the newest entries are deleted', async () => {
    const { chain, checkpoint } = await sealedChain(6);
    await asOwnerWithoutTriggers(async (db) => {
      const gone = await sql<{ audit_id: number }>`DELETE FROM audit_seal WHERE chain = ${chain} AND seq > 4 RETURNING audit_id`.execute(db);
      await sql`DELETE FROM audit_log WHERE id = ANY(${gone.rows.map((r) => r.audit_id)}::bigint[])`.execute(db);
    });
    expect(await findingsFor(chain, [checkpoint])).toEqual([{ kind: 'truncation', chain, seq: 5, auditId: null }]);
  });

  it('reports alteration of an entry under its seal', async () => {
    const { chain, checkpoint } = await sealedChain(6);
    const id = await entryAt(chain, 3);
    await asOwnerWithoutTriggers(async (db) => {
      await sql`UPDATE audit_log SET user_name = 'someone else' WHERE id = ${id}`.execute(db);
    });
    expect(await findingsFor(chain, [checkpoint])).toEqual([{ kind: 'alteration', chain, seq: 3, auditId: id }]);
  });

  it('reports re-hashing when an entry is changed and every later hash recomputed', async () => {
    const { chain, checkpoint } = await sealedChain(6);
    const id = await entryAt(chain, 3);
    await asOwnerWithoutTriggers(async (db) => {
      await sql`UPDATE audit_log SET user_name = 'someone else', mac = ${sha('forged')} WHERE id = ${id}`.execute(db);
      // Without the key the best an owner can do is a plain hash over the same inputs.
      const seals = await sql<{ seq: number; prev_hash: string; row_mac: string }>`SELECT seq, prev_hash, row_mac FROM audit_seal WHERE chain = ${chain} AND seq >= 3 ORDER BY seq`.execute(db);
      let prev = seals.rows[0]!.prev_hash;
      for (const seal of seals.rows) {
        const rowMac = Number(seal.seq) === 3 ? sha('forged') : seal.row_mac;
        const hash = sha(`${prev}\n${chain}\n${rowMac}`);
        await sql`UPDATE audit_seal SET row_mac = ${rowMac}, prev_hash = ${prev}, hash = ${hash} WHERE chain = ${chain} AND seq = ${seal.seq}`.execute(db);
        prev = hash;
      }
    });
    expect(await findingsFor(chain, [checkpoint])).toEqual([{ kind: 're-hashing', chain, seq: 3, auditId: id }]);
  });

  it('reports a back-dated forged entry spliced into the chain as an insertion at its sequence number', async () => {
    const { chain, checkpoint } = await sealedChain(6);
    let forgedId = 0;
    await asOwnerWithoutTriggers(async (db) => {
      const forged = await sql<{ id: number }>`
        INSERT INTO audit_log (at, alliance_id, user_name, role, action, resource, fields, purpose, outcome, nonce, mac)
        VALUES (now() - interval '2 days', ${chain}::uuid, 'nurse 9', 'nurse', 'read', 'night_summary', '{}', 'assignment', 'allowed', 'n0nce', ${sha('mac')})
        RETURNING id`.execute(db);
      forgedId = forged.rows[0]!.id;
      // Make room at seq 3 and link the forged entry after seq 2, leaving the later links as they were.
      await sql`UPDATE audit_seal SET seq = seq + 1000000 WHERE chain = ${chain} AND seq >= 3`.execute(db);
      await sql`UPDATE audit_seal SET seq = seq - 999999 WHERE chain = ${chain} AND seq > 1000000`.execute(db);
      const prev = (await sql<{ hash: string }>`SELECT hash FROM audit_seal WHERE chain = ${chain} AND seq = 2`.execute(db)).rows[0]!.hash;
      await sql`INSERT INTO audit_seal (audit_id, chain, seq, row_mac, prev_hash, hash) VALUES (${forgedId}, ${chain}, 3, ${sha('mac')}, ${prev}, ${sha(`${prev}\n${chain}\n${sha('mac')}`)})`.execute(db);
    });
    expect(await findingsFor(chain, [checkpoint])).toEqual([{ kind: 'insertion', chain, seq: 3, auditId: forgedId }]);
  });

  it('never seals a forged entry, and verify reports it without sealing it', async () => {
    const { chain, checkpoint } = await sealedChain(3);
    // The owner needs no trigger bypass to insert; the app's own role could insert too, but not MAC.
    const forged = await sql<{ id: number }>`
      INSERT INTO audit_log (at, alliance_id, user_name, role, action, resource, fields, outcome, nonce, mac)
      VALUES (now() - interval '3 days', ${chain}::uuid, 'nobody', 'nurse', 'read', 'client', '{}', 'allowed', 'abc', ${sha('guess')})
      RETURNING id`.execute(t.deps.db);
    const forgedId = forged.rows[0]!.id;
    let rejected: number[] = [];
    for (let i = 0; i < 50 && !rejected.includes(forgedId); i++) {
      rejected = (await sealAudit(t.deps.db, keys)).rejected;
      if (!rejected.includes(forgedId)) await sleep(50);
    }
    expect(rejected).toContain(forgedId);
    expect(await findingsFor(chain, [checkpoint])).toEqual([{ kind: 'insertion', chain, seq: null, auditId: forgedId }]);
    const seals = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_seal WHERE audit_id = ${forgedId}`.execute(t.db);
    expect(seals.rows[0]?.n).toBe(0);
  });

  it('never seals a genuine entry twice: one deleted and inserted again under a new id stays unsealed', async () => {
    // An exact copy beside its original cannot exist (MAC and time are unique per month), but a sealed
    // entry can be removed and replayed, or come back from an archive.
    const { chain } = await sealedChain(2);
    const sealedId = await entryAt(chain, 1);
    const columns = sql.raw('at, alliance_id, user_id, user_name, organisation_id, role, client_id, client_organisation_id, action, resource, fields, purpose, reason, grant_id, outcome, nonce, mac');
    let replayId = 0;
    await asOwnerWithoutTriggers(async (db) => {
      const replayed = await sql<{ id: number }>`
        WITH removed AS (DELETE FROM audit_log WHERE id = ${sealedId} RETURNING ${columns})
        INSERT INTO audit_log (${columns}) SELECT ${columns} FROM removed RETURNING id`.execute(db);
      replayId = replayed.rows[0]!.id;
    });
    let rejected: number[] = [];
    for (let i = 0; i < 50 && !rejected.includes(replayId); i++) {
      rejected = (await sealAudit(t.deps.db, keys)).rejected;
      if (!rejected.includes(replayId)) await sleep(50);
    }
    expect(rejected).toContain(replayId);
    const seals = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_seal WHERE audit_id = ${replayId} OR chain = ${chain}`.execute(t.db);
    expect(seals.rows[0]?.n).toBe(2);
  });

  it('refuses a checkpoint that was not signed with the audit key', async () => {
    const { chain } = await sealedChain(2);
    const forged = signCheckpoint(auditKeysFrom(new SecretBox(randomBytes(32).toString('hex'))), new Date(), [{ chain, seq: 9, hash: sha('x') }]);
    const result = await verifyAuditLog(t.deps.db, keys, [forged]);
    expect(result.findings).toContainEqual({ kind: 'checkpoint', chain: '', seq: null, auditId: null });
    // The forged head is not believed: no truncation is claimed from it.
    expect(result.findings.filter((f) => f.chain === chain)).toEqual([]);
  });
});
