import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { addInitiativeDirectly, addNetworkRegion } from '../../src/modules/networkmap/index.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { addUser, SETUP, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let smtp: SmtpCatcher;
let coordinator: TestUser;
let emmen = '';
const contexts: BrowserContext[] = [];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  server = await startE2eServer({ smtpUrl: smtp.url });
  browser = await launchChromium();
  const allianceId = await createAlliance(server.db, SETUP, { name: 'Netwerken Test', region: 'Drenthe' });
  const networkId = await createOrganisation(server.db, SETUP, { allianceId, name: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', kind: 'palliative_care_network' });
  const ids = await addNetworkRegion(server.db, { allianceId, networkId, municipalities: [{ name: 'Emmen', latitude: 52.786, longitude: 6.898 }, { name: 'Coevorden', latitude: 52.661, longitude: 6.74 }] });
  emmen = ids.get('Emmen') ?? '';
  await addInitiativeDirectly(server.db, {
    title: 'Rouwcafé Coevorden', summary: 'Nabestaanden ontmoeten elkaar elke maand.', municipalityId: ids.get('Coevorden') ?? '', place: 'Coevorden', partners: [{ name: 'Gemeente Coevorden', kind: 'municipality' }],
    themes: ['grief'], targetGroups: ['bereaved'], stage: 'running', contactName: 'Jo Tiben', contactEmail: 'jo@example.nl', contactPhone: '', contactPublish: false, links: [], files: [], films: [], wantsSupport: false, latitude: 52.66, longitude: 6.74, fictional: true,
  });
  coordinator = await addUser(server.db, server.deps.secretBox, networkId, ['network_coordinator'], 'netcoord-e2e');
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser.close();
  await server.close();
  await smtp.close();
});

async function noViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function publicPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height: 900 } });
  contexts.push(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

const noHorizontalScroll = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe.each([
  [1280, 'wandelt met mensen in de laatste levensfase'],
  [360, 'koffie en gesprek voor mantelzorgers'],
])('the network map at %i px', (width, what) => {
  it('takes a call without an account, confirmed from the e-mail, moderated, then found in the list and on the map; 0 WCAG 2.1 AA violations', async () => {
    const word = `Klompenpad${width}`;
    const email = `melder-${width}@example.nl`;
    const { page, errors } = await publicPage(width);
    await page.goto('/netwerkkaart/aanmelden');
    await page.getByRole('heading', { level: 1, name: 'Initiatief aanmelden' }).waitFor();
    await page.getByLabel('In welke gemeente?').selectOption({ label: 'Emmen' });
    await noViolations(page);
    await noHorizontalScroll(page, width);
    await page.getByLabel('Naam van het initiatief').fill(`${word} ${what}`);
    await page.getByLabel('Wat doet het initiatief?').fill('Vrijwilligers wandelen met mensen die ongeneeslijk ziek zijn en met hun mantelzorgers.');
    await page.getByLabel('Met wie werkt u samen?').fill('Gemeente Emmen\nSedna Welzijn');
    await page.getByLabel('Mantelzorg', { exact: true }).check();
    await page.getByLabel('Start binnenkort').check();
    await page.getByLabel('Uw naam').fill('Aaltje Wubs');
    await page.getByLabel('Uw e-mailadres').fill(email);
    await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
    await page.getByRole('heading', { name: 'Kijk in uw e-mail' }).waitFor();
    await noViolations(page);

    const mail = await smtp.waitFor(email, { timeoutMs: 10_000 });
    expect(mail.subject).toBe('Bevestig uw initiatief voor de netwerkkaart');
    const link = /https?:\/\/\S+\/netwerkkaart\/bevestigen\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    await page.getByText('is bevestigd').waitFor();
    await noViolations(page);

    const moderator = await openLoggedInPage(browser, server, contexts, coordinator, { width, height: 900 });
    await moderator.page.goto('/netwerkkaart/moderatie');
    const item = moderator.page.getByRole('listitem').filter({ hasText: word });
    await item.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
    await moderator.page.getByText('is goedgekeurd').waitFor();
    expect(moderator.errors).toEqual([]);

    await page.goto(`/netwerkkaart?q=${word}`);
    await page.getByRole('link', { name: `${word} ${what}` }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-points]')?.getAttribute('data-points')) === 1);
    await page.waitForFunction(() => document.querySelector('.networkmap-canvas')?.getAttribute('data-ready') === 'true' || !!document.querySelector('.networkmap-map--failed'));
    await noViolations(page);
    await noHorizontalScroll(page, width);
    await page.getByRole('link', { name: `${word} ${what}` }).click();
    await page.getByRole('heading', { level: 1, name: `${word} ${what}` }).waitFor();
    // No consent given: the contact is not on the public page.
    expect(await page.getByText('Aaltje Wubs').count()).toBe(0);
    await noViolations(page);
    await page.getByRole('link', { name: 'Emmen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gemeente Emmen' }).waitFor();
    await noViolations(page);
    expect(errors).toEqual([]);
  });
});

it('opens the municipality page straight from its address', async () => {
  const { page } = await publicPage(1280);
  await page.goto(`/netwerkkaart/gemeenten/${emmen}`);
  await page.getByRole('heading', { level: 1, name: 'Gemeente Emmen' }).waitFor();
});
