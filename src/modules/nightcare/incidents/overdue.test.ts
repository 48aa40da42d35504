import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, type World } from '../../../../test/support/world.js';
import { LiveHub, type LiveEvent } from '../live.js';
import { sweepOverdue } from './overdue.js';

let t: TestApp;
let world: World;
let coordinator: Session;
let admin: Session;

type Board = { items: { id: string; deadlineAt: string | null; overdueAlerts: number; overdueAlertAt: string | null }[] };
type Detail = { events: { type: string; details: Record<string, unknown> }[] };

beforeAll(async () => {
  t = await startTestApp({ nightcareSweeps: false }); // the test drives the sweeps itself
  world = await createWorld(t.db);
  const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'overduecoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, user);
  admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'overdueadmin'));
});

/** A phone call triaged at entry, received `minutesAgo` before `now`. */
async function incidentReceived(urgency: string, minutesAgo: number, now: Date): Promise<string> {
  const id = (await coordinator.post('/api/nightcare/incidents', { reason: 'fall', urgency })).json<{ incidentId: string }>().incidentId;
  await t.db.updateTable('incident').set({ received_at: new Date(now.getTime() - minutesAgo * 60_000) }).where('id', '=', id).execute();
  return id;
}

const alerts = async (id: string) => (await coordinator.get(`/api/nightcare/incidents/${id}`)).json<Detail>().events.filter((e) => e.type === 'overdue_alert');
const boardRow = async (id: string) => (await coordinator.get('/api/nightcare/incidents')).json<Board>().items.find((i) => i.id === id)!;

describe('the closed-loop alert for an incident with nobody on site by its deadline', () => {
  it("follows the alliance's own norm (the setting the KPIs read) for the deadline on the board and for the alert", async () => {
    const now = new Date(Date.now() + 2 * 3600_000);
    const before = await t.db.selectFrom('alliance').select('response_norms').where('id', '=', world.allianceId).executeTakeFirstOrThrow();
    await t.db.updateTable('alliance').set({ response_norms: JSON.stringify({ ...before.response_norms, U2: { minutes: 10, source: 'alliance_agreement' } }) }).where('id', '=', world.allianceId).execute();
    try {
      const id = await incidentReceived('U2', 11, now);
      const received = new Date(now.getTime() - 11 * 60_000);
      expect(new Date((await boardRow(id)).deadlineAt!).getTime() - received.getTime()).toBe(10 * 60_000);
      // With the default U2 norm of 30 minutes, 11 minutes would not be late yet.
      await sweepOverdue(t.deps, now);
      expect((await alerts(id)).map((e) => e.details.round)).toEqual(['1']);
    } finally {
      await t.db.updateTable('alliance').set({ response_norms: JSON.stringify(before.response_norms) }).where('id', '=', world.allianceId).execute();
    }
  });

  it('shows the deadline on the board: receipt plus the urgency response time, none for U5', async () => {
    const now = new Date();
    const u1 = await incidentReceived('U1', 0, now);
    const u5 = await incidentReceived('U5', 0, now);
    const row = await boardRow(u1);
    expect(new Date(row.deadlineAt!).getTime() - now.getTime()).toBe(15 * 60_000);
    expect((await boardRow(u5)).deadlineAt).toBeNull();
  });

  it('alerts once at the deadline and once more after the repeat delay, pushed live, never a third time', async () => {
    const now = new Date(Date.now() + 3600_000);
    const id = await incidentReceived('U2', 29, now);
    const hub = new LiveHub(t.deps.databaseUrl);
    await hub.start();
    const live: LiveEvent[] = [];
    const unsubscribe = hub.subscribe(world.allianceId, (e) => live.push(e));
    try {
      await sweepOverdue(t.deps, now);
      expect(await alerts(id)).toEqual([]);
      const atDeadline = new Date(now.getTime() + 60_000);
      await sweepOverdue(t.deps, atDeadline);
      await sweepOverdue(t.deps, atDeadline);
      expect((await alerts(id)).map((e) => e.details.round)).toEqual(['1']);
      expect(await boardRow(id)).toMatchObject({ overdueAlerts: 1, overdueAlertAt: atDeadline.toISOString() });
      await sweepOverdue(t.deps, new Date(atDeadline.getTime() + 9 * 60_000));
      expect(await alerts(id)).toHaveLength(1);
      await sweepOverdue(t.deps, new Date(atDeadline.getTime() + 10 * 60_000));
      await sweepOverdue(t.deps, new Date(atDeadline.getTime() + 60 * 60_000));
      expect((await alerts(id)).map((e) => e.details.round)).toEqual(['1', '2']);
      await expect.poll(() => live.filter((e) => e.incidentId === id && e.type === 'overdue_alert').length).toBe(2);
    } finally {
      unsubscribe();
      await hub.close();
    }
  });

  it('does not alert for an incident with a nurse on site, a closed one, or one not yet triaged', async () => {
    const now = new Date(Date.now() + 2 * 3600_000);
    const onSite = await incidentReceived('U1', 60, now);
    await t.db.updateTable('incident').set({ on_site_at: new Date(now.getTime() - 50 * 60_000), status: 'on_site' }).where('id', '=', onSite).execute();
    const cancelled = await incidentReceived('U1', 60, now);
    expect((await coordinator.post(`/api/nightcare/incidents/${cancelled}/cancel`, { reason: 'false_alarm' })).statusCode).toBe(200);
    const untriaged = (await coordinator.post('/api/nightcare/incidents', { reason: 'fall' })).json<{ incidentId: string }>().incidentId;
    await t.db.updateTable('incident').set({ received_at: new Date(now.getTime() - 600 * 60_000) }).where('id', '=', untriaged).execute();
    await sweepOverdue(t.deps, now);
    for (const id of [onSite, cancelled, untriaged]) expect(await alerts(id), id).toEqual([]);
  });

  it('lets an alliance administrator set the repeat delay, and nobody else', async () => {
    expect((await admin.patch('/api/nightcare/overdue-alert/settings', { repeatMinutes: 3 })).statusCode).toBe(204);
    expect((await coordinator.patch('/api/nightcare/overdue-alert/settings', { repeatMinutes: 30 })).statusCode).toBe(403);
    expect((await admin.patch('/api/nightcare/overdue-alert/settings', { repeatMinutes: 0 })).statusCode).toBe(400);
    const now = new Date(Date.now() + 4 * 3600_000);
    const id = await incidentReceived('U1', 16, now);
    await sweepOverdue(t.deps, now);
    await sweepOverdue(t.deps, new Date(now.getTime() + 3 * 60_000));
    expect(await alerts(id)).toHaveLength(2);
  });
});
