import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastEndedShift } from '../../src/modules/nightteam/index.js';
import { addUser, createWorld, validClient, type TestUser, type World } from '../support/world.js';
import { launchChromium, openLoggedInPage, RESULTS, startE2eServer, type E2eServer, axeViolations } from './support.js';

let server: E2eServer;
let browser: Browser;
let world: World;
let orgAdmin: TestUser;
let allianceAdmin: TestUser;
let dayNurse: TestUser;
const contexts: BrowserContext[] = [];

const daysAgo = (days: number, minutes = 0) => new Date(Date.now() - days * 24 * 3600_000 + minutes * 60_000);

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  world = await createWorld(db);
  orgAdmin = await addUser(db, secretBox, world.homeOrg, ['organisation_admin'], 'orgadmin');
  allianceAdmin = await addUser(db, secretBox, world.homeOrg, ['alliance_admin'], 'allianceadmin');
  const nurse = await addUser(db, secretBox, world.partnerOrg, ['nurse'], 'nurse');
  dayNurse = await addUser(db, secretBox, world.homeOrg, ['nurse'], 'daynurse');
  const client = await db
    .insertInto('client')
    .values({ ...clientRow(), alliance_id: world.allianceId, organisation_id: world.homeOrg })
    .returning('id')
    .executeTakeFirstOrThrow();
  const incident = { alliance_id: world.allianceId, client_id: client.id, organisation_id: world.homeOrg, reason: 'fall' };
  await db
    .insertInto('incident')
    .values([
      // Reached in 20 minutes, and one U1 nobody ever reached.
      { ...incident, status: 'completed', outcome: 'completed', urgency: 'U2', received_at: daysAgo(2), on_site_at: daysAgo(2, 20), closed_at: daysAgo(2, 60), assigned_user_id: nurse.id, assigned_organisation_id: world.partnerOrg },
      { ...incident, status: 'escalated', outcome: 'escalated_112', urgency: 'U1', received_at: daysAgo(3), closed_at: daysAgo(3, 10) },
    ])
    .execute();
  // Last night: a call ten minutes before the shift began, settled by phone during it: no nurse ever went.
  const alliance = await db.selectFrom('alliance').select(['time_zone', 'night_shift_start', 'night_shift_end']).where('id', '=', world.allianceId).executeTakeFirstOrThrow();
  const shift = lastEndedShift(new Date(), alliance.time_zone, { start: alliance.night_shift_start, end: alliance.night_shift_end });
  const at = (minutes: number) => new Date(shift.startsAt.getTime() + minutes * 60_000);
  await db.insertInto('incident').values({ ...incident, status: 'cancelled', outcome: 'resolved_by_phone', urgency: 'U3', received_at: at(-10), closed_at: at(15) }).execute();
});

function clientRow() {
  const c = validClient();
  return { given_name: c.givenName, family_name: c.familyName, date_of_birth: c.dateOfBirth, street: c.street, house_number: c.houseNumber, postcode: c.postcode, city: c.city, municipality: c.municipality, latitude: c.latitude, longitude: c.longitude, district_nursing: true, personal_alarm: true, night_summary: '{}' };
}

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('management pages in the browser', () => {
  it('shows the unattended incident, "no data" for empty figures and the norms’ source, with no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, orgAdmin);
    await page.goto('/nightcare/kpis');
    await page.getByRole('heading', { name: 'Nachtzorgcijfers' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.nc-chart svg').length >= 4);
    await page.locator('.nc-figure--alert').filter({ hasText: 'Nooit bezocht' }).filter({ hasText: '1' }).waitFor();
    const u1 = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'U1' }) });
    // One U1, never reached: 0 of 1 within the norm, not "no data" and not 100 %.
    await expect.poll(() => u1.textContent()).toContain('0%');
    const u4 = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'U4' }) });
    expect(await u4.textContent()).toContain('geen gegevens');
    expect(await u1.textContent()).toContain('eigen keuze van het product');
    await page.getByRole('heading', { name: 'Dekking vannacht' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'management-kpis.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the cost statement as a matrix with its CSV and PDF, with no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, orgAdmin);
    await page.goto('/nightcare/costs');
    await page.getByRole('heading', { name: 'Kostenverdeling per maand' }).waitFor();
    await page.getByText(/Er zijn nog geen tarieven vastgelegd/).waitFor();
    await page.getByRole('table', { name: 'Wat elke gebruiker aan elke leverancier verschuldigd is' }).waitFor();
    expect(await page.getByRole('link', { name: 'CSV downloaden' }).getAttribute('href')).toMatch(/^\/api\/nightcare\/cost-allocation\.csv\?month=\d{4}-\d{2}$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('warns the day team about an incident no nurse attended, received before the shift, with no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, dayNurse);
    await page.goto('/nightcare/handover');
    await page.getByRole('heading', { name: /Overdracht nacht van/ }).waitFor();
    await page.getByText('Nooit bezocht: geen verpleegkundige is ter plaatse geweest. Neem contact op met de cliënt.').waitFor();
    await page.getByText(/^Ontvangen voor het begin van de dienst \(\d{2}:\d{2}\), in deze dienst afgehandeld\.$/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('lets the alliance administrator set a norm with its source, with no WCAG 2.1 AA violations', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, allianceAdmin);
    await page.goto('/nightcare/settings');
    await page.getByRole('heading', { name: 'Normen en tarieven nachtzorg' }).waitFor();
    await page.getByLabel('U2: minuten tot ter plaatse').fill('60');
    await page.getByLabel('U2: bron van de norm').selectOption('nts');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De instellingen zijn opgeslagen.' }).waitFor();
    const stored = await server.db.selectFrom('alliance').select('response_norms').where('id', '=', world.allianceId).executeTakeFirstOrThrow();
    expect(stored.response_norms.U2).toEqual({ minutes: 60, source: 'nts' });
    expect(errors).toEqual([]);
  });
});
