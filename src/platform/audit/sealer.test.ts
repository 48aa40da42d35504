import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { appendAudit, auditKeysFrom, SealFloor, sealAudit, type AuditEntry, type AuditKeys, type SealResult } from './index.js';

const pass = (horizon: number, xmin: number, xmax: number, complete = true): SealResult => ({ sealed: 0, rejected: [], horizon, complete, xmin, xmax });

describe('the sealer floor', () => {
  it('moves to a pass horizon only once every transaction of that pass has ended and a complete pass followed', () => {
    const floor = new SealFloor();
    floor.advance(pass(10, 100, 105));
    floor.advance(pass(12, 103, 110));
    expect(floor.afterId).toBe(0);
    floor.advance(pass(15, 106, 112, false));
    expect(floor.afterId).toBe(0);
    floor.advance(pass(15, 106, 112));
    expect(floor.afterId).toBe(10);
    floor.advance(pass(20, 120, 121));
    expect(floor.afterId).toBe(15);
  });
});

describe('sealing against the database', () => {
  let t: TestApp;
  let keys: AuditKeys;
  beforeAll(async () => {
    t = await startTestApp();
    keys = auditKeysFrom(t.deps.secretBox);
  });
  const entry = (userName: string): AuditEntry => ({ allianceId: null, userId: null, userName, organisationId: null, role: 'nurse', clientId: null, clientOrganisationId: null, action: 'read', resource: 'client', fields: [], purpose: null, reason: null, grantId: null, outcome: 'allowed' });
  const isSealed = async (id: number) => (await t.db.selectFrom('audit_seal').select('audit_id').where('audit_id', '=', id).executeTakeFirst()) !== undefined;

  it('seals an entry whose transaction stayed open while later entries were sealed, and only then moves past it', async () => {
    const floor = new SealFloor();
    const step = async () => floor.advance(await sealAudit(t.deps.db, keys, { afterId: floor.afterId }));
    let heldId = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = t.deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, [entry('held open')]);
      heldId = Number((await trx.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
      await released;
    });
    await expect.poll(() => heldId).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) {
      await appendAudit(t.deps.db, [entry(`later ${i}`)]);
      await step();
    }
    expect(floor.afterId).toBeLessThan(heldId);
    expect(await isSealed(heldId)).toBe(false);
    release();
    await held;
    // The floor moves only once every transaction of a pass has ended, across the whole server: other
    // test files run beside this one on the same PostgreSQL, so give their transactions time to end.
    const until = Date.now() + 15_000;
    for (let i = 0; floor.afterId < heldId && Date.now() < until; i++) {
      await appendAudit(t.deps.db, [entry(`after commit ${i}`)]);
      await step();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await isSealed(heldId)).toBe(true);
    expect(floor.afterId).toBeGreaterThanOrEqual(heldId);
  });
});
