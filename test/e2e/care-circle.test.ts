import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCircleWorld, type CircleWorld } from '../support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { addUser, validClient, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer, expectNoAxeViolations } from './support.js';

let smtp: SmtpCatcher;
let server: E2eServer;
let browser: Browser;
let world: CircleWorld;
let coordinator: TestUser;
let districtNurse: TestUser;
let allianceAdmin: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  [server, browser] = await Promise.all([startE2eServer({ smtpUrl: smtp.url }), launchChromium()]);
  world = await createCircleWorld(server.db);
  coordinator = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['coordinator'], 'circle-coord');
  districtNurse = await addUser(server.db, server.deps.secretBox, world.partnerOrg, ['nurse'], 'circle-district');
  allianceAdmin = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['alliance_admin'], 'circle-alliance');
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

/** A same-origin API call from inside the page, with the page's own cookie. */
const call = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const response = await fetch(u, { method: m, headers: b === undefined ? {} : { 'content-type': 'application/json' }, ...(b === undefined ? {} : { body: JSON.stringify(b) }) });
      return { status: response.status, body: (await response.text()) || '{}' };
    },
    [method, url, body] as const,
  );

/** A phone-sized browser that opens the newest sign-in link mailed to `email` and signs in. */
async function signInFromMail(email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  contexts.push(context);
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const mail = await smtp.waitFor(email);
  const link = /http:\/\/127\.0\.0\.1:\d+\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeDefined();
  await page.goto(link ?? '');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return page;
}

describe('a care circle on a 360 px phone', () => {
  it('a daughter signed in from the e-mail link invites a neighbour; the neighbour claims a task; the district nurse sees it', async () => {
    const staff = await openLoggedInPage(browser, server, contexts, coordinator);
    await staff.page.goto('/');
    const client = await call(staff.page, 'POST', '/api/clients', validClient({ givenName: 'Jantje', familyName: 'Bakker' }));
    const clientId = (JSON.parse(client.body) as { id: string }).id;
    expect((await call(staff.page, 'POST', `/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke Bakker', email: 'marieke@burger.example' }, consentGiven: true })).status).toBe(201);

    const daughter = await signInFromMail('marieke@burger.example');
    await daughter.getByRole('heading', { name: 'Zorgkring van Jantje Bakker', level: 1 }).waitFor();
    expect(new URL(daughter.url()).pathname).toBe(`/burger/kring/${clientId}`);
    await expectNoAxeViolations(daughter);
    await daughter.getByLabel('Naam').fill('Henk de Buur');
    await daughter.getByLabel('E-mailadres').fill('henk@burger.example');
    // A neighbour gets the tasks and the messages by default; this daughter chooses the tasks only.
    await daughter.getByRole('checkbox', { name: 'Berichten', exact: true }).uncheck();
    await daughter.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await daughter.getByText('We hebben Henk de Buur een e-mail gestuurd.').waitFor();
    await daughter.getByText('Henk de Buur mag zien: de taken. Toestemming gegeven door Marieke Bakker.').waitFor();
    await expectNoAxeViolations(daughter);
    expect(await daughter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await call(daughter, 'POST', `/api/circles/${clientId}/members`, { type: 'formal', kind: 'district_nurse', name: 'Wijkverpleging', organisationId: world.partnerOrg, scopes: ['circle_tasks', 'circle_messages'] })).status).toBe(201);
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() };
    expect((await call(daughter, 'POST', `/api/circles/${clientId}/tasks`, { title: 'Boodschappen doen', place: 'home', ...window })).status).toBe(201);
    // Reciprocity: the daughter offers help on the page; the neighbour will take it up. And a message for the circle.
    await daughter.getByRole('radio', { name: 'Hulp aanbieden' }).check();
    await daughter.getByLabel('Wat precies?').fill('Samen koffie drinken');
    await daughter.getByRole('button', { name: 'Plaatsen' }).click();
    await daughter.getByText('Marieke Bakker biedt dit aan.').waitFor();
    await daughter.getByLabel('Nieuw bericht').fill('Henk, dank je wel voor de hulp!');
    await daughter.getByRole('button', { name: 'Versturen' }).click();
    await daughter.getByText('Henk, dank je wel voor de hulp!').waitFor();
    await expectNoAxeViolations(daughter);

    const neighbour = await signInFromMail('henk@burger.example');
    await neighbour.getByRole('heading', { name: 'Zorgkring van Jantje Bakker', level: 1 }).waitFor();
    await neighbour.getByRole('button', { name: 'Ik doe dit: Boodschappen doen' }).click();
    await neighbour.getByText('Henk de Buur doet dit.').waitFor();
    await neighbour.getByRole('button', { name: 'Graag: Samen koffie drinken' }).click();
    await neighbour.getByText('Henk de Buur neemt dit aanbod aan.').waitFor();
    // The neighbour's consent names the tasks, not the messages: no messages on the page.
    expect(await neighbour.getByRole('heading', { name: 'Berichten' }).count()).toBe(0);
    // An informal member sees the tasks, and not who gave which consent.
    expect(await neighbour.getByRole('heading', { name: 'Wie mag wat zien' }).count()).toBe(0);
    await expectNoAxeViolations(neighbour);

    const nurse = await openLoggedInPage(browser, server, contexts, districtNurse);
    await nurse.page.goto('/');
    const tasks = await call(nurse.page, 'GET', `/api/circles/${clientId}/tasks`);
    expect(tasks.status).toBe(200);
    expect((JSON.parse(tasks.body) as { items: { title: string; status: string; acceptedBy: string }[] }).items).toEqual([expect.objectContaining({ title: 'Boodschappen doen', status: 'accepted', acceptedBy: 'Henk de Buur' })]);
    await nurse.page.goto(`/circles/${clientId}`);
    await nurse.page.getByRole('heading', { name: 'Zorgkring van Jantje Bakker', level: 1 }).waitFor();
    await nurse.page.getByRole('cell', { name: 'Henk de Buur doet dit.' }).waitFor();
    await nurse.page.getByText('Taak opgepakt · Henk de Buur').waitFor();
    await nurse.page.getByText('Henk, dank je wel voor de hulp!').waitFor();
    await expectNoAxeViolations(nurse.page);
    expect(nurse.errors).toEqual([]);
  });
  it('shows residents the neighbourhood partnership’s progress at 360 px, without login, with no WCAG 2.1 AA violations', async () => {
    const admin = await openLoggedInPage(browser, server, contexts, allianceAdmin);
    await admin.page.goto('/');
    const created = await call(admin.page, 'POST', '/api/neighbourhoods', { slug: 'e2e-angelslo', name: 'Angelslo', municipality: 'Emmen', postcodes: ['7824'], fictional: true });
    const id = (JSON.parse(created.body) as { id: string }).id;
    for (const organisationId of [world.homeOrg, world.municipality]) expect((await call(admin.page, 'POST', `/api/neighbourhoods/${id}/partners`, { organisationId })).status).toBe(204);
    const ambition = (JSON.parse((await call(admin.page, 'POST', `/api/neighbourhoods/${id}/ambitions`, { title: 'Niemand is alleen' })).body) as { id: string }).id;
    const commitment = (JSON.parse((await call(admin.page, 'POST', `/api/neighbourhoods/${id}/commitments`, { ambitionId: ambition, organisationId: world.municipality, text: 'Een buurtkamer open op vijf dagen' })).body) as { id: string }).id;
    expect((await call(admin.page, 'PUT', `/api/neighbourhoods/${id}/commitments/${commitment}/progress`, { progress: 80 })).status).toBe(204);

    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    const resident = await context.newPage();
    await resident.goto('/wijk/e2e-angelslo');
    await resident.getByRole('heading', { name: 'Samen in Angelslo', level: 1 }).waitFor();
    await resident.getByText('Dit is een voorbeeld.', { exact: false }).waitFor();
    await resident.getByText('80 procent klaar', { exact: true }).waitFor();
    await resident.getByText('Samen 80 procent klaar').waitFor();
    await expectNoAxeViolations(resident);
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
