import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../alliance/index.js';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { openNightShift } from '../../../../test/support/world.js';
import { createNightWorld, type NightWorld } from '../../../../test/support/night-world.js';

let t: TestApp;
let w: NightWorld;
let secondNurse: { user: { id: string }; session: Session };

interface Roster {
  staffing: { signedUp: number; minimum: number; defaultMinimum: number; short: boolean };
  nurses: { userId: string; name: string; organisationName: string; status: string; nextVisit: { task: string } | null; workload: { incidents: number; openIncidents: number; visits: number; visitsLeft: number } }[];
}
const roster = async () => {
  const response = await w.coordinator.get('/api/nightcare/roster');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Roster>();
};
const nurseIn = (r: Roster, userId: string) => r.nurses.find((n) => n.userId === userId);

beforeAll(async () => {
  t = await startTestApp();
  w = await createNightWorld(t);
  await openNightShift(t.db, w.world.allianceId);
  secondNurse = await w.session(w.world.homeOrg, ['nurse'], 'homenurse');
  await addTeamMember(t.db, { allianceId: w.world.allianceId, teamName: 'Night team', userId: secondNurse.user.id, organisationId: w.world.homeOrg });
});

describe("tonight's roster", () => {
  it('lists who signed up from which organisation, and warns when fewer than the default minimum of 3', async () => {
    expect((await secondNurse.session.post('/api/nightcare/duty', { skills: [] })).statusCode).toBe(200);
    const r = await roster();
    expect(r.staffing).toEqual({ signedUp: 2, minimum: 3, defaultMinimum: 3, short: true });
    expect(r.nurses.map((n) => [n.userId, n.organisationName, n.status])).toEqual(
      expect.arrayContaining([
        [w.nurse.user.id, 'Partner care', 'free'],
        [secondNurse.user.id, 'Home care', 'free'],
      ]),
    );
  });

  it("follows the alliance's own minimum, set by its administrator only", async () => {
    const admin = (await w.session(w.world.homeOrg, ['alliance_admin'], 'alliadmin')).session;
    expect((await w.coordinator.patch('/api/nightcare/roster/settings', { minimumNurses: 2 })).statusCode).toBe(403);
    expect((await admin.patch('/api/nightcare/roster/settings', { minimumNurses: 101 })).statusCode).toBe(400);
    expect((await admin.patch('/api/nightcare/roster/settings', { minimumNurses: 2 })).statusCode).toBe(200);
    expect((await roster()).staffing).toMatchObject({ minimum: 2, short: false });
  });

  it('shows a nurse on the way, on site, on a break, and the workload of the night', async () => {
    const client = await w.addClient(w.world.homeOrg);
    const id = await w.runIncident(client.account, { open: true });
    expect(nurseIn(await roster(), w.nurse.user.id)).toMatchObject({ status: 'on_site', workload: { incidents: 1, openIncidents: 1 } });
    await t.db.updateTable('incident').set({ status: 'en_route' }).where('id', '=', id).execute();
    expect(nurseIn(await roster(), w.nurse.user.id)?.status).toBe('on_the_way');
    expect((await secondNurse.session.post('/api/nightcare/break', { onBreak: true })).statusCode).toBe(200);
    expect(nurseIn(await roster(), secondNurse.user.id)?.status).toBe('on_break');
    expect((await secondNurse.session.post('/api/nightcare/break', { onBreak: false })).statusCode).toBe(200);
    expect(nurseIn(await roster(), secondNurse.user.id)?.status).toBe('free');
  });

  it('shows the next planned visit and counts the round', async () => {
    const client = await w.addClient(w.world.homeOrg);
    const night = (await w.coordinator.get('/api/nightcare/roster')).json<{ night: string }>().night;
    const visit = (minutes: number, task: string) => ({
      alliance_id: w.world.allianceId,
      organisation_id: w.world.homeOrg,
      client_id: client.id,
      night,
      task,
      window_start: new Date(Date.now() + minutes * 60_000),
      window_end: new Date(Date.now() + (minutes + 60) * 60_000),
      duration_minutes: 20,
      latitude: 52.78,
      longitude: 6.9,
      assigned_user_id: secondNurse.user.id,
      sequence: 1,
      planned_start: new Date(Date.now() + minutes * 60_000),
      created_by: secondNurse.user.id,
    });
    await t.db.insertInto('planned_visit').values([visit(-10, 'Wisselligging'), visit(40, 'Medicatie'), visit(-120, 'Toiletgang')]).execute();
    const nurse = nurseIn(await roster(), secondNurse.user.id);
    expect(nurse).toMatchObject({ status: 'planned_visit', nextVisit: { task: 'Medicatie' }, workload: { visits: 3, visitsLeft: 2 } });
  });

  it('is for night coordinators; a nurse off duty cannot take a break', async () => {
    expect((await w.nurse.session.get('/api/nightcare/roster')).statusCode).toBe(403);
    const offDuty = await w.session(w.world.partnerOrg, ['nurse'], 'offduty');
    expect((await offDuty.session.post('/api/nightcare/break', { onBreak: true })).statusCode).toBe(409);
    expect((await w.coordinator.post('/api/nightcare/break', { onBreak: true })).statusCode).toBe(403);
  });
});
