import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { validClient, type TestUser } from '../support/world.js';
import { callFromPage as call, useCircleBrowser } from './circle-browser.js';
import { expectNoAxeViolations } from './support.js';

const env = useCircleBrowser();
let coordinator: TestUser;
let allianceAdmin: TestUser;

beforeAll(async () => {
  coordinator = await env.addStaff(env.world.homeOrg, ['coordinator'], 'nbh-coord');
  allianceAdmin = await env.addStaff(env.world.homeOrg, ['alliance_admin'], 'nbh-alliance');
});

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

/** A circle for a person at this postcode, opened by the coordinator and run by a representative signed in from her mail. */
async function circleAt(staff: Page, postcode: string, person: string, runner: { name: string; email: string }): Promise<{ clientId: string; page: Page }> {
  const client = await call(staff, 'POST', '/api/clients', validClient({ givenName: person, familyName: 'Smit', postcode }));
  const clientId = (JSON.parse(client.body) as { id: string }).id;
  expect((await call(staff, 'POST', `/api/circles/${clientId}`, { runBy: { relation: 'representative', ...runner }, consentGiven: true })).status).toBe(201);
  const page = await env.signInFromMail(runner.email);
  await page.getByRole('heading', { name: `Zorgkring van ${person} Smit`, level: 1 }).waitFor();
  return { clientId, page };
}

describe('care circles and the neighbourhood, on a 360 px phone', () => {
  it('lets the person choose what an invitee sees, showing what they will and will not see before sending', async () => {
    const staff = await env.staffPage(coordinator);
    await staff.page.goto('/');
    const { page } = await circleAt(staff.page, '7811AB', 'Greet', { name: 'Ria Smit', email: 'ria@burger.example' });
    await page.getByLabel('Naam', { exact: true }).fill('Els');
    await page.getByLabel('E-mailadres').fill('els@burger.example');
    await page.getByRole('radio', { name: 'Familie' }).check();
    expect(await page.getByRole('checkbox', { name: 'Taken en hulpvragen' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Berichten', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Het plan', exact: false }).isChecked()).toBe(false);
    await page.getByText('Els ziet niet:').waitFor();
    await page.getByRole('checkbox', { name: 'Het plan', exact: false }).check();
    const preview = page.locator('.notice', { hasText: 'Els ziet:' });
    await preview.getByText('het plan: wat belangrijk is, de doelen en de afspraken').waitFor();
    await preview.getByText('uw adres, de code van de sleutelkluis en uw dossier bij de zorg').waitFor();
    await expectNoAxeViolations(page);
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await page.getByText('We hebben Els een e-mail gestuurd.').waitFor();
    await page.getByText('Els mag zien: de taken, de berichten, het plan. Toestemming gegeven door Ria Smit.').waitFor();
  });

  it('shares a request with the neighbourhood; a neighbour from another circle offers help; the person accepts', async () => {
    const admin = await env.staffPage(allianceAdmin);
    await admin.page.goto('/');
    expect((await call(admin.page, 'POST', '/api/neighbourhoods', { slug: 'e2e-centrum', name: 'Emmen-Centrum', municipality: 'Emmen', postcodes: ['7811'] })).status).toBe(201);
    const staff = await env.staffPage(coordinator);
    await staff.page.goto('/');
    const anna = await circleAt(staff.page, '7811CD', 'Anna', { name: 'Sanne Smit', email: 'sanne@burger.example' });
    const other = await circleAt(staff.page, '7811EF', 'Bert', { name: 'Kees Jansen', email: 'kees@burger.example' });

    await anna.page.getByLabel('Wat precies?').fill('Boodschappen bij de markt');
    await anna.page.getByLabel('Op welke dag?', { exact: false }).fill('2027-03-04');
    await anna.page.getByRole('button', { name: 'Plaatsen' }).click();
    await anna.page.getByText('Boodschappen bij de markt', { exact: true }).waitFor();
    await anna.page.getByText('Ook aan de buurt vragen').click();
    await anna.page.getByText('Nooit het adres of iets over de gezondheid.', { exact: false }).waitFor();
    await expectNoAxeViolations(anna.page);
    await anna.page.getByRole('button', { name: 'Delen met de buurt' }).click();
    await anna.page.getByText('Ook te zien in de buurt Emmen-Centrum.').waitFor();

    await other.page.goto('/burger');
    await other.page.getByRole('heading', { name: 'Hulp in de buurt' }).waitFor();
    await other.page.getByText('Een buur vraagt hulp: Boodschappen', { exact: true }).waitFor();
    await other.page.getByText('In postcode 7811 (Emmen-Centrum)').waitFor();
    expect(await other.page.getByText('Boodschappen bij de markt').count()).toBe(0);
    await expectNoAxeViolations(other.page);
    await fitsPhone(other.page);
    await other.page.getByRole('button', { name: 'Ik wil helpen: Boodschappen' }).click();
    await other.page.getByText('U heeft gezegd dat u wilt helpen.', { exact: false }).waitFor();
    expect((await call(other.page, 'GET', `/api/circles/${anna.clientId}/tasks`)).status).toBe(404);

    await anna.page.reload();
    await anna.page.getByRole('heading', { name: 'Buren die willen helpen' }).waitFor();
    await expectNoAxeViolations(anna.page);
    await anna.page.getByRole('button', { name: 'Ja, Kees Jansen mag helpen' }).click();
    await anna.page.getByText('U heeft ja gezegd.').waitFor();
    await anna.page.getByText('Kees Jansen mag zien: de taken. Toestemming gegeven door Sanne Smit.').waitFor();
    expect((await call(other.page, 'GET', `/api/circles/${anna.clientId}/tasks`)).status).toBe(200);
    expect((await call(other.page, 'GET', `/api/circles/${anna.clientId}/plan`)).status).toBe(404);
  });

  it('gives the alliance administrator a screen to edit a neighbourhood; the public page follows', async () => {
    const admin = await env.staffPage(allianceAdmin);
    await admin.page.goto('/admin/neighbourhoods');
    await admin.page.getByRole('heading', { name: 'Wijken en hun partners', level: 1 }).waitFor();
    await admin.page.getByLabel('Naam van de wijk').fill('Bargeres');
    await admin.page.getByLabel('Adres van de pagina').fill('e2e-bargeres');
    await admin.page.getByLabel('Gemeente').fill('Emmen');
    await admin.page.getByLabel('Postcodegebieden').fill('7812, 78');
    await admin.page.getByRole('button', { name: 'Wijk maken' }).click();
    await admin.page.getByRole('alert').waitFor();
    await admin.page.getByLabel('Postcodegebieden').fill('7812, 7813');
    await admin.page.getByRole('button', { name: 'Wijk maken' }).click();
    await admin.page.getByRole('link', { name: 'Bargeres', exact: true }).click();
    await admin.page.getByRole('heading', { name: 'Bargeres', level: 1 }).waitFor();
    await admin.page.getByLabel('Naam van de wijk').fill('Bargeres-Oost');
    await admin.page.getByRole('button', { name: 'Opslaan' }).first().click();
    await admin.page.getByText('Opgeslagen. De openbare pagina laat het nu zien.').waitFor();
    await admin.page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Municipality (Gemeente)' });
    await admin.page.getByRole('button', { name: 'Partner toevoegen' }).click();
    await admin.page.getByRole('button', { name: 'Municipality weghalen' }).waitFor();
    await admin.page.getByLabel('Nieuwe ambitie').fill('Niemand is alleen');
    await admin.page.getByRole('button', { name: 'Ambitie toevoegen' }).click();
    await admin.page.getByLabel('Nieuwe afspraak').fill('Een buurtkamer');
    await admin.page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await admin.page.getByLabel('Hoe ver (0 tot 100 procent)').fill('40');
    await admin.page.getByRole('form', { name: 'Afspraak van Municipality' }).getByRole('button', { name: 'Opslaan' }).click();
    await admin.page.getByRole('form', { name: 'Afspraak van Municipality' }).getByRole('status').waitFor();
    await admin.page.getByLabel('Naam van de vrijwilliger').fill('Wim');
    await admin.page.getByLabel('E-mailadres van de vrijwilliger').fill('wim@burger.example');
    await admin.page.getByRole('button', { name: 'Vrijwilliger toevoegen' }).click();
    await admin.page.getByRole('button', { name: 'Wim weghalen' }).waitFor();
    await env.smtp.waitFor('wim@burger.example');
    await expectNoAxeViolations(admin.page);
    expect(admin.errors).toEqual([]);

    const resident = await env.phone();
    await resident.goto('/wijk/e2e-bargeres');
    await resident.getByRole('heading', { name: 'Samen in Bargeres-Oost', level: 1 }).waitFor();
    await resident.getByText('Samen 40 procent klaar').waitFor();
    await expectNoAxeViolations(resident);
  });
});
