import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { addUser, SETUP, type TestUser } from '../support/world.js';
import { expectNoAxeViolations, launchChromium, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let gp: TestUser;
let wmo: TestUser;
let researcher: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
  const allianceId = await createAlliance(server.db, SETUP, { name: 'Logeerzorg Partners', region: 'Assen' });
  const municipality = await createOrganisation(server.db, SETUP, { allianceId, name: 'Gemeente Assen', kind: 'municipality' });
  const practice = await createOrganisation(server.db, SETUP, { allianceId, name: 'Huisartsenpraktijk Noord', kind: 'gp_post' });
  const research = await createOrganisation(server.db, SETUP, { allianceId, name: 'Trendbureau Drenthe', kind: 'regional_support' });
  await server.db.insertInto('respite_intake').values({ alliance_id: allianceId, municipality: 'Assen', route: 'wmo', organisation_id: municipality, email: 'wmo@assen.example', phone: '14 0592' }).execute();
  await server.db.insertInto('respite_questionnaire').values({
    alliance_id: allianceId, municipality: 'Assen', respondent: 'caregiver', strain_items: Array.from({ length: 13 }, (_, i) => i < 9), strain_score: 9, used_respite: false,
    free_text: 'Ik voel me schuldig en ik ben uitgeput.', source_hash: 'e2e',
  }).execute();
  gp = await addUser(server.db, server.deps.secretBox, practice, ['nurse'], 'poh');
  wmo = await addUser(server.db, server.deps.secretBox, municipality, ['coordinator'], 'wmo');
  researcher = await addUser(server.db, server.deps.secretBox, research, ['coordinator'], 'research');
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
  await server.close();
});

describe('the respite partners\' pages', () => {
  it('lets the practice nurse refer a caregiver; the referral reaches the Wmo intake, whose decision recorded on the page shows in the request', async () => {
    const nurse = await openLoggedInPage(browser, server, contexts, gp);
    await nurse.page.goto('/respite/referral');
    await nurse.page.getByRole('heading', { name: 'Een overbelaste mantelzorger verwijzen naar logeerzorg' }).waitFor();
    await expectNoAxeViolations(nurse.page);
    // A referral without the caregiver's details is refused with the fields named.
    await nurse.page.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await nurse.page.getByRole('heading', { name: 'Controleer de volgende punten' }).waitFor();
    expect(await nurse.page.locator('.error-summary a').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(nurse.page);
    await nurse.page.getByLabel('Wie doet de intake').selectOption('wmo');
    await nurse.page.getByLabel('Ongeveer vanaf').fill('2031-03-07');
    await nurse.page.getByLabel('Tot', { exact: true }).fill('2031-03-09');
    await nurse.page.getByLabel('Voor wie is het verblijf').fill('Haar man, 82 jaar, dementie');
    await nurse.page.getByLabel('Naam mantelzorger').fill('Ans de Vries');
    await nurse.page.getByLabel('E-mailadres mantelzorger').fill('ans@example.nl');
    await nurse.page.getByLabel('Score belasting mantelzorger (niet verplicht)').fill('9');
    await nurse.page.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await nurse.page.getByText('Gemeente Assen neemt contact op met de mantelzorger').waitFor();
    await expectNoAxeViolations(nurse.page);
    expect(nurse.errors).toEqual([]);

    const desk = await openLoggedInPage(browser, server, contexts, wmo);
    await desk.page.goto('/respite/requests');
    const request = desk.page.locator('li.card', { hasText: 'Haar man, 82 jaar, dementie' });
    await request.waitFor();
    await expectNoAxeViolations(desk.page);
    await request.getByLabel('Nachten per jaar').fill('24');
    await request.getByLabel('Geldig vanaf').fill('2031-01-01');
    await request.getByLabel('Geldig tot en met').fill('2031-12-31');
    await request.getByLabel('Kenmerk (niet verplicht)').fill('WMO-2031-17');
    await request.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await request.getByText('24 nachten per jaar, geldig van').waitFor();
    expect(await request.getByText('(WMO-2031-17)', { exact: false }).isVisible()).toBe(true);
    expect(await request.getByRole('button', { name: 'Besluit vastleggen' }).count()).toBe(0);
    await expectNoAxeViolations(desk.page);
    expect(desk.errors).toEqual([]);
    const decision = await server.db.selectFrom('respite_wmo_decision').select(['granted', 'nights_per_year', 'valid_from', 'valid_until']).executeTakeFirstOrThrow();
    expect(decision).toEqual({ granted: true, nights_per_year: 24, valid_from: '2031-01-01', valid_until: '2031-12-31' });
  });

  it('lets the Wmo intake refuse with a reason of its own, required on the form, and shows that reason with the request', async () => {
    const intake = await server.db.selectFrom('respite_intake').select(['alliance_id', 'organisation_id']).executeTakeFirstOrThrow();
    await server.db.insertInto('respite_request').values({
      alliance_id: intake.alliance_id, organisation_id: intake.organisation_id, route: 'wmo', municipality: 'Assen', wanted: '[2031-04-04,2031-04-06)',
      for_whom: 'Mijn vader, 88 jaar', needs: '', contact_name: 'Kees', contact_email: 'kees@example.nl', source_hash: 'e2e-refusal',
    }).execute();
    const desk = await openLoggedInPage(browser, server, contexts, wmo);
    await desk.page.goto('/respite/requests');
    const request = desk.page.locator('li.card', { hasText: 'Mijn vader, 88 jaar' });
    await request.waitFor();
    await request.getByLabel('Besluit', { exact: true }).selectOption('no');
    await request.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await request.getByRole('alert').getByRole('link', { name: 'Reden van afwijzing: Schrijf in een paar zinnen waarom de gemeente afwijst' }).waitFor();
    await expectNoAxeViolations(desk.page);
    const reason = 'Uw vader krijgt al zorg uit de Wet langdurige zorg; die betaalt het logeren.';
    await request.getByLabel('Reden van afwijzing').fill(reason);
    await request.getByLabel('Kenmerk (niet verplicht)').fill('WMO-2031-40');
    await request.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await request.getByText(`Reden van afwijzing: ${reason}`).waitFor();
    expect(await request.getByText('afgewezen (WMO-2031-40)').isVisible()).toBe(true);
    await expectNoAxeViolations(desk.page);
    expect(desk.errors).toEqual([]);
    const decision = await server.db.selectFrom('respite_wmo_decision').select(['granted', 'reference', 'refusal_reason']).where('granted', '=', false).executeTakeFirstOrThrow();
    expect(decision).toEqual({ granted: false, reference: 'WMO-2031-40', refusal_reason: reason });
  });

  it('lets the research partner confirm the suggested themes of a free text', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, researcher);
    await page.goto('/respite/research/coding');
    await page.getByText('Ik voel me schuldig en ik ben uitgeput.').waitFor();
    await page.getByText('Suggestie op trefwoorden: Schuldgevoel, Mantelzorger uitgeput.').waitFor();
    expect(await page.getByLabel('Schuldgevoel').isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await page.getByLabel('Kosten').check();
    await page.getByRole('button', { name: 'Thema\'s vastleggen' }).click();
    await page.getByText('De thema\'s zijn vastgelegd.').waitFor();
    await page.getByText('Er zijn geen antwoorden om te coderen.').waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    const coded = await server.db.selectFrom('respite_questionnaire').select('themes').executeTakeFirstOrThrow();
    expect(coded.themes).toEqual(['guilt', 'caregiver_exhausted', 'cost']);
  });
});
