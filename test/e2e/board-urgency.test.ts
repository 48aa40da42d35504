import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { sweepOverdue } from '../../src/modules/nightcare/index.js';
import { login, type Session } from '../support/app.js';
import { addUser, createWorld, openNightShift, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, LIVE_TIMEOUT_MS, openLoggedInPage, RESULTS, startE2eServer, type E2eServer, axeViolations } from './support.js';

const CLIENT = { givenName: 'Trijntje', familyName: 'Zoekbaar', dateOfBirth: '1929-05-03', postcode: '7812 CD', houseNumber: '7', city: 'Emmen', alarmAccount: '5EA2C4' };

let server: E2eServer;
let browser: Browser;
let world: World;
let coordinator: TestUser;
let coordinatorApi: Session;
let closeApi: () => Promise<void>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The test runs the overdue sweep itself, on a clock ahead; the timer sweeps stay off so nothing else raises alerts.
  [server, browser] = await Promise.all([startE2eServer({ nightcareSweeps: false }), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  coordinator = await addUser(db, secretBox, world.partnerOrg, ['coordinator'], 'urgencycoord');
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: world.partnerOrg });
  await openNightShift(db, world.allianceId);
  const { buildApp } = await import('../../src/app.js');
  const api = await buildApp({ ...server.deps, logLevel: 'silent', nightcareSweeps: false });
  closeApi = () => api.close();
  coordinatorApi = await login(api, coordinator);
  const registrar = await login(api, await addUser(db, secretBox, world.homeOrg, ['coordinator'], 'urgencyregistrar'));
  expect((await registrar.post('/api/clients', validClient(CLIENT))).statusCode).toBe(201);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await closeApi?.();
  await browser?.close();
  await server?.close();
});

/** Counts the beeps and the browser notifications the page makes, instead of playing or showing them. */
async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { beeps: number; notes: string[] };
    w.beeps = 0;
    w.notes = [];
    class FakeAudio {
      currentTime = 0;
      destination = {};
      constructor() {
        w.beeps += 1;
      }
      createGain() {
        return { gain: { value: 0 }, connect: () => undefined };
      }
      createOscillator() {
        return { frequency: { value: 0 }, connect: () => undefined, start: () => undefined, stop: () => undefined, onended: null };
      }
      close() {
        return Promise.resolve();
      }
    }
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title: string, options: { body: string }) {
        w.notes.push(`${title}: ${options.body}`);
      }
    }
    Object.assign(window, { AudioContext: FakeAudio, Notification: FakeNotification });
  });
}

const counts = (page: Page) => page.evaluate(() => ({ beeps: (window as unknown as { beeps: number }).beeps, notes: (window as unknown as { notes: string[] }).notes }));

describe('urgency on the coordinator’s board', () => {
  it('counts down to the U1 deadline, turns amber then red, and shows the closed-loop alert live with a beep, a notification and the open count in the title', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator, { width: 1280, height: 800 });
    await recordAlerts(page);
    await page.clock.install();
    await page.goto('/nightcare');
    await page.getByRole('heading', { name: 'Meldingenbord nachtzorg' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    // The board's first list is what later alarms are new against: an alarm that lands before it loads is
    // part of that first list and rightly makes no sound, so wait for the (empty) list first.
    await page.getByText('Geen meldingen die bij de filters passen.').waitFor();

    const created = await coordinatorApi.post('/api/nightcare/incidents', { reason: 'breathlessness', urgency: 'U1', note: 'Beller hoort zware ademhaling' });
    const incidentId = created.json<{ incidentId: string }>().incidentId;
    const item = page.getByRole('list', { name: 'Meldingen' }).getByRole('button', { name: /Kortademig|Benauwd|U1/ });
    await item.waitFor();
    await expect.poll(async () => (await counts(page)).beeps).toBe(1);
    expect((await counts(page)).notes).toHaveLength(1);
    await expect.poll(() => page.title()).toBe('(1) Meldingenbord nachtzorg');
    await item.click();
    const panel = page.getByRole('article');
    await panel.getByText('Bel 112').waitFor();
    await panel.getByText(/nog 1[45] min tot de norm/).waitFor();
    expect(await panel.locator('.nc-timer').getAttribute('class')).toContain('nc-timer--ok');

    await page.clock.fastForward('11:00');
    await panel.locator('.nc-timer--amber').waitFor();
    await page.clock.fastForward('05:00');
    await panel.locator('.nc-timer--red').getByText(/[01] min over tijd/).waitFor();
    await item.locator('.nc-timer--red').waitFor();

    // The server's sweep, as it would run 16 minutes after receipt: the alert comes over the live stream.
    await sweepOverdue(server.deps, new Date(Date.now() + 16 * 60_000));
    const alert = page.getByRole('alert').filter({ hasText: 'zonder verpleegkundige ter plaatse na de norm' });
    await alert.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await alert.getByText(/^U1 · /).waitFor();
    await expect.poll(async () => (await counts(page)).beeps).toBe(2);
    expect((await counts(page)).notes.at(-1)).toMatch(/nog niemand ter plaatse/);
    await panel.getByText('Waarschuwing: niemand ter plaatse binnen de norm').waitFor();

    // The second alert, after the alliance's repeat delay (10 minutes by default).
    await sweepOverdue(server.deps, new Date(Date.now() + 27 * 60_000));
    await alert.getByText(/tweede waarschuwing/).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await panel.getByText('Tweede waarschuwing: nog steeds niemand ter plaatse').waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'board-overdue.png') });
    expect(new URL(page.url()).searchParams.get('incident')).toBe(incidentId);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('mutes the beep for the chosen minutes and then says the sound is back', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator, { width: 1280, height: 800 });
    await recordAlerts(page);
    await page.clock.install();
    await page.goto('/nightcare');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.getByLabel('Geluid uit voor').selectOption('5');
    await page.getByRole('button', { name: 'Geluid uit', exact: true }).click();
    await page.getByText(/Geluid uit tot/).waitFor();
    await coordinatorApi.post('/api/nightcare/incidents', { reason: 'anxiety', urgency: 'U4' });
    await page.getByRole('list', { name: 'Meldingen' }).getByRole('button', { name: /U4/ }).waitFor();
    expect((await counts(page)).beeps).toBe(0);
    await page.clock.fastForward('05:30');
    await page.getByText('Het geluid staat weer aan: de ingestelde tijd is om.').waitFor();
    expect(errors).toEqual([]);
  });

  it('finds the caller by family name with a Dutch date of birth, by postcode without a space, by alarm account, and narrows by town', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, coordinator, { width: 1280, height: 800 });
    await page.goto('/nightcare');
    await page.getByRole('button', { name: 'Telefonische melding invoeren' }).click();
    const search = page.getByRole('group', { name: 'Cliënt zoeken in de identificatie-index' });
    await search.getByLabel('Telefoonnummer beller').fill('+31591123456');
    const searches: Record<string, string>[] = [
      { Achternaam: 'zoekbaar', Geboortedatum: '03-05-1929' },
      { Postcode: '7812cd', Huisnummer: '7' },
      { Alarmaccount: '5ea2c4' },
      { Achternaam: 'Zoekbaar', Geboortedatum: '1929-05-03', Woonplaats: 'emmen' },
    ];
    for (const criteria of searches) {
      for (const label of ['Achternaam', 'Geboortedatum', 'Postcode', 'Huisnummer', 'Alarmaccount', 'Woonplaats']) await search.getByLabel(label, { exact: true }).fill(criteria[label] ?? '');
      await search.getByRole('button', { name: 'Zoeken' }).click();
      await search.getByRole('radio', { name: /Zoekbaar, Trijntje/ }).waitFor();
      await search.getByRole('radio', { name: 'Onbekend (nog niet geïdentificeerd)' }).check();
    }
    for (const label of ['Postcode', 'Huisnummer', 'Alarmaccount']) await search.getByLabel(label, { exact: true }).fill('');
    await search.getByLabel('Woonplaats', { exact: true }).fill('Assen');
    await search.getByRole('button', { name: 'Zoeken' }).click();
    await search.getByText('Geen cliënten gevonden.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
