import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useAdminPage } from './support.js';

/** The organisation administrator's page to connect the organisation's own FHIR endpoint (issue 17 item 5). */

const adminPage = useAdminPage(['organisation_admin'], 'fhiradmin');

describe('FHIR endpoint page', () => {
  it('refuses a plain-http address, stores the endpoint without ever showing the token again, and passes axe', async () => {
    const { page, errors } = await adminPage.open();
    await page.goto('/');
    await page.getByRole('link', { name: 'Koppeling cliëntendossier' }).click();
    await page.getByRole('heading', { name: 'Cliënten uit het eigen dossier (FHIR)', level: 1 }).waitFor();
    await page.getByText('Nog geen synchronisatie gedaan.').waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel('Adres van het FHIR-endpoint').fill('http://ecd.example/fhir');
    await page.getByLabel('Identificatiesysteem van uw cliëntnummers').fill('https://ecd.example/sid/client-number');
    await page.getByLabel('Toegangstoken').fill('token-that-must-stay-secret');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#f-baseUrl-error').waitFor();

    // The alliance's administrators list the hosts an import may use (issue 17, SSRF guard).
    const server = adminPage.server();
    const admin = await server.db.selectFrom('app_user').select('id').where('email', 'like', 'fhiradmin%').executeTakeFirstOrThrow();
    await server.db.insertInto('fhir_import_allowed_host').values({ alliance_id: adminPage.allianceId(), host: 'ecd.example', added_by: admin.id }).execute();
    await page.getByLabel('Adres van het FHIR-endpoint').fill('https://ecd.example/fhir');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('button', { name: 'Nu synchroniseren' }).waitFor();
    await page.getByText('Een geheim is opgeslagen; laat leeg om het te houden.', { exact: false }).waitFor();
    expect(await page.getByLabel('Toegangstoken').inputValue()).toBe('');
    await page.reload();
    await page.getByRole('button', { name: 'Nu synchroniseren' }).waitFor();
    expect(await page.content()).not.toContain('token-that-must-stay-secret');
    expect(await page.getByLabel('Adres van het FHIR-endpoint').inputValue()).toBe('https://ecd.example/fhir');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
