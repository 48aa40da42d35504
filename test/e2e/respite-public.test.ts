import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { SETUP } from '../support/world.js';
import { launchChromium, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
  const allianceId = await createAlliance(server.db, SETUP, { name: 'Logeerzorg Test', region: 'Assen' });
  const careHome = await createOrganisation(server.db, SETUP, { allianceId, name: 'Icare', kind: 'care_provider' });
  const welfare = await createOrganisation(server.db, SETUP, { allianceId, name: 'Vaart Welzijn', kind: 'welfare' });
  await server.db.insertInto('respite_intake').values({ alliance_id: allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: welfare, email: 'mantelzorg@vaart.example', phone: '0592 - 111 222' }).execute();
  const location = await server.db
    .insertInto('respite_location')
    .values({
      alliance_id: allianceId, organisation_id: careHome, name: 'Zorgcentrum De Vijverhof', offer_type: 'care_home', description: 'Logeerkamers op de begane grond.', street: 'Vijverlaan 2', city: 'Assen', municipality: 'Assen',
      latitude: 52.99, longitude: 6.55, features: ['ground_floor', 'hoist'], capabilities: ['night_supervision'], funding_accepted: ['wmo', 'private'], price_per_night_cents: 14500, photos: ['/respite/vijverhof.svg'], accessibility: 'Drempelvrij.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.db.insertInto('respite_bed').values({ alliance_id: allianceId, location_id: location.id, label: '1' }).execute();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('public respite page on a 360 px phone', () => {
  it('shows places with photo, cost and room, sends a request to the intake, with 0 WCAG 2.1 AA violations', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/logeerzorg');
    await page.getByRole('heading', { level: 3, name: 'Zorgcentrum De Vijverhof' }).waitFor();
    await expect(page.getByRole('img', { name: 'Tekening van Zorgcentrum De Vijverhof' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Prijs per nacht: € 145,00.').isVisible()).resolves.toBe(true);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    const overview = await new AxeBuilder({ page }).withTags(tags).analyze();
    expect(overview.violations.map((v) => v.id)).toEqual([]);
    // No horizontal scrolling at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByLabel('In welke gemeente woont uw naaste?').selectOption('Assen');
    await page.getByLabel('Eerste nacht').fill('2031-03-06');
    await page.getByLabel('Dag van vertrek').fill('2031-03-08');
    await page.getByLabel('Voor wie is het?').fill('Mijn moeder, 84');
    await page.getByLabel('Wat heeft uw naaste nodig?').fill('Loopt met een rollator');
    await page.getByLabel('Uw naam').fill('Els de Vries');
    await page.getByLabel('Uw e-mailadres').fill('els@example.nl');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await page.getByRole('heading', { name: 'Uw aanvraag is verstuurd' }).waitFor();
    await expect(page.getByText('Vaart Welzijn neemt contact met u op').isVisible()).resolves.toBe(true);
    const confirmation = await new AxeBuilder({ page }).withTags(tags).analyze();
    expect(confirmation.violations.map((v) => v.id)).toEqual([]);
    const stored = await server.db.selectFrom('respite_request').select(['contact_email', 'organisation_id']).execute();
    expect(stored).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds a place with room for the dates and needs, and counts a search that finds none, with 0 WCAG 2.1 AA violations', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/logeerzorg');
    await page.getByRole('heading', { name: 'Is er plek op uw data?' }).waitFor();
    await page.getByLabel('Zoeken in gemeente').selectOption('Assen');
    await page.getByLabel('Zoeken vanaf datum').fill('2031-04-04');
    await page.getByLabel('Zoeken tot datum').fill('2031-04-06');
    await page.getByLabel('Tillift').check();
    await page.getByRole('button', { name: 'Zoek plek' }).click();
    await page.getByText('Er is 1 plek die past en vrij is:').waitFor();
    await expect(page.getByRole('listitem').filter({ hasText: 'Zorgcentrum De Vijverhof, Assen' }).count()).resolves.toBe(1);
    expect(await server.db.selectFrom('respite_unmet_search').select('id').execute()).toHaveLength(0);
    await page.getByLabel('Veilig bij dementie').check();
    await page.getByRole('button', { name: 'Zoek plek' }).click();
    await page.getByText('Er is op deze data geen plek die past.').waitFor();
    const counted = await server.db.selectFrom('respite_unmet_search').select(['municipality', 'reason', 'stay_month']).execute();
    expect(counted).toEqual([{ municipality: 'Assen', reason: 'no_fit', stay_month: '2031-04-01' }]);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
    await context.close();
  });
});
