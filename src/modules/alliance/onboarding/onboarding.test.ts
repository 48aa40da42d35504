import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, type World } from '../../../../test/support/world.js';

/** Issue 11 item 7: the alliance administrator onboards a partner: its first administrator, its checklist, the night team. */

let t: TestApp;
let world: World;
let allianceAdmin: Session;
let homeAdmin: Session;

type Checklist = { items: Record<string, boolean>; clients: number; nightTeamMembers: number };

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  allianceAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin', 'organisation_admin'], 'aadmin'));
  homeAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'hadmin'));
});

const newPartner = async () => {
  const created = await allianceAdmin.post('/api/organisations', { allianceId: world.allianceId, name: `New partner ${crypto.randomUUID().slice(0, 6)}`, kind: 'care_provider' });
  expect(created.statusCode).toBe(201);
  return created.json<{ id: string }>().id;
};

describe('inviting a new organisation’s first administrator', () => {
  it('gives a one-time link that sets the password of an organisation administrator', async () => {
    const organisationId = await newPartner();
    const email = `first-${Date.now()}@partner.example`;
    const invited = await allianceAdmin.post(`/api/organisations/${organisationId}/invitations`, { email, name: 'Eerste Beheerder' });
    expect(invited.statusCode, invited.body).toBe(201);
    const { link } = invited.json<{ link: string }>();
    const token = link.replace('/invitation/', '');
    const stored = await t.db.selectFrom('staff_invitation').select('token_hash').where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
    // Only the hash is kept.
    expect(stored.token_hash).not.toContain(token);
    const view = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(view.json()).toMatchObject({ email, name: 'Eerste Beheerder' });
    expect((await allianceAdmin.get(`/api/organisations/${organisationId}/checklist`)).json<Checklist>().items).toMatchObject({ invitationPending: true, administrator: false });

    const accepted = await t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password: 'a-long-enough-password' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const roles = await t.db.selectFrom('staff_role').innerJoin('app_user', 'app_user.id', 'staff_role.user_id').select(['role', 'organisation_id']).where('app_user.email', '=', email).execute();
    expect(roles).toEqual([{ role: 'organisation_admin', organisation_id: organisationId }]);
    // The token works once.
    expect((await t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password: 'another-long-password' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` })).statusCode).toBe(404);
    // Logging in with the new password is the first step; TOTP is set up next, as for every staff member.
    const loginResponse = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'a-long-enough-password' } });
    expect(loginResponse.statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_log').select('action').where('resource', '=', 'invitation').where('alliance_id', '=', world.allianceId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['accept_invitation', 'invite']);
  });

  it('is for alliance administrators only, and only for organisations of their alliance', async () => {
    const organisationId = await newPartner();
    expect((await homeAdmin.post(`/api/organisations/${organisationId}/invitations`, { email: 'x@partner.example', name: 'Someone' })).statusCode).toBe(403);
    const elsewhere = await createWorld(t.db);
    expect((await allianceAdmin.post(`/api/organisations/${elsewhere.homeOrg}/invitations`, { email: 'y@partner.example', name: 'Someone' })).statusCode).toBe(404);
    expect((await allianceAdmin.get(`/api/organisations/${elsewhere.homeOrg}/checklist`)).statusCode).toBe(404);
  });
});

const removeMember = (userId: string) => t.app.inject({ method: 'DELETE', url: `/api/night-team/members/${userId}`, headers: { cookie: allianceAdmin.cookie } });

describe('the night team’s membership', () => {
  it('adds and removes a nurse, audited, and the checklist follows', async () => {
    const nurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'teamnurse');
    const candidates = async () => (await allianceAdmin.get('/api/night-team/members')).json<{ items: { userId: string; member: boolean }[] }>().items;
    expect((await candidates()).find((c) => c.userId === nurse.id)?.member).toBe(false);
    expect((await allianceAdmin.post('/api/night-team/members', { userId: nurse.id, organisationId: world.partnerOrg })).statusCode).toBe(204);
    expect((await candidates()).find((c) => c.userId === nurse.id)?.member).toBe(true);
    expect((await allianceAdmin.get(`/api/organisations/${world.partnerOrg}/checklist`)).json<Checklist>().items.nightTeamMembers).toBe(true);
    expect((await removeMember(nurse.id)).statusCode).toBe(204);
    expect((await candidates()).find((c) => c.userId === nurse.id)?.member).toBe(false);
    expect((await removeMember(nurse.id)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'reason']).where('resource', '=', 'team_member').where('alliance_id', '=', world.allianceId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['add_member', 'remove_member']);
    expect(audit[0]?.reason).toContain(nurse.id);
  });

  it('refuses staff without a night-care role and anyone but the alliance administrator', async () => {
    const admin = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'notnight');
    expect((await allianceAdmin.post('/api/night-team/members', { userId: admin.id, organisationId: world.partnerOrg })).statusCode).toBe(400);
    const nurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'teamnurse2');
    expect((await homeAdmin.post('/api/night-team/members', { userId: nurse.id, organisationId: world.partnerOrg })).statusCode).toBe(403);
  });
});
