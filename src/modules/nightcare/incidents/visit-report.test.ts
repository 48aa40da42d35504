import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';

let t: TestApp;
let w: NightWorld;
let client: { id: string; account: string };

const report = { actions: ['Helped up'], followUpNeeded: false };
const complete = (id: string, body: Record<string, unknown>) => w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, body);
const detailOf = async (id: string) =>
  (await w.coordinator.get(`/api/nightcare/incidents/${id}`)).json<{ incident: { status: string }; report: { minutesOnSite: number; minutesComputed: number | null; minutesCorrectionReason: string | null } | null; events: { type: string; details: Record<string, unknown> }[] }>();

/** An incident on site since `minutesAgo`. */
async function onSiteSince(minutesAgo: number): Promise<string> {
  const id = await w.runIncident(client.account, { open: true });
  await t.db.updateTable('incident').set({ on_site_at: new Date(Date.now() - minutesAgo * 60_000) }).where('id', '=', id).execute();
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  client = await w.addClient(w.world.homeOrg, { familyName: 'Verslag', postcode: '7811 AB', gpPostId: w.world.gpPost });
});

describe('a visit report that cannot lie', () => {
  it('computes the minutes on site from the on-site time when the nurse gives none', async () => {
    const id = await onSiteSince(37);
    const response = await complete(id, report);
    expect(response.statusCode, response.body).toBe(200);
    expect((await detailOf(id)).report).toMatchObject({ minutesOnSite: 37, minutesComputed: 37, minutesCorrectionReason: null });
  });

  it('accepts the computed figure sent back unchanged without a reason', async () => {
    const id = await onSiteSince(12);
    expect((await complete(id, { ...report, minutesOnSite: 12 })).statusCode).toBe(200);
    expect((await detailOf(id)).report).toMatchObject({ minutesOnSite: 12, minutesCorrectionReason: null });
  });

  it('refuses a different figure without a reason and leaves the incident open', async () => {
    const id = await onSiteSince(10);
    const response = await complete(id, { ...report, minutesOnSite: 45 });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: { path: string; code: string }[] } }>().error.fields).toContainEqual(expect.objectContaining({ path: 'minutesCorrectionReason', code: 'correction_needs_reason' }));
    expect((await detailOf(id)).incident.status).toBe('on_site');
  });

  it('stores a corrected figure with its reason, in the history and in the audit log', async () => {
    const id = await onSiteSince(10);
    const reason = 'Tapped on site only when leaving';
    expect((await complete(id, { ...report, minutesOnSite: 45, minutesCorrectionReason: reason })).statusCode).toBe(200);
    const detail = await detailOf(id);
    expect(detail.report).toEqual(expect.objectContaining({ minutesOnSite: 45, minutesComputed: 10, minutesCorrectionReason: reason }));
    expect(detail.events.find((e) => e.type === 'completed')?.details).toMatchObject({ minutesOnSite: 45, minutesComputed: 10, minutesCorrectionReason: reason });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'resource', 'reason', 'user_id']).where('client_id', '=', client.id).where('action', '=', 'correct_minutes').execute();
    expect(audit).toEqual([{ action: 'correct_minutes', resource: 'visit_report', reason: `10 → 45: ${reason}`, user_id: w.nurse.user.id }]);
  });
});

describe('completing with an unanswered GP referral', () => {
  const referral = { reason: 'Suspected hip fracture', urgency: 'U2', summary: 'Pain in the right hip.' };

  it('asks for confirmation while the GP post has not answered, and completes once confirmed', async () => {
    const id = await onSiteSince(5);
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${id}/refer-gp`, referral)).statusCode).toBe(201);
    const refused = await complete(id, report);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('REFERRAL_UNANSWERED');
    expect((await detailOf(id)).incident.status).toBe('on_site');
    expect((await complete(id, { ...report, confirmUnansweredReferral: true })).statusCode).toBe(200);
    expect((await detailOf(id)).events.find((e) => e.type === 'completed')?.details).toMatchObject({ confirmedUnansweredReferral: true });
  });
});

describe('a report sent again from an offline queue', () => {
  it('applies a resent completion with the same Idempotency-Key once and repeats its answer', async () => {
    const id = await onSiteSince(8);
    const key = { 'idempotency-key': `queued-${crypto.randomUUID()}` };
    const first = await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, report, key);
    expect(first.statusCode, first.body).toBe(200);
    const again = await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, report, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await detailOf(id)).events.filter((e) => e.type === 'completed')).toHaveLength(1);
    // The same key with another report is a different request: refused, not silently replayed.
    const other = await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, { ...report, notes: 'changed' }, key);
    expect(other.statusCode).toBe(422);
    // Without a key, a second completion is refused as the lifecycle says.
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, report)).statusCode).toBe(409);
  });

  it('gives the key back when the step fails, so a corrected resend goes through', async () => {
    const id = await onSiteSince(8);
    const key = { 'idempotency-key': `queued-${crypto.randomUUID()}` };
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, { ...report, minutesOnSite: 99 }, key)).statusCode).toBe(400);
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${id}/complete`, report, key)).statusCode).toBe(200);
  });
});
