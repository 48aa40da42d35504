import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/modules/clients/index.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { addUser, createWorld, type TestUser } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

/** Issue 11 item 7: the alliance administrator onboards a new partner, from the invitation to its first imported client. */

let server: E2eServer;
let browser: Browser;
let allianceAdmin: TestUser;
const contexts: BrowserContext[] = [];
const PASSWORD = 'a-long-enough-password';

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const world = await createWorld(server.db);
  allianceAdmin = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['alliance_admin', 'organisation_admin'], 'aadmin');
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

const firstClientCsv = () => {
  const values: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {
    client_number: 'ZN-1', given_name: 'Trijntje', family_name: 'Nieuwenhuis', date_of_birth: '1939-06-01', street: 'Brink', house_number: '3', postcode: '7963 AB',
    city: 'Ruinen', municipality: 'De Wolden', district_nursing: 'ja', personal_alarm: 'nee',
  };
  return `${CSV_COLUMNS.join(';')}\n${CSV_COLUMNS.map((c) => values[c] ?? '').join(';')}\n`;
};

describe('onboarding a new partner in the browser', () => {
  it('takes a new organisation from the invitation link to its first imported client, and the checklist follows', async () => {
    const { page: admin, errors } = await openLoggedInPage(browser, server, contexts, allianceAdmin);
    await admin.goto('/admin/organisations');
    await admin.getByLabel('Naam', { exact: true }).fill('Zorggroep Nieuw');
    await admin.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await admin.getByRole('button', { name: 'Aansluiten van Zorggroep Nieuw' }).click();
    const panel = admin.getByRole('region', { name: 'Aansluiten van Zorggroep Nieuw' });
    await expect.poll(() => panel.getByRole('listitem').first().textContent()).toContain('Overeenkomst voor nachtzorg: nog te doen');
    const email = `beheer-${Date.now()}@zorggroep-nieuw.example`;
    await panel.getByLabel('Naam van de eerste beheerder').fill('Gerda Nieuw');
    await panel.getByLabel('E-mailadres van de eerste beheerder').fill(email);
    await panel.getByRole('button', { name: 'Beheerder uitnodigen' }).click();
    const link = (await panel.locator('code.invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invitation\/[\w-]{40,}$/);
    await expect.poll(() => panel.getByRole('listitem').nth(1).textContent()).toContain('uitgenodigd');

    // The invitee, in a browser of their own.
    const context = await browser.newContext({ baseURL: server.baseUrl });
    contexts.push(context);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const invitee = await context.newPage();
    await invitee.goto(link);
    await invitee.getByText('Gerda Nieuw, je bent uitgenodigd als beheerder van Zorggroep Nieuw').waitFor();
    await invitee.getByLabel('Kies een wachtwoord').fill(PASSWORD);
    await invitee.getByRole('button', { name: 'Account aanmaken' }).click();
    await invitee.getByRole('link', { name: 'Naar inloggen' }).click();
    await invitee.getByLabel('E-mailadres').fill(email);
    await invitee.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await invitee.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await invitee.getByRole('heading', { name: 'Tweestapsverificatie instellen' }).waitFor();
    const setup = invitee.waitForResponse((r) => r.url().endsWith('/api/auth/totp/setup'));
    await invitee.getByRole('button', { name: 'Instellen' }).click();
    const { secret } = (await (await setup).json()) as { secret: string };
    await invitee.getByLabel('Code uit je authenticator-app').fill(currentTotp(secret));
    await invitee.getByRole('button', { name: 'Inschakelen' }).click();

    await invitee.getByRole('link', { name: 'Importeren' }).first().click();
    await invitee.getByLabel('CSV-bestand').setInputFiles({ name: 'clienten.csv', mimeType: 'text/csv', buffer: Buffer.from(firstClientCsv()) });
    await invitee.getByRole('button', { name: 'Uploaden en importeren' }).click();
    await expect.poll(() => invitee.locator('dd[data-count="added"]').textContent()).toBe('1');
    expect(await invitee.locator('dd[data-count="updated"]').textContent()).toBe('0');

    // Back with the alliance administrator: the checklist is derived from the data.
    await admin.reload();
    await admin.getByRole('button', { name: 'Aansluiten van Zorggroep Nieuw' }).click();
    const items = admin.getByRole('region', { name: 'Aansluiten van Zorggroep Nieuw' }).getByRole('listitem');
    await expect.poll(() => items.nth(1).textContent()).toContain('Beheerder met tweestapsverificatie: klaar');
    expect(await items.nth(2).textContent()).toContain('Cliënten geïmporteerd: klaar');
    expect(errors).toEqual([]);
  });
});
