import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { grantAssignmentAccess } from '../../src/platform/access/index.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, loginThroughApi, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let alarmKey: string;
let account: string;
let coordinator: Session;
let nurse: TestUser;
let nurseApi: Session;
let world: World;
let clientId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  await db.updateTable('alliance').set({ offer_timeout_minutes: 10 }).where('id', '=', world.allianceId).execute();
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(db, alarmCentre, 'receiver')).key;
  const coordinatorUser = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'offline-coordinator');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'offline-nurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  coordinator = await login(api, coordinatorUser);
  nurseApi = await login(api, nurse);
  expect((await nurseApi.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
  await db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurse.id).execute();
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'offline-registrar'));
  const body = validClient({ gpPostId: world.gpPost });
  const created = await registrar.post('/api/clients', body);
  expect(created.statusCode).toBe(201);
  clientId = created.json<{ id: string }>().id;
  account = body.alarmAccount;
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await server?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  contexts.push(context);
  context.setDefaultTimeout(8_000);
  await loginThroughApi(context, server.baseUrl, nurse);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** An incident the nurse has accepted and is on site for. */
async function onSiteIncident(): Promise<string> {
  const alarm = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': `e2e-${crypto.randomUUID()}` }, payload: { account, reason: 'fall' } });
  const id = alarm.json<{ incidentId: string }>().incidentId;
  const base = `/api/nightcare/incidents/${id}`;
  expect((await coordinator.post(`${base}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
  expect((await coordinator.post(`${base}/assign`, { userId: nurse.id })).statusCode).toBe(200);
  expect((await nurseApi.post(`${base}/accept`)).statusCode).toBe(200);
  expect((await nurseApi.post(`${base}/status`, { status: 'on_site' })).statusCode).toBe(200);
  return id;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the nurse app as an installable, offline-capable phone app', () => {
  it('serves the manifest and a root-scoped service worker with the right headers', async () => {
    const { context, page } = await phone();
    const worker = await context.request.get('/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
    expect(worker.headers()['cache-control']).toBe('no-cache');
    expect(worker.headers()['service-worker-allowed']).toBe('/');
    const manifest = await context.request.get('/manifest.webmanifest');
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    expect(await manifest.json()).toMatchObject({ start_url: '/nurse', scope: '/', display: 'standalone' });
    await page.goto('/nurse');
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    // The page registers the worker for the whole site.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.baseUrl}/`);
  });

  it('keeps a report written offline on the phone and sends it once when the connection is back', async () => {
    const incidentId = await onSiteIncident();
    const { context, page, errors } = await phone();
    const completes: number[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && response.url().endsWith(`/incidents/${incidentId}/complete`)) completes.push(response.status());
    });
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Cliënt overeind geholpen').check();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText('Het verslag staat op je telefoon', { exact: false }).waitFor();
    await page.getByText('1 actie wacht op verbinding.').waitFor();
    const status = async () => (await server.db.selectFrom('incident').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('on_site');

    await context.setOffline(false);
    await page.getByText('1 actie wacht op verbinding.').waitFor({ state: 'detached' });
    expect(await status()).toBe('completed');
    const events = await server.db.selectFrom('incident_event').select('type').where('incident_id', '=', incidentId).where('type', '=', 'completed').execute();
    expect(events).toHaveLength(1);
    expect(completes).toEqual([200]);
    const report = await server.db.selectFrom('visit_report').select(['actions', 'minutes_correction_reason']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(report).toEqual({ actions: ['Cliënt overeind geholpen'], minutes_correction_reason: null });
    expect(errors).toEqual([]);
  });

  it('has no WCAG 2.1 AA violations at 360 px: home, incident and report form', async () => {
    const incidentId = await onSiteIncident();
    const { page } = await phone();
    await page.goto('/nurse');
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Meldingen op dit toestel aanzetten' }).waitFor();
    await expectNoAxeViolations(page);
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Minuten ter plaatse').fill('55');
    await page.getByLabel('Reden van de correctie').waitFor();
    await expectNoAxeViolations(page);
  });

  it('shows the night plan in route order with planned times, and works a visit through to done (fake clock)', async () => {
    const now = new Date();
    now.setUTCSeconds(0, 0);
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const night = now.toISOString().slice(0, 10);
    const visit = async (sequence: number, task: string, start: number) => {
      const row = await server.db
        .insertInto('planned_visit')
        .values({ alliance_id: world.allianceId, organisation_id: world.homeOrg, client_id: clientId, night, task, window_start: at(start - 15), window_end: at(start + 45), duration_minutes: 20, latitude: 52.78, longitude: 6.9, assigned_user_id: nurse.id, sequence, planned_start: at(start), created_by: nurse.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await grantAssignmentAccess(server.db, { allianceId: world.allianceId, clientId, userId: nurse.id, organisationId: world.partnerOrg, reference: `visit:${row.id}`, expiresAt: at(240) });
      return row.id;
    };
    // Stored out of order: the phone lists them by the planner's sequence.
    await visit(1, 'Medicatie 02:00', 90);
    const first = await visit(0, 'Wisselligging', 30);
    const { page, errors } = await phone();
    await page.clock.install({ time: now });
    await page.goto('/nurse');
    const plan = page.getByRole('region', { name: 'Mijn route vannacht' });
    const items = plan.locator('li.nurse-visit');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('Wisselligging');
    expect(await items.nth(1).textContent()).toContain('Medicatie 02:00');
    expect(await items.nth(0).locator('.nurse-visit__time').textContent()).toMatch(/^\d\d:\d\d · venster \d\d:\d\d–\d\d:\d\d$/);
    await items.nth(0).getByRole('button', { name: 'Onderweg' }).click();
    await items.nth(0).getByRole('button', { name: 'Ter plaatse' }).click();
    await items.nth(0).getByRole('button', { name: 'Bezoek klaar' }).click();
    await items.nth(0).getByText('Klaar', { exact: true }).waitFor();
    const stored = await server.db.selectFrom('planned_visit').select(['status', 'on_site_at', 'done_at']).where('id', '=', first).executeTakeFirstOrThrow();
    expect(stored.status).toBe('done');
    expect(stored.done_at).not.toBeNull();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
