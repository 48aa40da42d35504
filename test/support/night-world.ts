/**
 * Test fixtures shared by the handover, GP-referral and KPI route tests: a night team (one coordinator,
 * one nurse of the partner organisation, on duty now), an alarm-centre key, and a helper that runs an
 * incident through the real lifecycle and then moves its times into the night under test.
 */
import { expect } from 'vitest';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session, type TestApp } from './app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from './world.js';

export interface NightWorld {
  world: World;
  alarmKey: string;
  coordinator: Session;
  nurse: { user: TestUser; session: Session };
  /** Registers a client with the given organisation (by one of its coordinators, not in the night team). */
  addClient(organisationId: string, overrides?: Record<string, unknown>): Promise<{ id: string; account: string }>;
  /** Alarm → triage → assign → accept → on site, then either a visit report or a cancellation. */
  runIncident(account: string, end: { report: Record<string, unknown> } | { cancel: string } | { open: true }): Promise<string>;
  setTimes(incidentId: string, times: { received: string; onSite?: string | null; closed?: string | null }): Promise<void>;
  session(organisationId: string, roles: Parameters<typeof addUser>[3], label: string): Promise<{ user: TestUser; session: Session }>;
}

export async function createNightWorld(t: TestApp): Promise<NightWorld> {
  const world = await createWorld(t.db);
  const alarmCentre = await createOrganisation(t.db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  const alarmKey = (await createApiKey(t.db, alarmCentre, 'receiver')).key;
  const session = async (organisationId: string, roles: Parameters<typeof addUser>[3], label: string) => {
    const user = await addUser(t.db, t.deps.secretBox, organisationId, roles, label);
    return { user, session: await login(t.app, user) };
  };
  const coordinator = await session(world.partnerOrg, ['coordinator'], 'nightcoord');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinator.user.id, organisationId: world.partnerOrg });
  const nurse = await session(world.partnerOrg, ['nurse'], 'nightnurse');
  await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.user.id, organisationId: world.partnerOrg });
  expect((await nurse.session.post('/api/nightcare/duty', { skills: ['lifting', 'catheter_care'] })).statusCode).toBe(200);
  await t.db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurse.user.id).execute();
  expect((await nurse.session.post('/api/nightcare/position', { latitude: 52.78, longitude: 6.9 })).statusCode).toBe(200);

  const registrars = new Map<string, Session>();
  const addClient = async (organisationId: string, overrides: Record<string, unknown> = {}) => {
    let registrar = registrars.get(organisationId);
    if (!registrar) {
      registrar = (await session(organisationId, ['coordinator'], 'registrar')).session;
      registrars.set(organisationId, registrar);
    }
    const body = validClient(overrides);
    const response = await registrar.post('/api/clients', body);
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json<{ id: string }>().id, account: body.alarmAccount };
  };

  const step = async (s: Session, url: string, body?: unknown) => {
    const response = await s.post(url, body);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  };
  const runIncident: NightWorld['runIncident'] = async (account, end) => {
    const alarm = await t.app.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account, reason: 'fall' } });
    expect(alarm.statusCode).toBe(202);
    const id = alarm.json<{ incidentId: string }>().incidentId;
    const base = `/api/nightcare/incidents/${id}`;
    if ('cancel' in end) {
      await step(coordinator.session, `${base}/cancel`, { reason: end.cancel });
      return id;
    }
    await step(coordinator.session, `${base}/triage`, { urgency: 'U2' });
    await step(coordinator.session, `${base}/assign`, { userId: nurse.user.id });
    await step(nurse.session, `${base}/accept`);
    await step(nurse.session, `${base}/status`, { status: 'on_site' });
    // The report follows "on site" at once, so the computed minutes are 0: a fixture's figure is a correction.
    if ('report' in end) await step(nurse.session, `${base}/complete`, 'minutesOnSite' in end.report ? { minutesCorrectionReason: 'Test fixture: minutes as given', ...end.report } : end.report);
    return id;
  };
  const setTimes: NightWorld['setTimes'] = async (incidentId, times) => {
    await t.db
      .updateTable('incident')
      .set({ received_at: times.received, ...(times.onSite !== undefined ? { on_site_at: times.onSite } : {}), ...(times.closed !== undefined ? { closed_at: times.closed } : {}) })
      .where('id', '=', incidentId)
      .execute();
  };
  return { world, alarmKey, coordinator: coordinator.session, nurse, addClient, runIncident, setTimes, session };
}
