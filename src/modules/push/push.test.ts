import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../test/support/night-world.js';
import { startPushService, type TestPushService, type TestSubscription } from '../../../test/support/push-service.js';

let t: TestApp;
let w: NightWorld;
let push: TestPushService;
let client: { id: string; account: string };

const put = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: { cookie: s.cookie }, payload: payload as object });
const subscribe = (s: Session, deviceId: string, sub: TestSubscription) => put(s, `/api/push/subscriptions/${deviceId}`, { endpoint: sub.endpoint, keys: sub.keys });

async function waitFor<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An alarm from the client's device, triaged, not yet offered. */
async function triagedIncident(): Promise<string> {
  const alarm = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': w.alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account: client.account, reason: 'fall' } });
  const id = alarm.json<{ incidentId: string }>().incidentId;
  expect((await w.coordinator.post(`/api/nightcare/incidents/${id}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  push = await startPushService();
  t = await startTestApp({ allowHttpPushEndpoints: true });
  w = await createNightWorld(t);
  client = await w.addClient(w.world.homeOrg, { familyName: 'Push', postcode: '7811 AB', gpPostId: w.world.gpPost });
});
afterAll(() => push.close());

describe('web push', () => {
  it('hands out one VAPID public key, made once and kept', async () => {
    const first = await w.nurse.session.get('/api/push/vapid-key');
    expect(first.statusCode).toBe(200);
    const key = first.json<{ publicKey: string }>().publicKey;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    expect((await w.coordinator.get('/api/push/vapid-key')).json()).toEqual({ publicKey: key });
    const stored = await t.db.selectFrom('push_vapid_key').selectAll().execute();
    expect(stored).toHaveLength(1);
    // The private key is sealed at rest, never stored as it is.
    expect(stored[0]!.private_key_sealed.startsWith('v1.')).toBe(true);
  });

  it('pushes an offer, encrypted for the device, to a nurse whose page is closed', async () => {
    const phone = push.subscription('/nurse-phone');
    expect((await subscribe(w.nurse.session, 'phone-0001', phone)).statusCode).toBe(204);
    const incidentId = await triagedIncident();
    const before = push.received.length;
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/assign`, { userId: w.nurse.user.id })).statusCode).toBe(200);
    const received = await waitFor(() => push.received.slice(before).filter((r) => r.path === '/nurse-phone'), (r) => r.length > 0);
    expect(received).toHaveLength(1);
    const request = received[0]!;
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    // The body is ciphertext: the incident id is not readable on the wire.
    expect(request.body.includes(Buffer.from(incidentId))).toBe(false);
    expect(JSON.parse(phone.decrypt(request.body))).toEqual({ type: 'offer', incidentId });
    // Signed with the server's VAPID key (RFC 8292).
    const { publicKey } = (await w.nurse.session.get('/api/push/vapid-key')).json<{ publicKey: string }>();
    expect(request.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`));
  });

  it('removes a subscription the push service reports gone (410), and keeps the others', async () => {
    const gone = push.subscription('/gone-phone');
    const kept = push.subscription('/kept-tablet');
    push.answer('/gone-phone', 410);
    expect((await subscribe(w.nurse.session, 'phone-gone', gone)).statusCode).toBe(204);
    expect((await subscribe(w.nurse.session, 'tablet-kept', kept)).statusCode).toBe(204);
    const incidentId = await triagedIncident();
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/assign`, { userId: w.nurse.user.id })).statusCode).toBe(200);
    await waitFor(() => push.received.filter((r) => r.path === '/gone-phone' || r.path === '/kept-tablet').length, (n) => n >= 2);
    const devices = async () => (await t.db.selectFrom('push_subscription').select('device_id').where('user_id', '=', w.nurse.user.id).execute()).map((r) => r.device_id).sort();
    const deadline = Date.now() + 5_000;
    while ((await devices()).includes('phone-gone') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const left = await devices();
    expect(left).toEqual(['phone-0001', 'tablet-kept']);
  });

  it('refuses a plain-HTTP endpoint on a server that takes https only, and lets a device unsubscribe', async () => {
    const strict = await startTestApp();
    const strictWorld = await createNightWorld(strict);
    const response = await strict.app.inject({ method: 'PUT', url: '/api/push/subscriptions/phone-strict', headers: { cookie: strictWorld.nurse.session.cookie }, payload: { endpoint: 'http://127.0.0.1:9/x', keys: push.subscription('/x').keys } });
    expect(response.statusCode).toBe(400);
    // https alone is not enough: the endpoint must be a browser's push service, or anyone logged in could make the server post anywhere.
    const put = (endpoint: string) => strict.app.inject({ method: 'PUT', url: '/api/push/subscriptions/phone-strict', headers: { cookie: strictWorld.nurse.session.cookie }, payload: { endpoint, keys: push.subscription('/x').keys } });
    expect((await put('https://intranet.example/admin')).statusCode).toBe(400);
    expect((await put('https://fcm.googleapis.com.evil.example/fcm/send/x')).statusCode).toBe(400);
    expect((await put('https://fcm.googleapis.com/fcm/send/abc123')).statusCode).toBe(204);
    expect((await put('https://updates.push.services.mozilla.com/wpush/v2/abc')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/push/subscriptions/tablet-kept', headers: { cookie: w.nurse.session.cookie } })).statusCode).toBe(204);
    expect((await t.db.selectFrom('push_subscription').select('device_id').where('user_id', '=', w.nurse.user.id).execute()).map((r) => r.device_id)).toEqual(['phone-0001']);
  });
});
