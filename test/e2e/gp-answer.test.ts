import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser } from '../support/world.js';
import { launchChromium, loginThroughApi, startE2eServer, type E2eServer } from './support.js';

const ANSWER = 'De huisarts komt binnen het uur; laat haar liggen.';

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let alarmKey: string;
let account: string;
let coordinator: Session;
let gpTriagist: Session;
let nurse: TestUser;
let nurseApi: Session;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(db, alarmCentre, 'receiver')).key;
  const coordinatorUser = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'gp-coordinator');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'gp-nurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  coordinator = await login(api, coordinatorUser);
  nurseApi = await login(api, nurse);
  gpTriagist = await login(api, await addUser(db, secretBox, world.gpPost, ['nurse'], 'gp-triagist'));
  expect((await nurseApi.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
  await db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurse.id).execute();
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'gp-registrar'));
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

describe('the GP post’s answer on the nurse’s phone', () => {
  it('sends a referral from the phone, asks for confirmation before completing while it is open, and shows the post’s answer live', async () => {
    const alarm = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': `e2e-${crypto.randomUUID()}` }, payload: { account, reason: 'fall' } });
    const incidentId = alarm.json<{ incidentId: string }>().incidentId;
    const base = `/api/nightcare/incidents/${incidentId}`;
    expect((await coordinator.post(`${base}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
    expect((await coordinator.post(`${base}/assign`, { userId: nurse.id })).statusCode).toBe(200);
    expect((await nurseApi.post(`${base}/accept`)).statusCode).toBe(200);
    expect((await nurseApi.post(`${base}/status`, { status: 'on_site' })).statusCode).toBe(200);

    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    context.setDefaultTimeout(8_000);
    await loginThroughApi(context, server.baseUrl, nurse);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`/nurse/incidents/${incidentId}`);

    await page.getByText('Doorverwijzen naar de huisartsenpost').click();
    await page.getByLabel('Reden').fill('Vermoedelijke heupfractuur');
    await page.getByLabel('Samenvatting voor de huisartsenpost').fill('Pijn in de rechterheup, been verkort.');
    await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
    await page.getByText(/Doorverwezen naar GP post om \d\d:\d\d/).waitFor();
    const referral = await server.db.selectFrom('gp_referral').select(['id', 'answered_at']).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(referral.answered_at).toBeNull();

    // Completing while the post has not answered asks for confirmation first.
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByLabel('Cliënt overeind geholpen').check();
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText('De huisartsenpost heeft je verwijzing nog niet beantwoord. Weet je zeker dat je wilt afronden?').waitFor();
    expect((await server.db.selectFrom('incident').select('status').where('id', '=', incidentId).executeTakeFirstOrThrow()).status).toBe('on_site');

    // The GP post answers on its own screen; the nurse's page shows it without a reload.
    const answered = await gpTriagist.post(`/api/nightcare/referrals/${referral.id}/answer`, { answer: ANSWER, outcome: 'gp_visit' });
    expect(answered.statusCode, answered.body).toBe(200);
    const notice = page.getByRole('status').filter({ hasText: ANSWER });
    await notice.waitFor({ timeout: 5_000 });
    expect(await notice.textContent()).toContain('Antwoord van de huisartsenpost');
    expect(errors).toEqual([]);
  });
});
