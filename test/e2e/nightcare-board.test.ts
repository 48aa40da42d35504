import path from 'node:path';
import { connect } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { encodeFrame, startAlarmReceiver, type AlarmReceiver } from '../../src/modules/nightcare/index.js';
import { lastEndedShift, shiftAt } from '../../src/modules/nightteam/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, LIVE_TIMEOUT_MS, openLoggedInPage, RESULTS, startE2eServer, type E2eServer } from './support.js';

const ACCOUNT = 'E2E0A1';
const CLIENT = { givenName: 'Geesje', familyName: 'Nachtklant' };

let server: E2eServer;
let browser: Browser;
let receiver: AlarmReceiver;
let world: World;
let coordinator: TestUser;
let nurse: { user: TestUser; session: Session };
let dayNurse: TestUser;
let registrar: Session;
let clientId = '';
let closeApi: () => Promise<void>;
let incidentId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db, { plannedVisits: true });
  coordinator = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'nightcoord');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: world.partnerOrg });
  dayNurse = await addUser(db, secretBox, world.homeOrg, ['nurse'], 'daynurse');
  // API calls of the other people in the story go through an app of their own on the same database.
  const { buildApp } = await import('../../src/app.js');
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  closeApi = () => api.close();
  const nurseUser = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'nightnurse');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: nurseUser.id, organisationId: world.partnerOrg });
  nurse = { user: nurseUser, session: await login(api, nurseUser) };
  expect((await nurse.session.post('/api/nightcare/duty', { skills: ['lifting'] })).statusCode).toBe(200);
  // Duty starts at the next shift; for the test the shift is now.
  await db.updateTable('nurse_duty').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 6 * 3600_000) }).where('user_id', '=', nurseUser.id).execute();
  expect((await nurse.session.post('/api/nightcare/position', { latitude: 52.78, longitude: 6.9 })).statusCode).toBe(200);
  registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'registrar'));
  const created = await registrar.post('/api/clients', validClient({ ...CLIENT, alarmAccount: ACCOUNT }));
  expect(created.statusCode).toBe(201);
  clientId = created.json<{ id: string }>().id;
  // The coordinator triages by hand: no automatic dispatch from the receiver.
  receiver = await startAlarmReceiver(server.deps, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, dispatch: false, closeGraceMs: 200 });
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await receiver?.close();
  await closeApi?.();
  await browser?.close();
  await server?.close();
});

const newPage = (user: TestUser, viewport?: { width: number; height: number }) => openLoggedInPage(browser, server, contexts, user, viewport);

/** A personal-alarm transmitter: one SIA DC-09 Contact ID frame over TCP, resolved on the receiver's reply. */
async function sendDc09Alarm(account: string): Promise<void> {
  const frame = encodeFrame({ token: 'ADM-CID', sequence: 1, line: '0', account, data: `#${account}|1101 01 001`, timestamp: new Date() });
  const socket = connect(receiver.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('data', () => resolve());
    socket.once('connect', () => socket.write(frame));
  });
  socket.destroy();
}

describe('night-care board in the browser', () => {
  it('shows an alarm sent over DC-09 on the open board live, without reload; the coordinator triages and assigns with one click', async () => {
    const { page, errors } = await newPage(coordinator);
    // A controllable clock (running at normal speed) for the "x min geleden" counter below.
    await page.clock.install();
    await page.goto('/nightcare');
    await page.getByRole('heading', { name: 'Meldingenbord nachtzorg' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.getByText('Geen meldingen die bij de filters passen.').waitFor();
    // A marker on the window: still there afterwards means the page was never reloaded.
    await page.evaluate(() => ((window as unknown as { boardMarker: number }).boardMarker = 42));

    await sendDc09Alarm(ACCOUNT);
    const item = page.getByRole('list', { name: 'Meldingen' }).getByRole('button', { name: /Geesje Nachtklant/ });
    await item.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await page.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(42);
    await item.getByText('Persoonlijk alarm').waitFor();

    await item.click();
    const panel = page.getByRole('article');
    await panel.getByRole('heading', { name: /Persoonlijk alarm/ }).waitFor();
    incidentId = new URL(page.url()).searchParams.get('incident') ?? '';
    expect(incidentId).not.toBe('');
    await panel.getByText('Melding ontvangen').waitFor();
    await panel.getByLabel('U2 spoed').check();
    await panel.getByRole('button', { name: 'Triage opslaan' }).click();
    const assign = panel.getByRole('button', { name: /^Toewijzen aan nightnurse/ });
    await assign.waitFor();
    // The triage form is replaced: focus goes to the panel's heading, and the result is announced.
    await page.waitForFunction(() => document.activeElement?.id === 'panel-title');
    await page.getByRole('status').filter({ hasText: 'Triage opgeslagen: U2' }).waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.querySelector('.region-map')?.getAttribute('data-ready') === 'true' || !!document.querySelector('.region-map--failed'));
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-board-triaged.png'), fullPage: true });
    await assign.click();
    await panel.getByText(/Aangeboden aan nightnurse/).first().waitFor();
    // The list refreshes on the live event, a moment after the panel.
    await item.getByText('Aangeboden').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
    await page.getByRole('status').filter({ hasText: 'Melding aangeboden aan nightnurse' }).waitFor({ state: 'attached' });
    // "x min geleden" counts on without a live event.
    await item.getByText(/ · [01] min geleden$/).waitFor();
    await page.clock.fastForward('10:00');
    await item.getByText(/ · 1[01] min geleden$/).waitFor();

    // The nurse answers from the nurse app (here through the API); the board follows live.
    const base = `/api/nightcare/incidents/${incidentId}`;
    expect((await nurse.session.post(`${base}/accept`)).statusCode).toBe(200);
    expect((await nurse.session.post(`${base}/status`, { status: 'en_route' })).statusCode).toBe(200);
    expect((await nurse.session.post(`${base}/status`, { status: 'on_site' })).statusCode).toBe(200);
    await panel.getByText('Ter plaatse', { exact: true }).first().waitFor();
    const report = { actions: ['Geholpen met opstaan', 'Gecontroleerd op letsel'], minutesOnSite: 30, minutesCorrectionReason: 'Ter plaatse te laat aangetikt', followUpNeeded: true, followUp: 'Fysiotherapeut laten kijken naar het lopen' };
    expect((await nurse.session.post(`${base}/complete`, report)).statusCode).toBe(200);
    await panel.getByText('Geholpen met opstaan').waitFor();
    await panel.getByText('Afgerond met verslag').waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-board-completed.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('fits a 360 px wide phone: list first, map collapsed, no horizontal overflow', async () => {
    const { page, errors } = await newPage(coordinator, { width: 360, height: 780 });
    await page.goto('/nightcare');
    await page.getByRole('heading', { name: 'Meldingenbord nachtzorg' }).waitFor();
    await page.getByLabel('Status').selectOption('all');
    await page.getByRole('list', { name: 'Meldingen' }).getByRole('button', { name: /Geesje Nachtklant/ }).click();
    await page.getByRole('article').getByText('Verloop').waitFor();
    expect(await page.getByRole('button', { name: 'Kaart tonen' }).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-board-360.png'), fullPage: true });
    await page.getByRole('button', { name: 'Kaart tonen' }).click();
    await page.waitForFunction(() => document.querySelector('.region-map')?.getAttribute('data-ready') === 'true' || !!document.querySelector('.region-map--failed'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-board-360-map.png') });
    expect(errors).toEqual([]);
  });

  it("lists the incident on the morning handover of the client's home organisation, which the day team acknowledges", async () => {
    expect(incidentId).not.toBe('');
    const alliance = await server.db.selectFrom('alliance').select(['time_zone', 'night_shift_start', 'night_shift_end']).where('id', '=', world.allianceId).executeTakeFirstOrThrow();
    const shift = lastEndedShift(new Date(), alliance.time_zone, { start: alliance.night_shift_start, end: alliance.night_shift_end });
    const at = (minutes: number) => new Date(shift.startsAt.getTime() + minutes * 60_000);
    await server.db.updateTable('incident').set({ received_at: at(90), on_site_at: at(110), closed_at: at(150) }).where('id', '=', incidentId).execute();

    const { page, errors } = await newPage(dayNurse, { width: 390, height: 844 });
    await page.goto('/nightcare/handover');
    await page.getByRole('heading', { name: /Overdracht nacht van/ }).waitFor();
    await page.getByRole('heading', { name: /Geesje Nachtklant/ }).waitFor();
    await page.getByText('Fysiotherapeut laten kijken naar het lopen').waitFor();
    expect(await page.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(`/api/nightcare/handovers/${shift.night}/pdf`);
    await page.getByRole('button', { name: 'Overdracht gelezen' }).click();
    await page.getByText(/Gelezen door daynurse/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-handover.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('plans the night: visits per nurse on the timeline and the map, with solver progress, stopped early by the coordinator', async () => {
    const alliance = await server.db.selectFrom('alliance').select(['time_zone', 'night_shift_start', 'night_shift_end']).where('id', '=', world.allianceId).executeTakeFirstOrThrow();
    const shift = shiftAt(new Date(), alliance.time_zone, { start: alliance.night_shift_start, end: alliance.night_shift_end });
    const night = shift.night;
    // The nurse's duty (now, for the board) stretches over the whole night to plan: from its start when
    // the test runs during that night (a visit at 23:30 must still fit at 02:00), to its end.
    const startsAt = new Date(Math.min(Date.now(), shift.startsAt.getTime()));
    await server.db.updateTable('nurse_duty').set({ starts_at: startsAt, ends_at: shift.endsAt }).where('user_id', '=', nurse.user.id).execute();
    const visits = [
      { task: 'Insuline spuiten', windowStart: '23:30', windowEnd: '00:30', durationMinutes: 15 },
      { task: 'Wisselhouding', windowStart: '02:00', windowEnd: '03:00', durationMinutes: 20 },
      { task: 'Katheter controleren', windowStart: '04:30', windowEnd: '06:00', durationMinutes: 25 },
    ];
    for (const v of visits) expect((await registrar.post('/api/planning/visits', { clientId, night, ...v })).statusCode).toBe(201);

    const { page, errors } = await newPage(coordinator);
    await page.goto(`/planning?night=${night}`);
    await page.getByRole('heading', { name: 'Nachtplanning' }).waitFor();
    await page.getByText(/3 geplande bezoeken, 1 verpleegkundigen in dienst/).waitFor();
    await page.getByRole('button', { name: 'Nacht plannen' }).click();
    // The coordinator need not wait out the time limit: stop keeps the best plan so far.
    await page.getByRole('button', { name: 'Stoppen en het beste plan houden' }).click();
    await page.getByText('Planning klaar').waitFor({ timeout: 15_000 });
    await page.getByText('Gestopt voor de tijdslimiet: het beste plan tot dan toe is bewaard.').waitFor();
    // No OSRM server is configured here: the page says the travel times are estimated.
    await page.getByText(/Reistijden zijn geschat/).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.gantt__bar').length === 3);
    await page.waitForFunction(() => document.querySelector('.region-map')?.getAttribute('data-ready') === 'true' || !!document.querySelector('.region-map--failed'));
    await page.screenshot({ path: path.join(RESULTS, 'planning-night.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  // The cost statement moved to its own page for administrators (test/e2e/management.test.ts).
  it('shows the night-care figures as charts', async () => {
    const { page, errors } = await newPage(coordinator);
    await page.goto('/nightcare/kpis');
    await page.getByRole('heading', { name: 'Nachtzorgcijfers' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.nc-chart svg').length >= 4);
    expect(await page.locator('.nc-chart svg').count()).toBe(4);
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-kpis.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows the alarm account on the board for an alarm from an account no client has', async () => {
    const { page, errors } = await newPage(coordinator);
    await page.goto('/nightcare');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await sendDc09Alarm('E2E0FF');
    const item = page.getByRole('list', { name: 'Meldingen' }).getByRole('button', { name: /Onbekende melder · alarmaccount E2E0FF/ });
    await item.waitFor({ timeout: LIVE_TIMEOUT_MS });
    // Shown whole, not cut off by the title's ellipsis.
    expect(await item.locator('.nc-item__title').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await item.click();
    await page.getByRole('article').getByText('Onbekende melder met alarmaccount E2E0FF: nog niet gekoppeld aan een cliënt.').waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'nightcare-board-unidentified.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

