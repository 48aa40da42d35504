import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';
import { startPushService, type TestPushService, type TestSubscription } from '../../../../test/support/push-service.js';

let t: TestApp;
let w: NightWorld;
let push: TestPushService;
let gpStaff: Session;
let nursePhone: TestSubscription;
let coordinatorPhone: TestSubscription;
let client: { id: string; account: string };

const referral = { reason: 'Suspected hip fracture', urgency: 'U2', summary: 'Pain in the right hip, leg shortened.' };
const answer = { answer: 'GP visits within the hour; keep her lying down.', outcome: 'gp_visit' };

const subscribe = (s: Session, deviceId: string, sub: TestSubscription) =>
  t.app.inject({ method: 'PUT', url: `/api/push/subscriptions/${deviceId}`, headers: { cookie: s.cookie }, payload: { endpoint: sub.endpoint, keys: sub.keys } });

/** The decrypted pushes one device got since `from`, waiting briefly for them to arrive. */
async function pushesTo(sub: TestSubscription, path: string, from: number, count = 1): Promise<unknown[]> {
  const deadline = Date.now() + 5_000;
  const read = () => push.received.slice(from).filter((r) => r.path === path);
  while (read().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return read().map((r) => JSON.parse(sub.decrypt(r.body)) as unknown);
}

const history = async (incidentId: string) => (await w.nurse.session.get(`/api/nightcare/incidents/${incidentId}`)).json<{ events: { type: string; details: Record<string, unknown> }[] }>().events;

beforeAll(async () => {
  push = await startPushService();
  t = await startTestApp({ allowHttpPushEndpoints: true });
  w = await createNightWorld(t);
  gpStaff = (await w.session(w.world.gpPost, ['nurse'], 'triagist')).session;
  client = await w.addClient(w.world.homeOrg, { familyName: 'Antwoord', postcode: '7811 AB', gpPostId: w.world.gpPost });
  nursePhone = push.subscription('/nurse');
  coordinatorPhone = push.subscription('/coordinator');
  expect((await subscribe(w.nurse.session, 'nurse-phone', nursePhone)).statusCode).toBe(204);
  expect((await subscribe(w.coordinator, 'coord-phone', coordinatorPhone)).statusCode).toBe(204);
});
afterAll(() => push.close());

describe('the GP post’s answer reaches the night team', () => {
  it('pushes the post’s answer to the nurse and the coordinator and writes it in the history', async () => {
    const incidentId = await w.runIncident(client.account, { open: true });
    const sent = await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/refer-gp`, referral);
    expect(sent.statusCode, sent.body).toBe(201);
    const from = push.received.length;
    const answered = await gpStaff.post(`/api/nightcare/referrals/${sent.json<{ referralId: string }>().referralId}/answer`, answer);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(await pushesTo(nursePhone, '/nurse', from)).toEqual([{ type: 'referral_answered', incidentId }]);
    expect(await pushesTo(coordinatorPhone, '/coordinator', from)).toEqual([{ type: 'referral_answered', incidentId }]);
    expect((await history(incidentId)).find((e) => e.type === 'gp_referral_answered')?.details).toMatchObject({ outcome: 'gp_visit', answer: answer.answer });
  });

  it('lets the nurse record a referral made by phone and the post’s answer in the same form; the coordinator gets the answer pushed', async () => {
    const incidentId = await w.runIncident(client.account, { open: true });
    const sent = await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/refer-gp`, { ...referral, byPhone: true });
    expect(sent.statusCode, sent.body).toBe(201);
    const referralId = sent.json<{ referralId: string }>().referralId;
    expect((await history(incidentId)).find((e) => e.type === 'gp_referral')?.details).toMatchObject({ byPhone: true });
    // Until the answer is recorded the referral is open: completing asks for confirmation.
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/complete`, { actions: ['Helped up'], followUpNeeded: false })).statusCode).toBe(409);
    const from = push.received.length;
    const recorded = await w.nurse.session.post(`/api/nightcare/referrals/${referralId}/phone-answer`, answer);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(await pushesTo(coordinatorPhone, '/coordinator', from)).toEqual([{ type: 'referral_answered', incidentId }]);
    // The nurse recorded it herself: no push to her own phone.
    await new Promise((r) => setTimeout(r, 200));
    expect(push.received.slice(from).filter((r) => r.path === '/nurse')).toHaveLength(0);
    expect((await history(incidentId)).find((e) => e.type === 'gp_referral_answered')?.details).toMatchObject({ outcome: 'gp_visit', byPhone: true });
    expect((await w.nurse.session.post(`/api/nightcare/referrals/${referralId}/phone-answer`, answer)).statusCode).toBe(409);
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/complete`, { actions: ['Helped up'], followUpNeeded: false })).statusCode).toBe(200);
  });

  it('refuses a phone answer for a referral sent through the platform, and to anyone outside the incident', async () => {
    const incidentId = await w.runIncident(client.account, { open: true });
    const platform = await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/refer-gp`, referral);
    const platformId = platform.json<{ referralId: string }>().referralId;
    expect((await w.nurse.session.post(`/api/nightcare/referrals/${platformId}/phone-answer`, answer)).statusCode).toBe(409);
    const byPhone = await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/refer-gp`, { ...referral, byPhone: true });
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    const phoneId = byPhone.json<{ referralId: string }>().referralId;
    expect((await gpStaff.post(`/api/nightcare/referrals/${phoneId}/phone-answer`, answer)).statusCode).toBe(404);
    const otherNurse = (await w.session(w.world.partnerOrg, ['nurse'], 'othernurse')).session;
    expect((await otherNurse.post(`/api/nightcare/referrals/${phoneId}/phone-answer`, answer)).statusCode).toBe(404);
    expect((await w.coordinator.post(`/api/nightcare/referrals/${phoneId}/phone-answer`, answer)).statusCode).toBe(200);
  });
});
