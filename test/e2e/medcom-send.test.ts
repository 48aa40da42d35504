import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createApiKey, setSorCode } from '../../src/modules/alliance/index.js';
import { login } from '../support/app.js';
import { haveMedcomExamples, medcomExample } from '../support/medcom.js';
import { addUser, createWorld, validClient, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

/** Issue 17 item 4: Danish staff send a CareCommunication from the MedCom page and answer a received one; a Dutch alliance has no MedCom entry. */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOME_SOR = '953741000016009';
const GP_SOR = '900000000000003';
const RECEIVED = 'carecommunication/examples/receive/Bundle-R-A-new-b10f940e-2000-4ec8-9e0b-a3fb60fc5bb5.json';

let server: E2eServer;
let browser: Browser;
let danish: TestUser;
let dutch: TestUser;
let gpPost: string;
const contexts: BrowserContext[] = [];

/** The vendored received example, re-addressed to our SOR id, as the gateway would deliver it. */
async function deliverReceived(key: string): Promise<void> {
  type Resource = { resourceType: string; id?: string; identifier?: { system: string; value: string }[]; destination?: { receiver: { reference: string } }[] };
  const bundle = medcomExample(RECEIVED) as { entry: { resource: Resource }[] };
  const header = bundle.entry[0]!.resource;
  const receiverId = header.destination![0]!.receiver.reference.split('/').pop();
  const receiver = bundle.entry.find((e) => e.resource.resourceType === 'Organization' && e.resource.id === receiverId)!.resource;
  receiver.identifier = [{ system: 'urn:oid:1.2.208.176.1.1', value: HOME_SOR }];
  const answer = await fetch(`${server.baseUrl}/api/medcom/inbox`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(bundle) });
  expect(((await answer.json()) as { outcome: string }).outcome).toBe('processed');
}

async function expectNoViolations(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

beforeAll(async () => {
  if (!haveMedcomExamples) return;
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const world = await createWorld(server.db);
  gpPost = world.gpPost;
  await setSorCode(server.db, world.homeOrg, HOME_SOR);
  await setSorCode(server.db, world.gpPost, GP_SOR);
  const gateway = (await createApiKey(server.db, world.homeOrg, 'VANS gateway', true)).key;
  danish = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['coordinator'], 'medcom-send');
  const netherlands = await createWorld(server.db);
  dutch = await addUser(server.db, server.deps.secretBox, netherlands.homeOrg, ['coordinator'], 'medcom-dutch');
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const session = await login(api, danish);
  expect((await session.post('/api/clients', validClient({ familyName: 'Elmer', cpr: '250947-9989' }))).statusCode).toBe(201);
  await api.close();
  await deliverReceived(gateway);
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe.skipIf(!haveMedcomExamples)('sending MedCom messages from the screen', () => {
  it('sends a CareCommunication to the GP partner, shows it in the outbox, answers a received one, with focus on errors and no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, danish);
    await page.goto('/');
    // The menu speaks the user's language (Dutch by default); the MedCom page speaks Danish.
    await page.getByRole('navigation').getByRole('link', { name: 'MedCom-berichten' }).click();
    await page.getByRole('heading', { name: 'Send korrespondancemeddelelse' }).waitFor();
    await page.getByRole('table', { name: 'Modtagne beskeder, nyeste først' }).getByRole('row', { name: /Kritisk tilstand/ }).waitFor();
    await expectNoViolations(page);

    // Nothing filled in: the summary takes the focus and names the person first.
    await page.getByRole('button', { name: 'Send besked' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Borgerens CPR-nummer' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('Modtager', { exact: true }).selectOption(gpPost);
    // An unknown number (one the user may not reach reads the same): the error is on the field, which gets the focus back.
    await page.getByLabel('Borgerens CPR-nummer', { exact: true }).fill('010203-1234');
    await page.getByRole('button', { name: 'Find borger' }).click();
    await page.locator('.field__error').filter({ hasText: 'Find borgeren med et gyldigt CPR-nummer' }).waitFor();
    expect(await page.getByLabel('Borgerens CPR-nummer', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Borgerens CPR-nummer', { exact: true }).fill('250947-9989');
    await page.getByRole('button', { name: 'Find borger' }).click();
    await page.getByText('Borger: Jantje Elmer').waitFor();
    await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Sygepleje' });
    await page.getByLabel('Emne', { exact: true }).fill('Natbesøg');
    await page.getByLabel('Besked', { exact: true }).fill('Borgeren blev tilset kl. 02.10; puls 92, temperatur 38,4.');
    await page.getByLabel('Din stilling', { exact: true }).fill('Sygeplejerske');
    await page.getByLabel('Dit telefonnummer', { exact: true }).fill('+45 12 34 56 78');
    await page.getByRole('button', { name: 'Send besked' }).click();
    await page.getByText('Beskeden er sendt og ligger i udbakken').waitFor();
    const outbox = page.getByRole('table', { name: 'Sendte beskeder, nyeste først' });
    await outbox.getByRole('row').filter({ hasText: 'Natbesøg' }).filter({ hasText: 'GP post' }).filter({ hasText: 'I udbakken' }).filter({ hasText: 'Ingen kvittering' }).waitFor();

    await page.getByRole('button', { name: 'Besvar: Kritisk tilstand, Jantje Elmer' }).click();
    await page.getByRole('heading', { name: 'Besvar korrespondancemeddelelse' }).waitFor();
    expect(await page.getByLabel('Besked', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Besked', { exact: true }).fill('Tak for beskeden. Hjemmeplejen følger op i morgen.');
    await page.getByLabel('Din stilling', { exact: true }).fill('Sygeplejerske');
    await page.getByLabel('Dit telefonnummer', { exact: true }).fill('+45 12 34 56 78');
    await page.getByRole('button', { name: 'Send besked' }).click();
    await page.getByText('Beskeden er sendt og ligger i udbakken').waitFor();
    await outbox.getByRole('row').filter({ hasText: 'Kritisk tilstand' }).filter({ hasText: 'Jantje Elmer' }).waitFor();
    await expectNoViolations(page);
    expect(errors).toEqual([]);
  });

  it('shows no MedCom entry to staff of a Dutch alliance, and the page is not found there', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, dutch);
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link').first().waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: /MedCom/ }).count()).toBe(0);
    await page.goto('/medcom');
    await page.getByText('Deze pagina bestaat niet.').waitFor();
    expect(await page.getByRole('heading', { name: /MedCom/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
