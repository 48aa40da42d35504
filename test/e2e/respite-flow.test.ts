import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgreement } from '../../src/modules/alliance/index.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, openLoggedInPage, startE2eServer, type E2eServer, expectNoAxeViolations } from './support.js';

let smtp: SmtpCatcher;
let server: E2eServer;
let browser: Browser;
let world: World;
let intake: TestUser;
let careHome: TestUser;
const contexts: BrowserContext[] = [];

/** Days from today as an ISO date: the server runs on the real clock, and stays must be planned ahead. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const FIRST = inDays(30);

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  [server, browser] = await Promise.all([startE2eServer({ smtpUrl: smtp.url }), launchChromium()]);
  world = await createWorld(server.db);
  for (const organisationId of [world.homeOrg, world.partnerOrg]) {
    await createAgreement(server.db, SETUP, { allianceId: world.allianceId, organisationId, purposes: ['respite'], startsOn: '2020-01-01', signedBy: 'Director' });
  }
  // The home care organisation is Assen's intake here; the partner runs the care home with one bed.
  await server.db.insertInto('respite_intake').values({ alliance_id: world.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: world.homeOrg, email: 'intake@thuiszorg.example', phone: '0592 - 111 222' }).execute();
  const location = await server.db
    .insertInto('respite_location')
    .values({
      alliance_id: world.allianceId, organisation_id: world.partnerOrg, name: 'Zorgcentrum De Vijverhof', offer_type: 'care_home', description: 'Logeerkamer op de begane grond.', street: 'Vijverlaan 2', city: 'Assen', municipality: 'Assen',
      latitude: 52.99, longitude: 6.55, features: ['ground_floor'], capabilities: ['night_supervision'], funding_accepted: ['private'], price_per_night_cents: 14500, photos: [], accessibility: 'Drempelvrij.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.db.insertInto('respite_bed').values({ alliance_id: world.allianceId, location_id: location.id, label: '1' }).execute();
  intake = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['coordinator'], 'intake');
  careHome = await addUser(server.db, server.deps.secretBox, world.partnerOrg, ['coordinator'], 'carehome');
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('a respite stay from the public page to the care home, on a 360 px phone', () => {
  it('requests, proposes a series, confirms it after signing in from the mail, accepts it, and refills a cancellation from the waiting list', async () => {
    const email = 'els.mantelzorg@burger.example';
    // 1. The caregiver finds the place on the public page and sends a request.
    const phone = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(phone);
    phone.setDefaultTimeout(STEP_TIMEOUT_MS);
    const caregiver = await phone.newPage();
    const errors: string[] = [];
    caregiver.on('pageerror', (error) => errors.push(error.message));
    await caregiver.goto('/logeerzorg');
    await caregiver.getByRole('heading', { level: 3, name: 'Zorgcentrum De Vijverhof' }).waitFor();
    await caregiver.getByLabel('In welke gemeente woont uw naaste?').selectOption('Assen');
    await caregiver.getByLabel('Eerste nacht').fill(FIRST);
    await caregiver.getByLabel('Dag van vertrek').fill(inDays(32));
    await caregiver.getByLabel('Voor wie is het?').fill('Mijn man Gerrit');
    await caregiver.getByLabel('Uw naam').fill('Els de Vries');
    await caregiver.getByLabel('Uw e-mailadres').fill(email);
    await caregiver.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await caregiver.getByRole('heading', { name: 'Uw aanvraag is verstuurd' }).waitFor();

    // 2. The intake records the person, sees which places fit and why, and proposes three stays, six weeks apart.
    const { page: desk } = await openLoggedInPage(browser, server, contexts, intake);
    const client = await desk.request.post('/api/clients', { data: validClient({ givenName: 'Gerrit', familyName: 'de Vries', city: 'Assen', municipality: 'Assen' }) });
    const clientId = ((await client.json()) as { id: string }).id;
    const waiting = await desk.request.post('/api/clients', { data: validClient({ givenName: 'Hendrik', familyName: 'Wachter', city: 'Assen', municipality: 'Assen' }) });
    const waitingId = ((await waiting.json()) as { id: string }).id;
    await desk.goto('/respite/requests');
    await desk.getByRole('heading', { name: /Mijn man Gerrit/ }).waitFor();
    await desk.getByRole('button', { name: 'Behandelen' }).click();
    await desk.getByLabel('Cliënt').selectOption(clientId);
    await desk.getByRole('button', { name: 'Zoek passende plekken' }).click();
    // Who pays, for the request's dates: no Wmo decision yet, private payment always.
    await desk.getByRole('heading', { name: 'Wie betaalt, op de data van de aanvraag' }).waitFor();
    await desk.getByText('Er is geen Wmo-beschikking bekend.').waitFor();
    await expectNoAxeViolations(desk);
    await desk.getByRole('radio', { name: /Zorgcentrum De Vijverhof/ }).check();
    await desk.getByLabel('Herhalen').selectOption('6');
    await desk.getByRole('button', { name: 'Voorstel doen' }).click();
    await desk.getByText('Voorstel gedaan: 3 logeerperiode(s).').waitFor();
    const joined = await desk.request.post('/api/respite/waitlist', { data: { clientId: waitingId, locationId: (await server.db.selectFrom('respite_location').select('id').executeTakeFirstOrThrow()).id, from: inDays(70), to: inDays(76), contactEmail: 'wachtlijst@burger.example' } });
    expect(joined.status()).toBe(201);

    // 3. The caregiver signs in from the mail and confirms the series as a whole.
    const before = smtp.to(email).length;
    await caregiver.goto('/burger/inloggen?next=/burger/logeerzorg');
    await caregiver.getByLabel('Uw e-mailadres').fill(email);
    await caregiver.getByRole('button', { name: 'Stuur mij een link' }).click();
    const mail = await smtp.waitFor(email, { since: before });
    await caregiver.goto(/http:\/\/127\.0\.0\.1:\d+\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0] ?? '');
    await caregiver.getByRole('button', { name: 'Inloggen' }).click();
    await caregiver.getByRole('link', { name: /Mijn logeerzorg/ }).click();
    await caregiver.getByRole('heading', { name: 'Mijn logeerzorg', level: 1 }).waitFor();
    await expectNoAxeViolations(caregiver);
    await caregiver.getByRole('button', { name: 'Ja, ik wil alle keren' }).click();
    await caregiver.getByText('u zei ja, de plek beslist nog').first().waitFor();
    expect(await caregiver.getByText('u zei ja, de plek beslist nog').count()).toBe(3);
    await expectNoAxeViolations(caregiver);
    expect(await caregiver.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 4. The care home's coordinator accepts the three stays; the person's name shows through the stay grant.
    const { page: home } = await openLoggedInPage(browser, server, contexts, careHome);
    await home.goto('/respite/location');
    await home.getByRole('cell', { name: 'Gerrit de Vries' }).first().waitFor();
    for (let i = 0; i < 3; i++) {
      await home.getByRole('button', { name: /^Accepteren:/ }).first().click();
      await expect.poll(() => home.getByRole('button', { name: /^Accepteren:/ }).count()).toBe(2 - i);
    }

    // 5. The caregiver cancels the second stay; its nights go to the waiting list with a timed hold and an e-mail.
    await caregiver.reload();
    await caregiver.getByText('geboekt').first().waitFor();
    await caregiver.getByRole('button', { name: /^Annuleer / }).nth(1).click();
    await caregiver.getByText('geannuleerd').waitFor();
    const offer = await smtp.waitFor('wachtlijst@burger.example');
    expect(offer.subject).toContain('Zorgcentrum De Vijverhof');
    await home.reload();
    await home.getByText(/vastgehouden voor de wachtlijst/).waitFor();
    await home.getByText('plek aangeboden').waitFor();
    await home.getByRole('button', { name: /^Aanbod aangenomen:/ }).click();
    await expect.poll(() => home.getByRole('cell', { name: 'Hendrik Wachter' }).count()).toBe(1);
    const stays = await server.db.selectFrom('respite_booking').select(['client_id', 'status']).where('kind', '=', 'stay').orderBy('nights').execute();
    expect(stays.filter((s) => s.client_id === waitingId).map((s) => s.status)).toEqual(['booked']);
    expect(errors).toEqual([]);
  });
});
