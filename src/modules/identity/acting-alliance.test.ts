import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, type World } from '../../../test/support/world.js';

let t: TestApp;
let night: World;
let respite: World;
let admin: Session;

const KEYS = '/api/nightcare/alarm-keys';
const accountsOf = async (s: Session) => (await s.get(KEYS)).json<{ items: { account: string }[] }>().items.map((i) => i.account);
const me = async (s: Session) => (await s.get('/api/auth/me')).json<{ activeAllianceId: string | null; alliances: { id: string }[] }>();

beforeAll(async () => {
  t = await startTestApp();
  night = await createWorld(t.db);
  respite = await createWorld(t.db);
  // The respite pilot's care provider is in the night alliance too.
  await t.db.insertInto('alliance_membership').values({ alliance_id: night.allianceId, organisation_id: respite.homeOrg }).execute();
  const user = await addUser(t.db, t.deps.secretBox, respite.homeOrg, ['alliance_admin', 'organisation_admin'], 'two-alliances');
  admin = await login(t.app, user);
  // One key in each alliance, set by the bootstrap path, so the list shows which alliance a request acted in.
  for (const [allianceId, account] of [[night.allianceId, 'NIGHT1'], [respite.allianceId, 'RESP1']] as const) {
    await t.db.insertInto('alarm_key').values({ alliance_id: allianceId, account, key_enc: t.deps.secretBox.seal(randomBytes(16).toString('hex')) }).execute();
  }
});

describe('the acting alliance of a session', () => {
  it('defaults to the only alliance of an organisation in one', async () => {
    const user = await addUser(t.db, t.deps.secretBox, night.partnerOrg, ['alliance_admin'], 'one-alliance');
    const session = await login(t.app, user);
    expect(await me(session)).toMatchObject({ activeAllianceId: night.allianceId, alliances: [{ id: night.allianceId }] });
    expect(await accountsOf(session)).toEqual(['NIGHT1']);
  });

  it('asks an organisation in two alliances to choose before acting, the same way on every route', async () => {
    const fresh = await login(t.app, await addUser(t.db, t.deps.secretBox, respite.homeOrg, ['alliance_admin', 'coordinator'], 'unchosen'));
    expect((await me(fresh)).activeAllianceId).toBeNull();
    expect((await me(fresh)).alliances.map((a) => a.id).sort()).toEqual([night.allianceId, respite.allianceId].sort());
    for (const url of [KEYS, '/api/nightcare/kpis?from=2025-10-01&to=2025-10-31', '/api/nightcare/supervision/status']) {
      const response = await fresh.get(url);
      expect(response.statusCode, url).toBe(409);
      expect(response.json(), url).toMatchObject({ error: { code: 'ALLIANCE_NOT_CHOSEN' } });
    }
  });

  it("starts a member of one alliance's night team in that alliance, though the organisation is in two", async () => {
    const user = await addUser(t.db, t.deps.secretBox, respite.homeOrg, ['coordinator'], 'team-member');
    await addTeamMember(t.db, { allianceId: night.allianceId, teamName: 'Night team', userId: user.id, organisationId: respite.homeOrg });
    const session = await login(t.app, user);
    expect((await me(session)).activeAllianceId).toBe(night.allianceId);
    expect((await session.get('/api/nightcare/supervision/status')).statusCode).not.toBe(409);
  });

  it('acts in the alliance the session switched to, and switches back', async () => {
    expect((await admin.post('/api/auth/alliance', { allianceId: night.allianceId })).statusCode).toBe(200);
    expect((await me(admin)).activeAllianceId).toBe(night.allianceId);
    expect(await accountsOf(admin)).toEqual(['NIGHT1']);
    expect((await admin.post('/api/auth/alliance', { allianceId: respite.allianceId })).statusCode).toBe(200);
    expect(await accountsOf(admin)).toEqual(['RESP1']);
  });

  it('lets a request name another of its alliances, and answers an alliance it is not in as not found', async () => {
    expect((await admin.post('/api/auth/alliance', { allianceId: respite.allianceId })).statusCode).toBe(200);
    expect((await admin.get(`${KEYS}?allianceId=${night.allianceId}`)).json<{ items: { account: string }[] }>().items.map((i) => i.account)).toEqual(['NIGHT1']);
    const stranger = await createWorld(t.db);
    expect((await admin.get(`${KEYS}?allianceId=${stranger.allianceId}`)).statusCode).toBe(404);
  });

  it('refuses to switch to an alliance the organisation is not in, and keeps the choice it had', async () => {
    expect((await admin.post('/api/auth/alliance', { allianceId: night.allianceId })).statusCode).toBe(200);
    const stranger = await createWorld(t.db);
    const refused = await admin.post('/api/auth/alliance', { allianceId: stranger.allianceId });
    expect(refused.statusCode).toBe(403);
    expect((await me(admin)).activeAllianceId).toBe(night.allianceId);
  });

  it('forgets the choice when the session switches organisation', async () => {
    const user = await addUser(t.db, t.deps.secretBox, respite.homeOrg, ['alliance_admin'], 'switcher');
    await t.db.insertInto('staff_role').values({ user_id: user.id, organisation_id: respite.partnerOrg, role: 'alliance_admin' }).execute();
    const session = await login(t.app, user);
    expect((await session.post('/api/auth/alliance', { allianceId: night.allianceId })).statusCode).toBe(200);
    expect((await session.post('/api/auth/organisation', { organisationId: respite.partnerOrg })).statusCode).toBe(200);
    expect((await me(session)).activeAllianceId).toBe(respite.allianceId);
    expect(await accountsOf(session)).toEqual(['RESP1']);
  });

  it('names the acting alliance in the audit entry of a refusal that concerns no client', async () => {
    expect((await admin.post('/api/auth/alliance', { allianceId: night.allianceId })).statusCode).toBe(200);
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    // A nurse may not read the audit log: a refusal at the role check, about no client.
    const nurseOnly = await addUser(t.db, t.deps.secretBox, respite.homeOrg, ['nurse'], 'refused');
    const nurse = await login(t.app, nurseOnly);
    expect((await nurse.post('/api/auth/alliance', { allianceId: night.allianceId })).statusCode).toBe(200);
    expect((await nurse.get('/api/audit')).statusCode).toBe(403);
    const entries = await t.db.selectFrom('audit_log').select(['alliance_id', 'outcome']).where('id', '>', Number(before.id ?? 0)).where('user_id', '=', nurseOnly.id).execute();
    expect(entries).toEqual([{ alliance_id: night.allianceId, outcome: 'refused' }]);
  });
});
