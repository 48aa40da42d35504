import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember, createStaff } from '../../src/modules/alliance/index.js';
import { CSV_COLUMNS } from '../../src/modules/clients/index.js';
import { grantAssignmentAccess } from '../../src/platform/access/index.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { CSV_TEMPLATE_COLUMNS } from '../../web/src/pages/clients/csv-template.js';
import { login } from '../support/app.js';
import { addUser, createWorld, openNightShift, SETUP, validClient, type TestUser } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, loginThroughApi, RESULTS, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let admin: TestUser;
let homeNurse: TestUser;
let partnerNurse: TestUser;
let clientId: string;
let homeOrg: string;
let allianceId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  homeOrg = world.homeOrg;
  allianceId = world.allianceId;
  admin = await addUser(db, secretBox, world.homeOrg, ['organisation_admin'], 'admin');
  homeNurse = await addUser(db, secretBox, world.homeOrg, ['nurse'], 'nurse');
  partnerNurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'night-nurse');
  // Break-the-glass is for the night team on duty: the nurse is in it, and the night shift runs now.
  await addTeamMember(db, { allianceId: world.allianceId, teamName: 'Night team', userId: partnerNurse.id, organisationId: world.partnerOrg });
  await openNightShift(db, world.allianceId);
  // Clients are registered through the API, as an administrator would; the browser tests read them.
  const { buildApp } = await import('../../src/app.js');
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const session = await login(api, admin);
  const created = await session.post('/api/clients', validClient());
  expect(created.statusCode).toBe(201);
  clientId = (created.json<{ id: string }>()).id;
  const neighbours = [
    { givenName: 'Grietje', familyName: 'de Vries-van der Molen', street: 'Kerkstraat', houseNumber: '3a' },
    { givenName: 'Hendrik', familyName: 'Jansen', street: 'Weerdingerstraat', houseNumber: '118' },
    { givenName: 'Aaltje', familyName: 'Mulder', street: 'Noorderstraat', houseNumber: '7' },
  ];
  for (const n of neighbours) expect((await session.post('/api/clients', validClient(n))).statusCode).toBe(201);
  await api.close();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile; page errors (uncaught exceptions, CSP violations thrown as errors) fail the test. */
async function newPage(options: { viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: options.viewport ?? { width: 1024, height: 800 } });
  contexts.push(context);
  // Fail on the step that hangs, well before the test's own timeout.
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function loginInBrowser(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  const code = page.getByLabel('Code uit je authenticator-app');
  await code.waitFor();
  expect(await code.getAttribute('inputmode')).toBe('numeric');
  expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
  await code.fill(currentTotp(user.totpSecret));
  await page.getByRole('button', { name: 'Code controleren' }).click();
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

describe('web shell in the browser', () => {
  it('logs a nurse in with a TOTP code, finds a client by name and shows the night summary with allergies', async () => {
    const { page, errors } = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await loginInBrowser(page, homeNurse);
    // A nurse's home is the nurse app; the client search is one menu item away.
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    await page.goto('/clients');
    await page.getByRole('heading', { name: 'Cliënten', level: 1 }).waitFor();

    await page.getByLabel('Naam of straat').fill('bakker');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.waitForURL(/q=bakker/);
    const link = page.getByRole('link', { name: /Bakker, Jantje/ });
    await link.waitFor();
    expect(await page.getByRole('link', { name: /Jansen, Hendrik/ }).count()).toBe(0);
    await link.click();

    await page.getByRole('heading', { name: 'Jantje Bakker', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Nachtoverzicht' }).click();
    const allergies = page.locator('.night__block', { hasText: 'Allergieën' });
    await allergies.getByText('Penicillin').waitFor();
    expect(await page.getByText('Valrisico').isVisible()).toBe(true);

    // The key-safe code is fetched only after the explicit action, and only during an active assignment,
    // even for the client's own organisation.
    expect(await page.getByText('4321').count()).toBe(0);
    await page.getByRole('button', { name: 'Toon sleutelkluiscode' }).click();
    await page.getByText('De code is alleen te zien tijdens een actieve inzet of geplande zorg.').waitFor();
    expect(await page.getByText('4321').count()).toBe(0);
    await grantAssignmentAccess(server.deps.db, {
      allianceId,
      clientId,
      userId: homeNurse.id,
      organisationId: homeOrg,
      reference: 'visit:web-shell',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    await page.getByRole('button', { name: 'Toon sleutelkluiscode' }).click();
    await page.getByText('4321').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a nurse of another organisation without an assignment the refusal, and the night summary after break-the-glass', async () => {
    const { page, errors } = await newPage();
    await page.goto(`/clients/${clientId}`);
    await page.waitForURL(/\/login\?next=/);
    await loginInBrowser(page, partnerNurse);
    await page.waitForURL(new RegExp(`/clients/${clientId}$`));
    await page.getByRole('heading', { name: 'Geen toegang of cliënt niet gevonden' }).waitFor();
    expect(await page.getByText('Penicillin').count()).toBe(0);
    // The form says who may use it and that every use is reviewed.
    await page.getByText(/verpleegkundigen van het nachtteam en de dienstdoende nachtcoördinator.*elke noodtoegang wordt door de organisatie van de cliënt beoordeeld/).waitFor();

    // Too short a reason is refused with a field message tied to the input.
    const reason = page.getByLabel('Reden van de noodtoegang');
    await reason.fill('kort');
    await page.getByRole('button', { name: 'Noodtoegang gebruiken' }).click();
    await page.getByText('Beschrijf de noodsituatie in minstens 10 tekens.').first().waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');

    await reason.fill('Alarm zonder spraakverbinding, cliënt reageert niet');
    await page.getByRole('button', { name: 'Noodtoegang gebruiken' }).click();
    await page.getByRole('tab', { name: 'Nachtoverzicht' }).waitFor();
    await page.getByText('Penicillin').waitFor();
    expect(await page.getByText('noodtoegang').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('fits a 360 px wide phone: client list and night summary without horizontal scrolling', async () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    const { context, page, errors } = await newPage({ viewport: { width: 360, height: 740 } });
    await loginThroughApi(context, server.baseUrl, homeNurse);

    await page.goto('/clients');
    await page.getByRole('link', { name: /Bakker, Jantje/ }).waitFor();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: path.join(RESULTS, 'clients-360.png'), fullPage: true });

    await page.goto(`/clients/${clientId}?tab=night`);
    await page.getByText('Penicillin').waitFor();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: path.join(RESULTS, 'night-summary-360.png'), fullPage: true });

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Overal uitloggen' }).waitFor();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: path.join(RESULTS, 'menu-360.png') });

    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('tab', { name: 'Night summary' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The menu stays open while the language changes.
    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('tab', { name: 'Nachtoverzicht' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('theme in the browser', () => {
  it('follows the system\'s dark or light setting, also when it changes while the page is open, unless the user picked one', async () => {
    const { page, errors } = await newPage();
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--c-bg').trim());
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/login');
    await page.getByLabel('E-mailadres').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await background();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background()).not.toBe(dark);
    // A stored choice wins over the system.
    await page.evaluate(() => localStorage.setItem('sz.theme', 'dark'));
    await page.reload();
    await page.getByLabel('E-mailadres').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe(dark);
    expect(errors).toEqual([]);
  });
});

describe('two-step set-up in the browser', () => {
  it('makes a nurse without a second factor set one up before anything else, then lets her in', async () => {
    const email = `new-nurse-${Date.now()}@test.example`;
    await createStaff(server.db, SETUP, homeOrg, { email, name: 'New nurse', password: 'a-long-enough-password', roles: ['nurse'] });
    const { page, errors } = await newPage();
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Tweestapsverificatie instellen' }).waitFor();
    await page.getByRole('button', { name: 'Instellen' }).click();
    const secret = ((await page.getByLabel('Geheime sleutel').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Code uit je authenticator-app').fill('000000');
    await page.getByRole('button', { name: 'Inschakelen' }).click();
    await page.getByText('Deze code klopt niet').first().waitFor();
    await page.getByLabel('Code uit je authenticator-app').fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Inschakelen' }).click();
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('administration in the browser', () => {
  it('refuses a CSV import with a bad row, showing the refused rows and that nothing was imported, then imports a good file', async () => {
    const { context, page, errors } = await newPage();
    await loginThroughApi(context, server.baseUrl, admin);
    await page.goto('/clients/import');
    const header = CSV_TEMPLATE_COLUMNS.slice(0, 8).join(';');
    const bad = `${header}\nKlaas;Smit;1941-05-02;Dorpsstraat;4;7812 CD;Emmen;Emmen\nPiet;;2999-01-01;Dorpsstraat;5;78;Emmen;Emmen\n`;
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'clienten.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Uploaden en importeren' }).click();
    await page.getByRole('heading', { name: 'Geweigerde regels' }).waitFor();
    expect(await page.getByText('Er is niets geïmporteerd').first().isVisible()).toBe(true);
    const table = page.getByRole('region', { name: 'Geweigerde regels' });
    expect(await table.getByRole('rowheader', { name: '3' }).count()).toBe(1);
    expect(await table.getByText('postcode', { exact: true }).count()).toBe(1);

    const good = `${header}\nKlaas;Smit;1941-05-02;Dorpsstraat;4;7812 CD;Emmen;Emmen\nPiet;Smit;1944-01-01;Dorpsstraat;5;7812 CD;Emmen;Emmen\n`;
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'clienten.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Uploaden en importeren' }).click();
    await page.getByText('2 cliënten geïmporteerd.').waitFor();
    expect(errors).toEqual([]);
  });

  it('makes a letter batch with a progress bar and then offers the PDF', async () => {
    const { context, page, errors } = await newPage();
    await loginThroughApi(context, server.baseUrl, admin);
    await page.goto('/letters');
    await page.getByLabel('Brieven als verstuurd vastleggen').uncheck();
    await page.getByRole('button', { name: 'Brieven maken' }).click();
    await page.locator('progress').waitFor();
    const download = page.getByRole('link', { name: 'Pdf downloaden' });
    await download.waitFor({ timeout: 20_000 });
    const pdf = await context.request.get(`${server.baseUrl}${await download.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(errors).toEqual([]);
  });

  it('shows field errors of a refused new client next to the inputs and focuses the summary', async () => {
    const { context, page } = await newPage();
    await loginThroughApi(context, server.baseUrl, admin);
    await page.goto('/clients/new');
    await page.getByLabel('Voornaam').fill('Berend');
    await page.getByLabel('Postcode').fill('78');
    await page.getByRole('button', { name: 'Cliënt opslaan' }).click();
    await page.getByRole('heading', { name: 'Controleer de volgende punten' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const postcode = page.getByLabel('Postcode');
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await postcode.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop() ?? ''}"]`).textContent()).toBe('Vul een postcode in zoals 7811 AB.');
    expect(await page.getByLabel('Voornaam').getAttribute('aria-invalid')).toBeNull();

    await page.getByLabel('Achternaam').fill('Kuiper');
    await page.getByLabel('Geboortedatum').fill('1936-11-30');
    await page.getByLabel('Straat').fill('Brink');
    await page.getByLabel('Huisnummer').fill('1');
    await postcode.fill('7812 CD');
    await page.getByLabel('Woonplaats').fill('Emmen');
    await page.getByLabel('Gemeente').fill('Emmen');
    await page.getByRole('button', { name: 'Cliënt opslaan' }).click();
    await page.getByRole('heading', { name: 'Berend Kuiper', level: 1 }).waitFor();
  });
});

describe('web shell resources', () => {
  // Every language has every key of Dutch, and each text keeps the {{placeholders}} of the Dutch one.
  const entries = (value: unknown, prefix = ''): [string, string][] =>
    value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, String(value)]];
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
  const expectParity = (nl: unknown, other: unknown) => {
    const dutch = new Map(entries(nl));
    const translated = new Map(entries(other));
    expect([...translated.keys()].sort()).toEqual([...dutch.keys()].sort());
    for (const [key, text] of translated) expect(placeholders(text), key).toEqual(placeholders(dutch.get(key) ?? ''));
  };

  it('has the same translation keys in Dutch, English and Danish', async () => {
    const { default: nl } = await import('../../web/src/i18n/nl.json', { with: { type: 'json' } });
    const { default: en } = await import('../../web/src/i18n/en.json', { with: { type: 'json' } });
    const { default: da } = await import('../../web/src/i18n/da.json', { with: { type: 'json' } });
    expectParity(nl, en);
    expectParity(nl, da);
  });

  it('has the same night-care keys in Dutch, English and Danish', async () => {
    const { default: nl } = await import('../../web/src/i18n/nightcare.nl.json', { with: { type: 'json' } });
    const { default: en } = await import('../../web/src/i18n/nightcare.en.json', { with: { type: 'json' } });
    const { default: da } = await import('../../web/src/i18n/nightcare.da.json', { with: { type: 'json' } });
    expectParity(nl, en);
    expectParity(nl, da);
  });

  it('offers a CSV template with exactly the columns the import reads', () => {
    expect([...CSV_TEMPLATE_COLUMNS]).toEqual([...CSV_COLUMNS]);
  });
});
