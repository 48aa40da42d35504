import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createApiKey, createOrganisation } from '../../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, SETUP, validClient, type World } from '../../../../test/support/world.js';
import { isRepeated } from './alarm-history.js';

let t: TestApp;
let world: World;
let coordinator: Session;
let alarmKey = '';

type History = { alarmHistory: { items: { id: string; tonight: boolean; reason: string }[]; repeated: boolean } | null };

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'historycoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
  coordinator = await login(t.app, user);
  const centre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(t.db, centre, 'history')).key;
  const home = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'historyhome'));
  for (const account of ['A11', 'B22']) expect((await home.post('/api/clients', validClient({ alarmAccount: account, familyName: `Klant${account}` }))).statusCode).toBe(201);
});

/** An alarm over the webhook for `account`, received at `at`. */
async function alarmAt(account: string, at: Date, reason = 'fall'): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account, reason } });
  const id = response.json<{ incidentId: string }>().incidentId;
  await t.db.updateTable('incident').set({ received_at: at }).where('id', '=', id).execute();
  return id;
}

describe("the client's alarm history on the incident", () => {
  it('lists the same client’s alarms of tonight and this week, newest first, and flags a repeat', async () => {
    // 02:00 local in winter (Europe/Amsterdam, UTC+1): inside the 23:00–07:00 night shift.
    const now = new Date('2027-01-20T01:00:00Z');
    const lastWeek = await alarmAt('A11', new Date('2027-01-15T01:00:00Z'), 'inactivity');
    await alarmAt('A11', new Date('2027-01-10T01:00:00Z'));
    const tonight = await alarmAt('A11', new Date('2027-01-19T23:30:00Z'), 'personal_emergency');
    await alarmAt('B22', new Date('2027-01-19T23:45:00Z'));
    const current = await alarmAt('A11', now);
    const { alarmHistory } = (await coordinator.get(`/api/nightcare/incidents/${current}`)).json<History>();
    expect(alarmHistory!.items.map((i) => [i.id, i.tonight])).toEqual([
      [tonight, true],
      [lastWeek, false],
    ]);
    expect(alarmHistory!.repeated).toBe(true);
    const first = (await coordinator.get(`/api/nightcare/incidents/${lastWeek}`)).json<History>();
    expect(first.alarmHistory).toEqual({ items: [expect.objectContaining({ tonight: false })], repeated: false });
  });

  it('has no history for an unidentified alarm', async () => {
    const id = await alarmAt('FFF999', new Date());
    expect((await coordinator.get(`/api/nightcare/incidents/${id}`)).json<History>().alarmHistory).toBeNull();
  });

  it('calls an alarm repeated after one earlier tonight or three earlier this week', () => {
    expect([isRepeated(0, 0), isRepeated(0, 2), isRepeated(1, 1), isRepeated(0, 3)]).toEqual([false, false, true, true]);
  });
});
