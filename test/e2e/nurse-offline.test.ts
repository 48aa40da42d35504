import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser } from '../support/world.js';
import { launchChromium, loginThroughApi, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let alarmKey: string;
let account: string;
let coordinator: Session;
let nurse: TestUser;
let nurseApi: Session;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
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
  expect((await registrar.post('/api/clients', body)).statusCode).toBe(201);
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
});
