import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { addTeamMember, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, SETUP, validClient, type TestUser } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, loginThroughApi, RESULTS, startE2eServer, type E2eServer } from './support.js';

const ACCOUNT = 'BEEF42';
/** Where the nurse's car is parked (Emmen); the browser reports it as the phone's position. */
const CAR = { latitude: 52.781, longitude: 6.901 };

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let alarmKey: string;
let coordinator: Session;
let nurse: TestUser;
let clientId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  // A roomy offer window, so a slow machine never sees the offer lapse mid-test.
  await db.updateTable('alliance').set({ offer_timeout_minutes: 10 }).where('id', '=', world.allianceId).execute();
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(db, alarmCentre, 'receiver')).key;
  const coordinatorUser = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'night-coordinator');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinatorUser.id, organisationId: world.partnerOrg });
  nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'night-nurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurse.id, organisationId: world.partnerOrg });
  // A second app on the same database plays the alarm centre and the coordinator; live events reach
  // the browser's server through PostgreSQL NOTIFY, as between instances in production.
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  coordinator = await login(api, coordinatorUser);
  const homeCoordinator = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'home-coordinator'));
  const created = await homeCoordinator.post('/api/clients', validClient({ alarmAccount: ACCOUNT, gpPostId: world.gpPost, gpName: 'Dr. Huisman', gpPhone: '0591 123 456' }));
  expect(created.statusCode).toBe(201);
  clientId = created.json<{ id: string }>().id;
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await api?.close();
  await server?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    geolocation: CAR,
    permissions: ['geolocation'],
  });
  contexts.push(context);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

async function shoot(page: Page, name: string): Promise<void> {
  await noHorizontalOverflow(page);
  await page.screenshot({ path: path.join(RESULTS, name), fullPage: true });
}

/** An alarm from the client's device, triaged and offered to the nurse by the coordinator. */
async function offerAlarmToNurse(): Promise<string> {
  const alarm = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': `e2e-${crypto.randomUUID()}` }, payload: { account: ACCOUNT, reason: 'fall' } });
  expect(alarm.statusCode).toBe(202);
  const incidentId = alarm.json<{ incidentId: string }>().incidentId;
  expect((await coordinator.post(`/api/nightcare/incidents/${incidentId}/triage`, { urgency: 'U2', note: 'Gevallen in de badkamer, kan niet opstaan' })).statusCode).toBe(200);
  expect((await coordinator.post(`/api/nightcare/incidents/${incidentId}/assign`, { userId: nurse.id })).statusCode).toBe(200);
  return incidentId;
}

/** For tests that start with the nurse already on duty (as the first test leaves her, but without relying on it). */
async function ensureOnDuty(): Promise<void> {
  const now = new Date();
  const current = await server.db.selectFrom('nurse_duty').select('id').where('user_id', '=', nurse.id).where('starts_at', '<=', now).where('ends_at', '>', now).executeTakeFirst();
  if (current) return;
  const session = await login(api, nurse);
  const started = await session.post('/api/nightcare/duty', { skills: ['lifting'] });
  expect(started.statusCode).toBe(200);
  await server.db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('id', '=', started.json<{ id: string }>().id).execute();
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('nurse app on a 360 px phone', () => {
  it('goes on duty, sees an offer arrive live, works it through to the report, and loses access afterwards', async () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    const { context, page, errors } = await phone();
    await loginThroughApi(context, server.baseUrl, nurse);

    // The nurse's home is the nurse app.
    await page.goto('/');
    await page.waitForURL(/\/nurse$/);
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Niet in dienst' }).waitFor();
    await shoot(page, 'nurse-off-duty-360.png');

    await page.getByLabel('Tillen').check();
    await page.getByLabel('Wondzorg').check();
    await page.getByRole('button', { name: 'In dienst gaan' }).click();
    // Booked for the next shift ("In dienst" only once it has started, e.g. when the test runs at night); focus moves to the new title.
    const dutyTitle = page.getByRole('heading', { name: /^(In dienst|Ingeroosterd voor vannacht)$/ });
    await dutyTitle.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'duty-title');
    const duty = await server.db.selectFrom('nurse_duty').select(['id', 'skills']).where('user_id', '=', nurse.id).executeTakeFirstOrThrow();
    expect([...duty.skills].sort()).toEqual(['lifting', 'wound_care']);

    // The duty starts with the next shift; for the test the shift is now.
    await server.db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('id', '=', duty.id).execute();
    await page.reload();
    await page.getByRole('heading', { name: 'In dienst', exact: true }).waitFor();
    await page.getByText(/^Tot \d\d:\d\d$/).waitFor();
    await page.getByText('Je hebt nu geen meldingen.', { exact: false }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    // On duty, the phone reports where the car is.
    const position = await waitFor(
      () => server.db.selectFrom('nurse_duty').select(['latitude', 'longitude']).where('id', '=', duty.id).executeTakeFirstOrThrow(),
      (p) => p.latitude !== null,
    );
    expect(position).toMatchObject({ latitude: CAR.latitude, longitude: CAR.longitude });
    await shoot(page, 'nurse-on-duty-360.png');

    // The offer appears without a reload, highlighted, with the time left to answer.
    const incidentId = await offerAlarmToNurse();
    const offer = page.locator('.nurse-offer');
    await offer.getByText('Nieuwe melding').waitFor();
    expect(await offer.getByRole('heading', { name: 'Val' }).isVisible()).toBe(true);
    expect(await offer.getByText('Jantje Bakker').isVisible()).toBe(true);
    await offer.getByText(/Nog \d+:\d\d om te reageren/).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Nieuwe melding voor jou' }).count()).toBe(1);
    await shoot(page, 'nurse-offer-360.png');

    await offer.getByRole('button', { name: 'Accepteren' }).click();
    await page.waitForURL(new RegExp(`/nurse/incidents/${incidentId}$`));
    await page.getByRole('heading', { name: 'Val', level: 1 }).waitFor();
    await page.getByText('Penicillin').waitFor();
    const route = page.getByRole('link', { name: 'Route (Google Maps)' });
    expect(await route.getAttribute('href')).toBe('https://www.google.com/maps/dir/?api=1&destination=52.785%2C6.897');
    expect(await page.getByRole('link', { name: 'Open in kaart-app' }).getAttribute('href')).toMatch(/^geo:52\.785,6\.897/);
    expect(await page.locator('a[href="tel:+31612345678"]').count()).toBe(1);
    expect(await page.locator('a[href="tel:0591123456"]').getByText('Dr. Huisman').count()).toBe(1);
    await shoot(page, 'nurse-accepted-360.png');

    // A poor connection: the step waits while offline, says it will try again, and goes through once back.
    await context.setOffline(true);
    await page.getByText('Geen verbinding.').waitFor();
    await page.getByRole('button', { name: 'Onderweg' }).click();
    await page.locator('.nurse-action__status', { hasText: 'Geen verbinding; wordt verstuurd zodra je weer bereik hebt' }).waitFor();
    expect(await page.getByRole('button', { name: 'Onderweg' }).isDisabled()).toBe(true);
    await shoot(page, 'nurse-offline-retry-360.png');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Ter plaatse' }).waitFor({ timeout: 15_000 });
    // The pressed button became the next step's, which has the focus; the step reached is announced.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Ter plaatse');
    await page.getByRole('status').filter({ hasText: 'Stap 3 van 5' }).waitFor({ state: 'attached' });
    expect(await page.getByText('Geen verbinding.').count()).toBe(0);

    // A double tap sends the step once.
    const statusPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/incidents/${incidentId}/status`)) statusPosts.push(request.url());
    });
    await page.getByRole('button', { name: 'Ter plaatse' }).dblclick();
    await page.getByRole('button', { name: 'Verslag & afronden' }).waitFor();
    expect(statusPosts).toHaveLength(1);
    await page.waitForFunction(() => document.activeElement?.textContent === 'Verslag & afronden');

    // A referral to the GP post; the incident stays with the nurse.
    await page.getByText('Doorverwijzen naar de huisartsenpost').click();
    await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
    await page.getByText('Vul de reden in (maximaal 500 tekens).').waitFor();
    await page.getByLabel('Reden', { exact: true }).fill('Pijn in de heup na val');
    await page.getByLabel('Samenvatting voor de huisartsenpost').fill('Kan niet steunen op het linkerbeen, pols 88, geen wond.');
    await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
    await page.getByText(/Doorverwezen naar GP post om \d\d:\d\d/).waitFor();
    expect(await page.getByRole('button', { name: 'Verslag & afronden' }).isVisible()).toBe(true);

    // The key-safe code only after the explicit tap, with the note that it is logged.
    expect(await page.getByText('4321').count()).toBe(0);
    await page.getByText('wordt vastgelegd in het logboek', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Toon sleutelkluiscode' }).click();
    await page.getByText('4321').waitFor();
    await shoot(page, 'nurse-on-site-360.png');
    await page.locator('.nurse-progress-card').screenshot({ path: path.join(RESULTS, 'nurse-progress-card-360.png') });

    // The report: the server's field errors land next to the fields.
    await page.getByRole('button', { name: 'Verslag & afronden' }).click();
    await page.getByRole('heading', { name: 'Verslag en afronden' }).waitFor();
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByRole('heading', { name: 'Controleer de volgende punten' }).waitFor();
    expect(await page.locator('.nurse-actions .field__error').textContent()).toBe('Kies minstens één handeling of vul een andere handeling in.');
    await page.getByLabel('Cliënt overeind geholpen').check();
    await page.getByLabel('Gecontroleerd op letsel').check();
    await page.getByLabel('Andere handeling').fill('Rollator naast het bed gezet');
    // The minutes come from the on-site time; typing another figure asks for the reason.
    const minutes = page.getByLabel('Minuten ter plaatse');
    await minutes.click();
    expect(await minutes.evaluate((input: HTMLInputElement) => input.value.length > 0 && input.selectionStart === 0 && input.selectionEnd === input.value.length)).toBe(true);
    await page.keyboard.type('25');
    expect(await minutes.inputValue()).toBe('25');
    await page.getByLabel('Reden van de correctie').fill('Ter plaatse pas bij vertrek aangetikt');
    await page.getByLabel('Het dagteam moet iets opvolgen').check();
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    const followUp = page.getByLabel('Wat moet er worden opgevolgd?');
    await page.getByText('Beschrijf wat het dagteam moet opvolgen.').first().waitFor();
    expect(await followUp.getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'nurse-report-errors-360.png');
    await page.locator('.nurse-report').screenshot({ path: path.join(RESULTS, 'nurse-report-form-360.png') });
    await followUp.fill('Fysiotherapeut laten kijken naar het lopen');
    // The GP post has not answered the referral yet: completing asks for a confirmation first.
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText('De huisartsenpost heeft je verwijzing nog niet beantwoord.', { exact: false }).waitFor();
    await page.getByLabel('Toch afronden zonder antwoord van de huisartsenpost').check();
    // The report reaches the server but its answer is lost: the retry sees it arrived and does not send it again.
    const completePosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/incidents/${incidentId}/complete`)) completePosts.push(request.url());
    });
    await page.route(
      `**/api/nightcare/incidents/${incidentId}/complete`,
      async (route) => {
        await route.fetch();
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Verslag opslaan en afronden' }).click();
    await page.getByText(/Geen antwoord, opnieuw proberen \(poging 2\)/).waitFor();
    await page.getByText('Afgerond, het verslag is opgeslagen').waitFor();
    // The form is gone; focus is on the notice that replaced it.
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Afgerond, het verslag is opgeslagen') === true);
    expect(completePosts).toHaveLength(1);
    expect(await page.getByText('Penicillin').count()).toBe(0);
    await shoot(page, 'nurse-completed-360.png');

    const detail = (await coordinator.get(`/api/nightcare/incidents/${incidentId}`)).json<{ incident: { status: string }; report: { actions: string[]; minutesOnSite: number; followUp: string } }>();
    expect(detail.incident.status).toBe('completed');
    expect(detail.report).toMatchObject({ actions: ['Cliënt overeind geholpen', 'Gecontroleerd op letsel', 'Rollator naast het bed gezet'], minutesOnSite: 25, minutesCorrectionReason: 'Ter plaatse pas bij vertrek aangetikt', followUp: 'Fysiotherapeut laten kijken naar het lopen' });

    // Gone from the list, and the night summary is refused now the assignment has ended.
    await page.getByRole('link', { name: 'Mijn meldingen' }).first().click();
    await page.waitForURL(/\/nurse$/);
    await page.getByText('Je hebt nu geen meldingen.', { exact: false }).waitFor();
    expect(await page.locator('.nurse-offer, .nurse-incident').count()).toBe(0);
    expect((await context.request.get(`${server.baseUrl}/api/clients/${clientId}/night-summary`)).status()).toBe(404);
    await page.goto(`/clients/${clientId}`);
    await page.getByRole('heading', { name: 'Geen toegang of cliënt niet gevonden' }).waitFor();
    expect(await page.getByText('Penicillin').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('declines an offer from the list; the incident and its night summary leave the phone', async () => {
    await ensureOnDuty();
    const { context, page, errors } = await phone();
    await loginThroughApi(context, server.baseUrl, nurse);
    await page.goto('/nurse');
    await page.getByText(/^Tot \d\d:\d\d$/).waitFor();
    const incidentId = await offerAlarmToNurse();
    const offer = page.locator('.nurse-offer');
    await offer.getByRole('button', { name: 'Weigeren' }).click();
    await page.getByText('Je hebt nu geen meldingen.', { exact: false }).waitFor();
    expect((await context.request.get(`${server.baseUrl}/api/clients/${clientId}/night-summary`)).status()).toBe(404);
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByText('niet (meer) aan jou toegewezen', { exact: false }).waitFor();
    await noHorizontalOverflow(page);
    await coordinator.post(`/api/nightcare/incidents/${incidentId}/cancel`, { reason: 'resolved_by_phone' });
    expect(errors).toEqual([]);
  });
});

describe('nurse app escalation', () => {
  it('hands an incident over to 112 from the phone, which closes it for the nurse', async () => {
    await ensureOnDuty();
    const { context, page, errors } = await phone();
    await loginThroughApi(context, server.baseUrl, nurse);
    const incidentId = await offerAlarmToNurse();
    await page.goto(`/nurse/incidents/${incidentId}`);
    await page.getByText(/Nog \d+:\d\d om te reageren/).waitFor();
    await page.getByRole('button', { name: 'Accepteren' }).click();
    await page.getByRole('button', { name: 'Onderweg' }).waitFor();
    await page.getByText('Overdragen aan 112').click();
    expect(await page.getByRole('link', { name: 'Bel 112' }).getAttribute('href')).toBe('tel:112');
    await page.getByLabel('Toelichting (optioneel)').fill('Vermoedelijke heupfractuur, ambulance onderweg');
    await noHorizontalOverflow(page);
    await page.getByRole('button', { name: 'Vastleggen: overgedragen aan 112' }).click();
    await page.getByText('Overgedragen aan 112', { exact: true }).first().waitFor();
    await page.getByText('Het nachtoverzicht van deze cliënt is voor jou niet meer te zien.').waitFor();
    const detail = (await coordinator.get(`/api/nightcare/incidents/${incidentId}`)).json<{ incident: { status: string } }>();
    expect(detail.incident.status).toBe('escalated');
    expect((await context.request.get(`${server.baseUrl}/api/clients/${clientId}/night-summary`)).status()).toBe(404);
    expect(errors).toEqual([]);
  });
});

describe('nurse app texts', () => {
  it('has the same keys in Dutch, English and Danish', async () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
    const { default: nl } = await import('../../web/src/i18n/nurse.nl.json', { with: { type: 'json' } });
    const { default: en } = await import('../../web/src/i18n/nurse.en.json', { with: { type: 'json' } });
    const { default: da } = await import('../../web/src/i18n/nurse.da.json', { with: { type: 'json' } });
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(keys(da).sort()).toEqual(keys(nl).sort());
  });
});
