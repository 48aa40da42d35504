import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { addUser, SETUP, type TestUser } from '../support/world.js';
import { expectNoAxeViolations, launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let analyst: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
  const allianceId = await createAlliance(server.db, SETUP, { name: 'Logeerzorg Onderzoek', region: 'Assen' });
  const careHome = await createOrganisation(server.db, SETUP, { allianceId, name: 'Icare', kind: 'care_provider' });
  const welfare = await createOrganisation(server.db, SETUP, { allianceId, name: 'Vaart Welzijn', kind: 'welfare' });
  const insurer = await createOrganisation(server.db, SETUP, { allianceId, name: 'Zilveren Kruis', kind: 'insurer' });
  await server.db.insertInto('respite_intake').values({ alliance_id: allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: welfare, email: 'mantelzorg@vaart.example', phone: '0592 - 111 222' }).execute();
  const location = await server.db
    .insertInto('respite_location')
    .values({ alliance_id: allianceId, organisation_id: careHome, name: 'De Vijverhof', offer_type: 'care_home', street: 'Vijverlaan 2', city: 'Assen', municipality: 'Assen', latitude: 52.99, longitude: 6.55, price_per_night_cents: 14500 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.db.insertInto('respite_bed').values({ alliance_id: allianceId, location_id: location.id, label: '1' }).execute();
  analyst = await addUser(server.db, server.deps.secretBox, insurer, ['coordinator'], 'analyst');
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
  await server.close();
});

describe('the pilot questionnaire and the figures in the browser', () => {
  it('lets a caregiver on a 360 px phone answer anonymously and see the strain score with its source, with 0 WCAG 2.1 AA violations', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/logeerzorg/vragenlijst');
    await page.getByRole('heading', { name: 'Vragenlijst over logeerzorg' }).waitFor();
    await expectNoAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const statement of ['Ik slaap slecht door het zorgen.', 'Het zorgen is lichamelijk zwaar.', 'Ik ben minder vrij. Ik kan minder weg.', 'Ik moest mijn plannen veranderen.', 'Ik heb ook veel andere dingen te doen.', 'Het zorgen raakt mij. Ik moest daaraan wennen.', 'Het doet mij pijn hoe mijn naaste veranderd is.', 'Het wordt mij soms te veel.']) {
      await page.getByLabel(statement).check();
    }
    await page.getByLabel('Schuldgevoel').check();
    await page.getByLabel('Steeds dezelfde plek').check();
    await page.getByLabel('Wilt u nog iets vertellen?').fill('Ik voel me schuldig als mijn man gaat logeren.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByText('U vinkte 8 van de 13 zinnen aan.').waitFor();
    await expect(page.getByText('Caregiver Strain Index (Robinson 1983)', { exact: false }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    const stored = await server.db.selectFrom('respite_questionnaire').select(['strain_score', 'non_use_reasons', 'wishes']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ strain_score: 8, non_use_reasons: ['guilt'], wishes: ['same_place'] });
  });

  it('shows the insurer the figures as charts and downloads a CSV', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, analyst);
    await page.goto('/respite/analytics');
    await page.getByRole('heading', { name: 'Logeerzorg in cijfers' }).waitFor();
    await page.locator('.nc-chart svg').nth(4).waitFor();
    // Occupancy, stays, unmet requests, unmet public searches, non-use reasons.
    expect(await page.locator('.nc-chart svg').count()).toBe(5);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bezetting' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^logeerzorg-occupancy-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('Locatie;Soort aanbod;Gemeente;Maand;Beschikbare nachten;Geboekte nachten;Bezetting');
    expect(csv).toContain('De Vijverhof;care_home;Assen;');
    expect(errors).toEqual([]);
  });
});
