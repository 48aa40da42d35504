import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';

let t: TestApp;
let w: NightWorld;
let client: { id: string; account: string };
let incidentId: string;

type CallBack = { id: string; incidentId: string; name: string; phone: string; party: string; overdue: boolean; dueAt: string };
type Calls = { callBacks: (CallBack & { doneAt: string | null })[]; log: { direction: string; party: string; name: string; note: string | null; callBackId: string | null; loggedByName: string }[] };
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const openList = async () => (await w.coordinator.get('/api/nightcare/call-backs')).json<{ items: CallBack[] }>().items;
const calls = async (id = incidentId) => (await w.coordinator.get(`/api/nightcare/incidents/${id}/calls`)).json<Calls>();

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  client = await w.addClient(w.world.homeOrg, { familyName: 'Terugbel' });
  incidentId = await w.runIncident(client.account, { open: true });
});

describe('call-backs and the call log', () => {
  it('lists open call-backs soonest first, the overdue ones marked', async () => {
    const later = await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/call-backs`, { party: 'family', name: 'Marieke (dochter)', phone: '+31612345678', dueAt: minutesFromNow(30) });
    expect(later.statusCode, later.body).toBe(201);
    const overdue = await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/call-backs`, { party: 'gp_post', name: 'Huisartsenpost Emmen', phone: '0591 123 456', note: 'Terugbellen over medicatie', dueAt: minutesFromNow(-5) });
    expect(overdue.statusCode, overdue.body).toBe(201);
    const list = await openList();
    expect(list.map((c) => [c.name, c.party, c.overdue, c.incidentId])).toEqual([
      ['Huisartsenpost Emmen', 'gp_post', true, incidentId],
      ['Marieke (dochter)', 'family', false, incidentId],
    ]);
  });

  it('logs calls in and out, and a done call-back as an outgoing call that settles it', async () => {
    expect((await w.coordinator.post(`/api/nightcare/incidents/${incidentId}/calls`, { direction: 'in', party: 'alarm_centre', name: 'Meldkamer Zorgalarm', note: 'Cliënt reageert niet op spreek-luister' })).statusCode).toBe(201);
    const [first] = await openList();
    const done = await w.coordinator.post(`/api/nightcare/call-backs/${first!.id}/done`, { note: 'Huisarts komt langs' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await w.coordinator.post(`/api/nightcare/call-backs/${first!.id}/done`, {})).statusCode).toBe(409);
    expect((await openList()).map((c) => c.name)).toEqual(['Marieke (dochter)']);
    const { callBacks, log } = await calls();
    expect(callBacks.find((c) => c.id === first!.id)).toMatchObject({ overdue: false, doneAt: expect.any(String) as string });
    expect(log.map((l) => [l.direction, l.party, l.name, l.note, l.callBackId])).toEqual([
      ['in', 'alarm_centre', 'Meldkamer Zorgalarm', 'Cliënt reageert niet op spreek-luister', null],
      ['out', 'gp_post', 'Huisartsenpost Emmen', 'Huisarts komt langs', first!.id],
    ]);
  });

  it("audits reads and changes as the incident's client's data", async () => {
    const entries = await t.db.selectFrom('audit_log').select(['action', 'resource', 'outcome']).where('client_id', '=', client.id).where('resource', 'in', ['call_back', 'call_log']).execute();
    expect(entries.filter((e) => e.resource === 'call_back' && e.action === 'create')).toHaveLength(2);
    expect(entries.some((e) => e.resource === 'call_log' && e.action === 'create')).toBe(true);
    expect(entries.some((e) => e.resource === 'call_back' && e.action === 'update')).toBe(true);
    expect(entries.some((e) => e.resource === 'call_back' && e.action === 'read')).toBe(true);
  });

  it('is the night coordinators’ alone: the assigned nurse and outsiders get not found', async () => {
    const dayCoordinator = (await w.session(w.world.homeOrg, ['coordinator'], 'daycoord')).session;
    for (const s of [w.nurse.session, dayCoordinator]) {
      expect((await s.get(`/api/nightcare/incidents/${incidentId}/calls`)).statusCode).toBe(404);
      expect((await s.post(`/api/nightcare/incidents/${incidentId}/call-backs`, { party: 'family', name: 'X', phone: '1', dueAt: minutesFromNow(5) })).statusCode).toBe(404);
      expect((await s.post(`/api/nightcare/incidents/${incidentId}/calls`, { direction: 'in', party: 'family', name: 'X' })).statusCode).toBe(404);
      expect((await s.get('/api/nightcare/call-backs')).statusCode).toBe(403);
    }
    const [open] = await openList();
    expect((await w.nurse.session.post(`/api/nightcare/call-backs/${open!.id}/done`, {})).statusCode).toBe(404);
    expect((await w.coordinator.post(`/api/nightcare/call-backs/${crypto.randomUUID()}/done`, {})).statusCode).toBe(404);
    expect((await openList()).map((c) => c.name)).toEqual(['Marieke (dochter)']);
  });

  it('leaves out of the list a call-back whose client the coordinator may no longer identify', async () => {
    const objected = await w.addClient(w.world.homeOrg, { familyName: 'Bezwaar' });
    const id = await w.runIncident(objected.account, { open: true });
    expect((await w.coordinator.post(`/api/nightcare/incidents/${id}/call-backs`, { party: 'family', name: 'Zoon', phone: '0600000000', dueAt: minutesFromNow(10) })).statusCode).toBe(201);
    expect((await openList()).map((c) => c.name)).toContain('Zoon');
    await t.db.updateTable('client').set({ objected_at: new Date() }).where('id', '=', objected.id).execute();
    expect((await openList()).map((c) => c.name)).not.toContain('Zoon');
    expect((await w.coordinator.get(`/api/nightcare/incidents/${id}/calls`)).statusCode).toBe(404);
  });

  it('refuses an unknown party, a missing phone number and a due time without a zone', async () => {
    const url = `/api/nightcare/incidents/${incidentId}/call-backs`;
    expect((await w.coordinator.post(url, { party: 'neighbour', name: 'Buurman', phone: '1', dueAt: minutesFromNow(5) })).statusCode).toBe(400);
    expect((await w.coordinator.post(url, { party: 'family', name: 'Buurman', phone: '', dueAt: minutesFromNow(5) })).statusCode).toBe(400);
    expect((await w.coordinator.post(url, { party: 'family', name: 'Buurman', phone: '1', dueAt: '2026-12-04T23:00' })).statusCode).toBe(400);
  });
});
