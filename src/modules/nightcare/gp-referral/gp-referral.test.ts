import { beforeAll, describe, expect, it } from 'vitest';
import { createAgreement, createOrganisation } from '../../alliance/index.js';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { SETUP } from '../../../../test/support/world.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';

let t: TestApp;
let w: NightWorld;
let secondPost: string;
let admin: Session;
let gpStaff: Session;
let otherGpStaff: Session;
let emmenClient: { id: string; account: string };
let farClient: { id: string; account: string };
let referralId: string;
let referredIncident: string;

const put = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: { cookie: s.cookie }, payload: payload as object });
const events = async (incidentId: string) => (await w.coordinator.get(`/api/nightcare/incidents/${incidentId}`)).json<{ incident: { status: string }; events: { type: string; details: Record<string, unknown> }[] }>();
const referral = { reason: 'Suspected hip fracture', urgency: 'U2', summary: 'Fell at 02:10, pain in the right hip, leg shortened and rotated. BP 140/85.' };

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  secondPost = await createOrganisation(t.db, SETUP, { allianceId: w.world.allianceId, name: 'GP post South', kind: 'gp_post' });
  await createAgreement(t.db, SETUP, { allianceId: w.world.allianceId, organisationId: secondPost, purposes: ['nightcare'], startsOn: '2020-01-01', signedBy: 'Director' });
  admin = (await w.session(w.world.homeOrg, ['alliance_admin'], 'allianceadmin')).session;
  gpStaff = (await w.session(w.world.gpPost, ['nurse'], 'triagist')).session;
  otherGpStaff = (await w.session(secondPost, ['nurse'], 'othertriagist')).session;
  emmenClient = await w.addClient(w.world.homeOrg, { familyName: 'Heupval', postcode: '7811 AB' });
  farClient = await w.addClient(w.world.homeOrg, { familyName: 'Veraf', postcode: '9401 AB', gpPostId: secondPost });
});

describe('GP post areas', () => {
  it('lets an alliance administrator set the postcode ranges of a GP post', async () => {
    const response = await put(admin, '/api/nightcare/gp-post-areas', { gpPostId: w.world.gpPost, ranges: [{ from: 7900, to: 7999 }, { from: 7800, to: 7899 }] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ gpPostId: w.world.gpPost, ranges: [{ from: 7800, to: 7899 }, { from: 7900, to: 7999 }] });
    const list = (await w.coordinator.get('/api/nightcare/gp-post-areas')).json<{ items: { gpPostId: string; ranges: unknown[] }[] }>().items;
    expect(list.find((p) => p.gpPostId === w.world.gpPost)?.ranges).toHaveLength(2);
    expect(list.find((p) => p.gpPostId === secondPost)?.ranges).toEqual([]);
  });

  it('refuses other roles, overlapping ranges and organisations that are not GP posts', async () => {
    expect((await put(w.coordinator, '/api/nightcare/gp-post-areas', { gpPostId: w.world.gpPost, ranges: [] })).statusCode).toBe(403);
    expect((await put(admin, '/api/nightcare/gp-post-areas', { gpPostId: w.world.gpPost, ranges: [{ from: 7800, to: 7900 }, { from: 7900, to: 7999 }] })).statusCode).toBe(400);
    expect((await put(admin, '/api/nightcare/gp-post-areas', { gpPostId: w.world.homeOrg, ranges: [{ from: 7800, to: 7899 }] })).statusCode).toBe(400);
    expect((await put(admin, '/api/nightcare/gp-post-areas', { gpPostId: w.world.gpPost, ranges: [{ from: 7899, to: 7800 }] })).statusCode).toBe(400);
  });
});

describe('referral to the GP post', () => {
  it('sends the assigned nurse’s referral to the post covering the address; the incident stays open', async () => {
    referredIncident = await w.runIncident(emmenClient.account, { open: true });
    const response = await w.nurse.session.post(`/api/nightcare/incidents/${referredIncident}/refer-gp`, referral);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ gpPostId: w.world.gpPost, gpPostName: 'GP post' });
    referralId = response.json<{ referralId: string }>().referralId;
    const detail = await events(referredIncident);
    expect(detail.incident.status).toBe('on_site');
    expect(detail.events.at(-1)).toMatchObject({ type: 'gp_referral', details: { referralId, gpPostId: w.world.gpPost } });
  });

  it("falls back to the client's own GP post when no area covers the address, for a night coordinator", async () => {
    const id = await w.runIncident(farClient.account, { open: true });
    const response = await w.coordinator.post(`/api/nightcare/incidents/${id}/refer-gp`, referral);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ gpPostId: secondPost });
  });

  it('refuses anyone but the assigned nurse and night coordinators, and closed incidents', async () => {
    const dayNurse = (await w.session(w.world.homeOrg, ['nurse'], 'daynurse')).session;
    expect((await dayNurse.post(`/api/nightcare/incidents/${referredIncident}/refer-gp`, referral)).statusCode).toBe(404);
    const closed = await w.runIncident(emmenClient.account, { cancel: 'false_alarm' });
    expect((await w.coordinator.post(`/api/nightcare/incidents/${closed}/refer-gp`, referral)).statusCode).toBe(409);
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${referredIncident}/refer-gp`, { ...referral, urgency: 'U9' })).statusCode).toBe(400);
  });

  it('shows the GP post its own referrals, and identifies the client only when one is opened (audited)', async () => {
    const list = (await gpStaff.get('/api/nightcare/referrals')).json<{ items: { id: string; summary: string }[] }>().items;
    expect(list.map((r) => r.id)).toEqual([referralId]);
    expect(JSON.stringify(list)).not.toContain('Heupval');
    const opened = await gpStaff.get(`/api/nightcare/referrals/${referralId}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ summary: referral.summary, status: 'sent', client: { id: emmenClient.id, familyName: 'Heupval', postcode: '7811 AB' } });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['outcome', 'purpose', 'grant_id'])
      .where('client_id', '=', emmenClient.id)
      .where('organisation_id', '=', w.world.gpPost)
      .execute();
    expect(audit).toContainEqual(expect.objectContaining({ outcome: 'allowed', purpose: 'gp_referral' }));
    // The read opened nothing else: the night summary stays closed to the GP post.
    expect((await gpStaff.get(`/api/clients/${emmenClient.id}/night-summary`)).statusCode).toBe(404);
  });

  it('answers 404 to staff of another GP post', async () => {
    expect((await otherGpStaff.get(`/api/nightcare/referrals/${referralId}`)).statusCode).toBe(404);
    expect((await otherGpStaff.post(`/api/nightcare/referrals/${referralId}/answer`, { answer: 'x', outcome: 'advice' })).statusCode).toBe(404);
    const list = (await otherGpStaff.get('/api/nightcare/referrals')).json<{ items: { id: string }[] }>().items;
    expect(list.map((r) => r.id)).not.toContain(referralId);
  });

  it('records the answer in the incident history, once', async () => {
    const answer = { answer: 'GP on call visits within the hour; keep the client lying still.', outcome: 'gp_visit' };
    expect((await gpStaff.post(`/api/nightcare/referrals/${referralId}/answer`, answer)).statusCode).toBe(200);
    expect((await gpStaff.post(`/api/nightcare/referrals/${referralId}/answer`, answer)).statusCode).toBe(409);
    const detail = await events(referredIncident);
    expect(detail.events.at(-1)).toMatchObject({ type: 'gp_referral_answered', details: { referralId, outcome: 'gp_visit' } });
    const answered = (await gpStaff.get('/api/nightcare/referrals?status=answered')).json<{ items: { id: string; outcome: string; answeredByName: string }[] }>().items;
    expect(answered[0]).toMatchObject({ id: referralId, outcome: 'gp_visit' });
  });
});
