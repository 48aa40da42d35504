import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, loginThroughApi, startE2eServer, type E2eServer } from './support.js';

/**
 * The night a nurse's phone is tested in: a night-team coordinator and nurse (on duty now), an alarm
 * centre with its key, and a client of the home organisation with an alarm account. A second app on the
 * same database plays the alarm centre and the coordinator; live events reach the browser's server
 * through PostgreSQL NOTIFY, as between instances in production.
 */
export interface NursePhoneWorld {
  server: E2eServer;
  world: World;
  api: FastifyInstance;
  coordinator: Session;
  nurse: TestUser;
  nurseApi: Session;
  /** The client's id and alarm account. */
  client: { id: string; account: string };
  /** A 360 px phone, logged in as the nurse; page errors are collected. */
  phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  /** An alarm for the client that the nurse has accepted and is on site for. */
  onSiteIncident(): Promise<string>;
  close(): Promise<void>;
}

export async function startNursePhoneWorld(label: string, client: Record<string, unknown> = {}): Promise<NursePhoneWorld> {
  const [server, browser]: [E2eServer, Browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  // A roomy offer window, so a slow machine never sees the offer lapse mid-test.
  await db.updateTable('alliance').set({ offer_timeout_minutes: 10 }).where('id', '=', world.allianceId).execute();
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  const alarmKey = (await createApiKey(db, alarmCentre, 'receiver')).key;
  const coordinatorUser = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], `${label}-coordinator`);
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  const nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], `${label}-nurse`);
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const coordinator = await login(api, coordinatorUser);
  const nurseApi = await login(api, nurse);
  expect((await nurseApi.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
  await db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurse.id).execute();
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], `${label}-registrar`));
  const body = validClient({ gpPostId: world.gpPost, ...client });
  const created = await registrar.post('/api/clients', body);
  expect(created.statusCode).toBe(201);
  const contexts: BrowserContext[] = [];

  return {
    server,
    world,
    api,
    coordinator,
    nurse,
    nurseApi,
    client: { id: created.json<{ id: string }>().id, account: body.alarmAccount },
    async phone() {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      contexts.push(context);
      // Fail on the step that hangs, well before the test's own timeout.
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      await loginThroughApi(context, server.baseUrl, nurse);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { context, page, errors };
    },
    async onSiteIncident() {
      const alarm = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': `e2e-${crypto.randomUUID()}` }, payload: { account: body.alarmAccount, reason: 'fall' } });
      const id = alarm.json<{ incidentId: string }>().incidentId;
      const base = `/api/nightcare/incidents/${id}`;
      expect((await coordinator.post(`${base}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
      expect((await coordinator.post(`${base}/assign`, { userId: nurse.id })).statusCode).toBe(200);
      expect((await nurseApi.post(`${base}/accept`)).statusCode).toBe(200);
      expect((await nurseApi.post(`${base}/status`, { status: 'on_site' })).statusCode).toBe(200);
      return id;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      await browser.close();
      await api.close();
      await server.close();
    },
  };
}
