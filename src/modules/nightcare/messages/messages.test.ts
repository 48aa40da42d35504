import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';

let t: TestApp;
let w: NightWorld;
let client: { id: string; account: string };
let incidentId: string;
let otherNurse: Session;

type Messages = { items: { body: string; fromCoordinator: boolean; readAt: string | null; mine: boolean; authorName: string }[] };
const messages = async (s: Session, id = incidentId) => (await s.get(`/api/nightcare/incidents/${id}/messages`)).json<Messages>().items;
const auditOf = (clientId: string, resource: string) =>
  t.db.selectFrom('audit_log').select(['action', 'outcome', 'user_id']).where('client_id', '=', clientId).where('resource', '=', resource).orderBy('id').execute();

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  client = await w.addClient(w.world.homeOrg, { familyName: 'Berichtsma' });
  incidentId = await w.runIncident(client.account, { open: true });
  otherNurse = (await w.session(w.world.partnerOrg, ['nurse'], 'othernurse')).session;
});

describe('messages between coordinator and nurse per incident', () => {
  it('delivers a coordinator message to the assigned nurse and back, each side seeing which are its own', async () => {
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/messages`, { body: 'Dochter komt om 03:00.' })).statusCode).toBe(201);
    expect((await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/messages`, { body: 'Begrepen, ik wacht.' })).statusCode).toBe(201);
    const forNurse = await messages(w.nurse.session);
    expect(forNurse.map((m) => [m.body, m.fromCoordinator, m.mine])).toEqual([
      ['Dochter komt om 03:00.', true, false],
      ['Begrepen, ik wacht.', false, true],
    ]);
    expect((await messages(w.coordinator)).map((m) => m.mine)).toEqual([true, false]);
  });

  it("gives read receipts: the nurse's read marks the coordinator's messages only, and the coordinator's the nurse's", async () => {
    expect((await messages(w.coordinator)).map((m) => m.readAt)).toEqual([null, null]);
    const read = await w.nurse.session.post(`/api/nightcare/incidents/${incidentId}/messages/read`);
    expect(read.json()).toEqual({ marked: 1 });
    const afterNurse = await messages(w.coordinator);
    expect(afterNurse[0]?.readAt).not.toBeNull();
    expect(afterNurse[1]?.readAt).toBeNull();
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/messages/read`)).json()).toEqual({ marked: 1 });
    expect((await messages(w.nurse.session)).every((m) => m.readAt !== null)).toBe(true);
    // Read again: nothing left to mark.
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/messages/read`)).json()).toEqual({ marked: 0 });
  });

  it('audits every read and message as client data of the incident’s client', async () => {
    const entries = await auditOf(client.id, 'incident_message');
    expect(entries.filter((e) => e.action === 'create')).toHaveLength(2);
    expect(entries.some((e) => e.action === 'read' && e.user_id === w.nurse.user.id)).toBe(true);
    expect(entries.every((e) => e.outcome === 'allowed')).toBe(true);
  });

  it('refuses, as not found, a nurse not assigned, a day coordinator outside the night team and an unknown incident', async () => {
    const dayCoordinator = (await w.session(w.world.homeOrg, ['coordinator'], 'daycoord')).session;
    for (const s of [otherNurse, dayCoordinator]) {
      expect((await s.get(`/api/nightcare/incidents/${incidentId}/messages`)).statusCode).toBe(404);
      expect((await s.post(`/api/nightcare/incidents/${incidentId}/messages`, { body: 'Hallo' })).statusCode).toBe(404);
      expect((await s.post(`/api/nightcare/incidents/${incidentId}/messages/read`)).statusCode).toBe(404);
    }
    expect((await w.coordinator.get(`/api/nightcare/incidents/${crypto.randomUUID()}/messages`)).statusCode).toBe(404);
    expect((await messages(w.nurse.session)).map((m) => m.body)).not.toContain('Hallo');
  });

  it('refuses a client who objected to sharing, and keeps the refusal in the audit log', async () => {
    const objected = await w.addClient(w.world.homeOrg, { familyName: 'Bezwaar' });
    const id = await w.runIncident(objected.account, { open: true });
    await t.db.updateTable('client').set({ objected_at: new Date() }).where('id', '=', objected.id).execute();
    expect((await w.coordinator.post(`/api/nightcare/incidents/${id}/messages`, { body: 'Test' })).statusCode).toBe(404);
    expect(await auditOf(objected.id, 'incident_message')).toEqual([{ action: 'create', outcome: 'refused', user_id: expect.any(String) as string }]);
    expect(await t.db.selectFrom('incident_message').select('id').where('incident_id', '=', id).execute()).toEqual([]);
  });

  it('refuses empty or over-long texts and messages on a closed incident', async () => {
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/messages`, { body: '  ' })).statusCode).toBe(400);
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/messages`, { body: 'x'.repeat(501) })).statusCode).toBe(400);
    const closed = await w.runIncident(client.account, { cancel: 'false_alarm' });
    expect((await w.coordinator.post(`/api/nightcare/incidents/${closed}/messages`, { body: 'Te laat' })).statusCode).toBe(409);
  });
});
