import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createAgreement, createApiKey, createOrganisation } from '../../src/modules/alliance/index.js';
import { lastEndedShift } from '../../src/modules/nightteam/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, openNightShift, SETUP, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, LIVE_TIMEOUT_MS, openLoggedInPage, RESULTS, startE2eServer, type E2eServer } from './support.js';

/** The night-care pages around the board: phone entry, linking, closing, technical queue, GP post, handover. */

let server: E2eServer;
let browser: Browser;
let api: FastifyInstance;
let world: World;
let coordinator: TestUser;
let coordinatorApi: Session;
let nurse: { user: TestUser; session: Session };
let gpTriagist: TestUser;
let otherGpTriagist: TestUser;
let dayNurse: TestUser;
let alarmKey = '';
let referredIncident = '';
const clients: Record<'phone' | 'linked' | 'cancelled' | 'escalated' | 'referred', { id: string; account: string }> = {} as never;
const contexts: BrowserContext[] = [];

const NAMES = {
  phone: { givenName: 'Hendrikje', familyName: 'Telefoonsma' },
  linked: { givenName: 'Albertus', familyName: 'Koppelaar' },
  cancelled: { givenName: 'Roelfien', familyName: 'Loosalarm' },
  escalated: { givenName: 'Jannes', familyName: 'Ambulancia' },
  referred: { givenName: 'Grietje', familyName: 'Heupval' },
} as const;
const fullName = (key: keyof typeof NAMES) => `${NAMES[key].givenName} ${NAMES[key].familyName}`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  // The coordinator searches the identification index, which only the night coordinator on duty may: the night shift runs now.
  await openNightShift(db, world.allianceId);
  // API calls of the other people in the story go through an app of their own on the same database.
  const { buildApp } = await import('../../src/app.js');
  api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const alarmCentre = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Alarm centre', kind: 'alarm_centre' });
  alarmKey = (await createApiKey(db, alarmCentre, 'receiver')).key;

  coordinator = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'nightcoord');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: world.partnerOrg });
  coordinatorApi = await login(api, coordinator);
  const nurseUser = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'nightnurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurseUser.id, organisationId: world.partnerOrg });
  nurse = { user: nurseUser, session: await login(api, nurseUser) };
  expect((await nurse.session.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
  await db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurseUser.id).execute();
  expect((await nurse.session.post('/api/nightcare/position', { latitude: 52.78, longitude: 6.9 })).statusCode).toBe(200);

  gpTriagist = await addUser(db, secretBox, world.gpPost, ['coordinator'], 'gptriagist');
  const otherPost = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'GP post South', kind: 'gp_post' });
  await createAgreement(db, SETUP, { allianceId: world.allianceId, organisationId: otherPost, purposes: ['nightcare'], startsOn: '2020-01-01', signedBy: 'Director' });
  otherGpTriagist = await addUser(db, secretBox, otherPost, ['coordinator'], 'othertriagist');
  dayNurse = await addUser(db, secretBox, world.homeOrg, ['nurse'], 'daynurse');

  // The clients belong to the home organisation, a partner of the coordinator's organisation.
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'registrar'));
  for (const key of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    const body = validClient({ ...NAMES[key], gpPostId: world.gpPost });
    const created = await registrar.post('/api/clients', body);
    expect(created.statusCode, created.body).toBe(201);
    clients[key] = { id: created.json<{ id: string }>().id, account: body.alarmAccount };
  }
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await api?.close();
  await browser?.close();
  await server?.close();
});

const newPage = (user: TestUser, viewport?: { width: number; height: number }) => openLoggedInPage(browser, server, contexts, user, viewport);

/** An alarm centre's webhook; returns the incident it opened (null for the technical queue). */
async function webhookAlarm(account: string, reason: string): Promise<string | null> {
  const response = await api.inject({ method: 'POST', url: '/api/nightcare/alarms', headers: { 'x-api-key': alarmKey, 'idempotency-key': crypto.randomUUID() }, payload: { account, reason } });
  expect(response.statusCode, response.body).toBe(202);
  return response.json<{ incidentId: string | null }>().incidentId;
}

async function openBoard(user = coordinator, query = ''): Promise<{ page: Page; errors: string[]; list: Locator; panel: Locator }> {
  const { page, errors } = await newPage(user);
  await page.goto(`/nightcare${query}`);
  await page.getByRole('heading', { name: 'Meldingenbord nachtzorg' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  return { page, errors, list: page.getByRole('list', { name: 'Meldingen' }), panel: page.getByRole('article') };
}

/** Searches the identification index by family name and date of birth and picks the client (inside a ClientSearch). */
async function pickClient(scope: Locator, key: keyof typeof NAMES, callerPhone?: string): Promise<void> {
  if (callerPhone) await scope.getByLabel('Telefoonnummer beller', { exact: true }).fill(callerPhone);
  await scope.getByLabel('Achternaam', { exact: true }).fill(NAMES[key].familyName);
  await scope.getByLabel('Geboortedatum', { exact: true }).fill(validClient().dateOfBirth);
  await scope.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await scope.getByRole('radio', { name: new RegExp(`${NAMES[key].familyName}, ${NAMES[key].givenName}`) }).check();
}

describe('night-care pages in the browser', () => {
  it('enters a phone call by hand for a client of a partner organisation found in the identification index', async () => {
    const { page, errors, list, panel } = await openBoard();
    await page.getByRole('button', { name: 'Telefonische melding invoeren' }).click();
    const form = page.getByRole('region', { name: 'Telefonische melding' });
    await pickClient(form, 'phone', '0591 123456');
    await form.getByLabel('Reden', { exact: true }).selectOption({ label: 'Benauwdheid' });
    await form.getByLabel('Naam beller').fill('Dochter Marieke');
    await form.getByLabel('Notitie').fill('Moeder is sinds een uur benauwd');
    await form.getByRole('button', { name: 'Melding opslaan' }).click();
    await list.getByRole('button', { name: new RegExp(fullName('phone')) }).waitFor();
    await list.getByRole('button', { name: new RegExp(fullName('phone')) }).filter({ hasText: 'Benauwdheid' }).waitFor();
    // Saving opens the new incident beside the list.
    await panel.getByText(new RegExp(`${fullName('phone')} \\(`)).waitFor();
    await form.first().waitFor({ state: 'detached' });
    // The form is gone: focus moves to the new incident's heading instead of falling to <body>.
    await page.waitForFunction(() => document.activeElement?.id === 'panel-title');
    // Who called and what was written down stay with the incident.
    const received = panel.getByRole('listitem').filter({ hasText: 'Melding ontvangen' });
    await received.getByText('Melding ontvangen van Dochter Marieke').waitFor();
    await received.getByText('Moeder is sinds een uur benauwd').waitFor();
    // The coordinator refers the call to the GP post from the same panel; the incident stays open.
    const referral = panel.getByRole('form', { name: 'Doorverwijzen naar de huisartsenpost' });
    await referral.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await referral.getByText(/reden/i).first().waitFor();
    // Like the other forms: an error summary that takes the focus, linking to the fields.
    await referral.getByRole('alert').getByRole('link', { name: /^Reden:/ }).waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    await referral.getByLabel('Reden').fill('Benauwd, huisarts graag beoordelen');
    await referral.getByLabel('Samenvatting voor de huisarts').fill('COPD bekend, saturatie onbekend, geen koorts gemeld.');
    await referral.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await panel.getByText('Verwijzing verstuurd naar GP post. De melding blijft open.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Verwijzing verstuurd naar GP post. De melding blijft open.');
    expect(errors).toEqual([]);
  });

  it('shows an alarm with an unknown account as unidentified until the coordinator links it to a client', async () => {
    const incidentId = await webhookAlarm('ABCDEF0123', 'fall');
    const { page, errors, list, panel } = await openBoard(coordinator, `?incident=${incidentId}`);
    await list.getByRole('button', { name: /Onbekende melder · alarmaccount ABCDEF0123/ }).waitFor();
    await panel.getByText('Onbekende melder met alarmaccount ABCDEF0123: nog niet gekoppeld aan een cliënt.').waitFor();
    await panel.getByText('Koppelen aan een cliënt').click();
    await pickClient(panel, 'linked');
    await panel.getByRole('button', { name: 'Koppelen', exact: true }).click();
    await list.getByRole('button', { name: new RegExp(fullName('linked')) }).waitFor();
    await panel.getByText(new RegExp(`${fullName('linked')} \\(`)).waitFor();
    await panel.getByText('Gekoppeld aan cliënt').waitFor();
    await list.getByRole('button', { name: /Onbekende melder/ }).first().waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-linked.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('cancels an incident as a false alarm and hands another over to 112 after confirming', async () => {
    const cancelled = await webhookAlarm(clients.cancelled.account, 'fall');
    const escalated = await webhookAlarm(clients.escalated.account, 'fall');
    const { page, errors, list, panel } = await openBoard(coordinator, `?incident=${cancelled}`);
    await panel.getByText(new RegExp(`${fullName('cancelled')} \\(`)).waitFor();
    await panel.getByLabel('Reden van annuleren').selectOption({ label: 'Loos alarm' });
    await panel.getByRole('button', { name: 'Melding annuleren' }).click();
    await panel.getByText('Geannuleerd', { exact: true }).first().waitFor();
    await panel.getByRole('listitem').filter({ hasText: 'Geannuleerd' }).filter({ hasText: 'Loos alarm' }).waitFor();

    await list.getByRole('button', { name: new RegExp(fullName('escalated')) }).click();
    await panel.getByText(new RegExp(`${fullName('escalated')} \\(`)).waitFor();
    await panel.getByRole('button', { name: 'Doorzetten naar 112' }).click();
    const confirm = panel.getByRole('alert');
    await confirm.getByText(/Bel 112 en bevestig/).waitFor();
    await confirm.getByRole('button', { name: 'Terug' }).click();
    await confirm.first().waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Doorzetten naar 112' }).click();
    await panel.getByRole('button', { name: '112 is gebeld: bevestigen' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Geëscaleerd' }).filter({ hasText: '112' }).waitFor();
    await panel.getByRole('button', { name: 'Doorzetten naar 112' }).first().waitFor({ state: 'detached' });

    // Both left the open list and show up as closed with their outcome.
    await list.getByRole('button', { name: new RegExp(fullName('cancelled')) }).first().waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('closed');
    await list.getByRole('button', { name: new RegExp(fullName('cancelled')) }).filter({ hasText: /Loos alarm.*Geannuleerd/ }).waitFor();
    await list.getByRole('button', { name: new RegExp(fullName('escalated')) }).filter({ hasText: /Doorgezet naar 112.*Geëscaleerd/ }).waitFor();
    const outcomes = await server.db.selectFrom('incident').select(['id', 'status', 'outcome']).where('id', 'in', [cancelled!, escalated!]).execute();
    expect(Object.fromEntries(outcomes.map((o) => [o.id, `${o.status}/${o.outcome}`]))).toEqual({ [cancelled!]: 'cancelled/false_alarm', [escalated!]: 'escalated/escalated_112' });
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-closed.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('lists a low-battery alarm under "Technische meldingen" until it is marked handled', async () => {
    expect(await webhookAlarm(clients.phone.account, 'low_battery')).toBeNull();
    const { page, errors } = await openBoard();
    const queue = page.locator('details.nc-technical');
    // Collapsed, the card still says how many wait.
    await queue.locator('summary').getByText('1 wachtend').waitFor();
    await page.getByText('Technische meldingen').click();
    const item = queue.getByRole('listitem').filter({ hasText: 'Batterij bijna leeg' });
    await item.filter({ hasText: fullName('phone') }).waitFor();
    await item.getByRole('button', { name: 'Afgehandeld' }).click();
    await queue.getByText('Geen openstaande technische meldingen.').waitFor();
    await item.first().waitFor({ state: 'detached' });
    await queue.locator('summary').getByText('0 wachtend').waitFor();
    expect(errors).toEqual([]);
  });

  it('lets the GP post open and answer a referral from the night nurse; the answer shows in the incident history', async () => {
    referredIncident = (await webhookAlarm(clients.referred.account, 'fall'))!;
    const base = `/api/nightcare/incidents/${referredIncident}`;
    expect((await coordinatorApi.post(`${base}/triage`, { urgency: 'U2' })).statusCode).toBe(200);
    expect((await coordinatorApi.post(`${base}/assign`, { userId: nurse.user.id })).statusCode).toBe(200);
    expect((await nurse.session.post(`${base}/accept`)).statusCode).toBe(200);
    expect((await nurse.session.post(`${base}/status`, { status: 'on_site' })).statusCode).toBe(200);
    const summary = 'Gevallen om 02:10, pijn rechterheup, been verkort en naar buiten gedraaid. RR 140/85.';
    const referred = await nurse.session.post(`${base}/refer-gp`, { reason: 'Verdenking heupfractuur', urgency: 'U2', summary });
    expect(referred.statusCode, referred.body).toBe(201);
    expect(referred.json()).toMatchObject({ gpPostId: world.gpPost });
    const referralId = referred.json<{ referralId: string }>().referralId;

    // The coordinator keeps the incident open on the board while the GP post answers.
    const board = await openBoard(coordinator, `?incident=${referredIncident}`);
    const history = board.panel.getByRole('list').filter({ has: board.page.getByText('Melding ontvangen') });
    await history.getByText('Verwezen naar GP post').waitFor();

    const { page, errors } = await newPage(gpTriagist);
    await page.goto('/nightcare/referrals');
    await page.getByRole('heading', { name: 'Verwijzingen van de nachtzorg' }).waitFor();
    await page.getByRole('button', { name: /Verdenking heupfractuur/ }).click();
    const detail = page.getByRole('article');
    await detail.getByText(new RegExp(`${fullName('referred')} \\(`)).waitFor();
    await detail.getByText(summary).waitFor();
    await detail.getByLabel('Uitkomst').selectOption({ label: 'Visite huisarts' });
    await detail.getByLabel('Antwoord aan het nachtteam').fill('Huisarts komt binnen het uur langs.');
    await detail.getByRole('button', { name: 'Antwoord versturen' }).click();
    await detail.getByText(/Visite huisarts: Huisarts komt binnen het uur langs\./).waitFor();
    await page.getByRole('button', { name: /Verdenking heupfractuur/ }).filter({ hasText: 'Beantwoord' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-referral-answered.png'), fullPage: true });
    expect(errors).toEqual([]);

    // Live, without a reload of the board.
    await history.getByRole('listitem').filter({ hasText: 'Antwoord huisartsenpost' }).getByText(/Visite huisarts: Huisarts komt binnen het uur langs\./).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await board.page.screenshot({ path: path.join(RESULTS, 'nightcare-referral-history.png'), fullPage: true });
    expect(board.errors).toEqual([]);

    // Another GP post sees nothing of it, not even when it knows the id.
    const other = await newPage(otherGpTriagist);
    await other.page.goto('/nightcare/referrals');
    await other.page.getByText('Geen verwijzingen.').waitFor();
    await other.page.goto(`/nightcare/referrals?referral=${referralId}`);
    await other.page.getByRole('alert').waitFor();
    await other.page.getByText(fullName('referred')).first().waitFor({ state: 'detached' });
    expect(other.errors).toEqual([]);
  });

  it('fits the referrals page and the handover page on a 360 px wide phone', async () => {
    expect(referredIncident).not.toBe('');
    const report = { actions: ['Heup gekoeld en gestabiliseerd', 'Huisarts opgevangen'], minutesOnSite: 45, minutesCorrectionReason: 'Verslag later op de avond geschreven', confirmUnansweredReferral: true, followUpNeeded: true, followUp: 'Uitslag foto heup nabellen bij de huisartsenpost' };
    expect((await nurse.session.post(`/api/nightcare/incidents/${referredIncident}/complete`, report)).statusCode).toBe(200);
    const alliance = await server.db.selectFrom('alliance').select(['time_zone', 'night_shift_start', 'night_shift_end']).where('id', '=', world.allianceId).executeTakeFirstOrThrow();
    const shift = lastEndedShift(new Date(), alliance.time_zone, { start: alliance.night_shift_start, end: alliance.night_shift_end });
    const at = (minutes: number) => new Date(shift.startsAt.getTime() + minutes * 60_000);
    await server.db.updateTable('incident').set({ received_at: at(190), on_site_at: at(205), closed_at: at(260) }).where('id', '=', referredIncident).execute();
    await sql`UPDATE gp_referral SET sent_at = ${at(215)} WHERE incident_id = ${referredIncident}`.execute(server.db);
    const phone = { width: 360, height: 780 };

    const gp = await newPage(gpTriagist, phone);
    await gp.page.goto('/nightcare/referrals');
    await gp.page.getByRole('button', { name: /Verdenking heupfractuur/ }).click();
    await gp.page.getByRole('article').getByText(/Visite huisarts:/).waitFor();
    expect(await gp.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await gp.page.screenshot({ path: path.join(RESULTS, 'nightcare-referrals-360.png'), fullPage: true });
    expect(gp.errors).toEqual([]);

    const day = await newPage(dayNurse, phone);
    await day.page.goto('/nightcare/handover');
    await day.page.getByRole('heading', { name: /Overdracht nacht van/ }).waitFor();
    await day.page.getByRole('heading', { name: new RegExp(fullName('referred')) }).waitFor();
    await day.page.getByText('Uitslag foto heup nabellen bij de huisartsenpost').waitFor();
    await day.page.getByText(/Antwoord \(Visite huisarts\): Huisarts komt binnen het uur langs\./).waitFor();
    expect(await day.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await day.page.screenshot({ path: path.join(RESULTS, 'nightcare-handover-360.png'), fullPage: true });
    expect(day.errors).toEqual([]);
  });
});
