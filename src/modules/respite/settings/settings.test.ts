import { describe, expect, it } from 'vitest';
import { login } from '../../../../test/support/app.js';
import { addClient, addLocation, createRespiteWorld, startRespiteApp, TEST_NOW } from '../../../../test/support/respite-world.js';
import { addUser, createWorld } from '../../../../test/support/world.js';

const t = await startRespiteApp();

const settings = (overrides: Record<string, unknown> = {}) => ({ minLeadDays: 3, holdHours: 24, minGroupSize: 5, crisisPhone: '0592 - 000 000', respiteAlarmThreshold: 3, ...overrides });

/** A respite world with an alliance administrator in the home organisation. */
async function world() {
  const w = await createRespiteWorld(t);
  const adminUser = await addUser(t.db, t.deps.secretBox, w.homeOrg, ['alliance_admin'], 'respiteadmin');
  return { ...w, adminUser, admin: await login(t.app, adminUser) };
}

const auditOf = (allianceId: string) =>
  t.db.selectFrom('audit_log').select(['action', 'resource', 'fields', 'reason', 'user_id', 'client_id']).where('alliance_id', '=', allianceId).where('resource', '=', 'respite_settings').orderBy('id').execute();

describe('the alliance\'s respite settings', () => {
  it('shows the administrator the defaults and saves every setting, audited from → to, once per real change', async () => {
    const w = await world();
    const read = await w.admin.get('/api/respite/settings');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ allianceId: w.allianceId, ...settings(), defaults: { minLeadDays: 3, holdHours: 24, minGroupSize: 5, respiteAlarmThreshold: 3 }, bounds: { minLeadDays: { min: 0, max: 60 } } });

    const changed = settings({ minLeadDays: 7, holdHours: 48, minGroupSize: 10, crisisPhone: '0592 123 456', respiteAlarmThreshold: 5 });
    const saved = await w.admin.put('/api/respite/settings', changed);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject(changed);
    expect((await w.admin.get('/api/respite/settings')).json()).toMatchObject(changed);
    expect(await t.db.selectFrom('alliance').select('respite_alarm_threshold').where('id', '=', w.allianceId).executeTakeFirstOrThrow()).toEqual({ respite_alarm_threshold: 5 });

    expect((await w.admin.put('/api/respite/settings', { ...changed, holdHours: 12 })).statusCode).toBe(200);
    expect((await w.admin.put('/api/respite/settings', { ...changed, holdHours: 12 })).statusCode).toBe(200);
    const entries = await auditOf(w.allianceId);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ action: 'update', resource: 'respite_settings', user_id: w.adminUser.id, client_id: null, fields: ['minLeadDays', 'holdHours', 'minGroupSize', 'crisisPhone', 'respiteAlarmThreshold'] });
    expect(JSON.parse(entries[0]?.reason ?? '{}')).toEqual({
      minLeadDays: { from: 3, to: 7 }, holdHours: { from: 24, to: 48 }, minGroupSize: { from: 5, to: 10 }, crisisPhone: { from: '0592 - 000 000', to: '0592 123 456' }, respiteAlarmThreshold: { from: 3, to: 5 },
    });
    expect(JSON.parse(entries[1]?.reason ?? '{}')).toEqual({ holdHours: { from: 48, to: 12 } });
  });

  it('refuses the settings to staff who are not alliance administrators', async () => {
    const w = await world();
    const orgAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, w.homeOrg, ['organisation_admin'], 'orgadmin'));
    for (const session of [w.home, w.careHome, orgAdmin]) {
      expect((await session.get('/api/respite/settings')).statusCode).toBe(403);
      expect((await session.put('/api/respite/settings', settings({ minLeadDays: 0 }))).statusCode).toBe(403);
    }
    expect(await t.db.selectFrom('respite_settings').select('alliance_id').where('alliance_id', '=', w.allianceId).execute()).toEqual([]);
    expect(await auditOf(w.allianceId)).toEqual([]);
  });

  it('refuses values outside the bounds, naming the field, and keeps the settings as they were', async () => {
    const w = await world();
    const refused: [Record<string, unknown>, string][] = [
      [{ minLeadDays: 61 }, 'minLeadDays'], [{ minLeadDays: -1 }, 'minLeadDays'], [{ minLeadDays: 2.5 }, 'minLeadDays'],
      [{ holdHours: 0 }, 'holdHours'], [{ holdHours: 169 }, 'holdHours'],
      [{ minGroupSize: 2 }, 'minGroupSize'], [{ minGroupSize: 51 }, 'minGroupSize'],
      [{ respiteAlarmThreshold: 1 }, 'respiteAlarmThreshold'], [{ respiteAlarmThreshold: 51 }, 'respiteAlarmThreshold'],
      [{ crisisPhone: 'bel ons' }, 'crisisPhone'], [{ minLeadDays: '5' }, 'minLeadDays'],
    ];
    for (const [overrides, field] of refused) {
      const response = await w.admin.put('/api/respite/settings', settings(overrides));
      expect({ overrides, status: response.statusCode }).toEqual({ overrides, status: 400 });
      expect(response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual([`body.${field}`]);
    }
    const incomplete: Partial<ReturnType<typeof settings>> = settings();
    delete incomplete.minGroupSize;
    expect((await w.admin.put('/api/respite/settings', incomplete)).statusCode).toBe(400);
    expect((await w.admin.put('/api/respite/settings', settings({ minLeadDays: 60, holdHours: 168, minGroupSize: 3, respiteAlarmThreshold: 2 }))).statusCode).toBe(200);
    expect((await w.admin.put('/api/respite/settings', settings({ minLeadDays: 0, holdHours: 1, minGroupSize: 50, respiteAlarmThreshold: 50 }))).statusCode).toBe(200);
    expect(await auditOf(w.allianceId)).toHaveLength(2);
  });

  it('changes only the acting alliance: another alliance\'s administrator neither sees nor changes it', async () => {
    const w = await world();
    const other = await createWorld(t.db);
    const otherAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, other.homeOrg, ['alliance_admin'], 'otheradmin'));
    expect((await w.admin.put('/api/respite/settings', settings({ minLeadDays: 14 }))).statusCode).toBe(200);
    const theirs = (await otherAdmin.get('/api/respite/settings')).json<{ allianceId: string; minLeadDays: number }>();
    expect(theirs).toMatchObject({ allianceId: other.allianceId, minLeadDays: 3 });
    expect((await otherAdmin.put('/api/respite/settings', settings({ minLeadDays: 1 }))).statusCode).toBe(200);
    expect((await w.admin.get('/api/respite/settings')).json()).toMatchObject({ allianceId: w.allianceId, minLeadDays: 14 });
    expect(await auditOf(w.allianceId)).toHaveLength(1);
  });

  it('refuses at once a booking sooner than the new lead time, with the crisis route and the new phone number', async () => {
    t.clock.now = TEST_NOW;
    const w = await world();
    const locationId = await addLocation(w.careHome);
    const clientId = await addClient(w.home);
    const stay = { clientId, locationId, from: '2031-01-16', to: '2031-01-18', funding: 'private' };
    expect((await w.admin.put('/api/respite/settings', settings({ minLeadDays: 14, crisisPhone: '0592 123 456' }))).statusCode).toBe(200);
    const tooSoon = await w.home.post('/api/respite/stays', stay);
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json()).toMatchObject({ error: { code: 'CRISIS_ROUTE', details: { crisisPhone: '0592 123 456', minLeadDays: 14 } } });
    expect(await t.db.selectFrom('respite_booking').select('id').where('client_id', '=', clientId).execute()).toHaveLength(0);
    expect((await w.admin.put('/api/respite/settings', settings({ minLeadDays: 10 }))).statusCode).toBe(200);
    expect((await w.home.post('/api/respite/stays', stay)).statusCode).toBe(201);
  });

  it('holds freed nights for a waiting-list offer for the new number of hours', async () => {
    t.clock.now = TEST_NOW;
    const w = await world();
    const locationId = await addLocation(w.careHome, { beds: ['1'] });
    const [booked, waiting] = [await addClient(w.home), await addClient(w.home, { familyName: 'Wacht' })];
    const stay = (await w.home.post('/api/respite/stays', { clientId: booked, locationId, from: '2031-03-01', to: '2031-03-04', funding: 'private' })).json<{ id: string }>();
    await w.home.post('/api/respite/waitlist', { clientId: waiting, locationId, from: '2031-03-01', to: '2031-03-31', contactEmail: 'wacht@example.nl' });
    expect((await w.admin.put('/api/respite/settings', settings({ holdHours: 6 }))).statusCode).toBe(200);
    expect((await w.home.post(`/api/respite/stays/${stay.id}/cancel`)).json()).toMatchObject({ offeredTo: 1 });
    const held = await t.db.selectFrom('respite_booking').select(['status', 'hold_expires_at']).where('client_id', '=', waiting).executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'held', hold_expires_at: new Date(TEST_NOW.getTime() + 6 * 3600_000) });
  });
});
