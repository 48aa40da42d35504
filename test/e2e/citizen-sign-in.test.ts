import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, ensureCitizen, type CitizenAccount } from '../../src/platform/auth/index.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { addUser, createWorld, type TestUser } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, openLoggedInPage, startE2eServer, type E2eServer, expectNoAxeViolations } from './support.js';

let smtp: SmtpCatcher;
let server: E2eServer;
let browser: Browser;
let citizen: CitizenAccount;
let admin: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  [server, browser] = await Promise.all([startE2eServer({ smtpUrl: smtp.url }), launchChromium()]);
  const world = await createWorld(server.db);
  citizen = await ensureCitizen(server.deps.db, { allianceId: world.allianceId, email: 'anna.mantelzorg@burger.example', name: 'Anna de Vries' });
  admin = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['alliance_admin'], 'outbox-admin');
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('citizen sign-in on a 360 px phone', () => {
  it('asks for a link, opens it from the received mail and lands signed in on "Mijn aanvragen"; the link then no longer works', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto('/burger');
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/burger/inloggen');
    await expectNoAxeViolations(page);

    await page.getByLabel('Uw e-mailadres').fill(citizen.email);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByRole('heading', { name: 'Kijk in uw e-mail', level: 1 }).waitFor();
    await expectNoAxeViolations(page);

    const mail = await smtp.waitFor(citizen.email);
    const link = /http:\/\/127\.0\.0\.1:\d+\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0];
    expect(link, mail.text).toBeDefined();
    await page.goto(link ?? '');
    await page.getByText('Klik op de knop om in te loggen.').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.getByRole('heading', { name: 'Mijn aanvragen', level: 1 }).waitFor();
    await page.getByText('Welkom, Anna de Vries.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/burger');
    await expectNoAxeViolations(page);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.goto(link ?? '');
    await page.getByRole('heading', { name: 'Deze link werkt niet meer', level: 1 }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto('/burger');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('optional extra security for a citizen', () => {
  it('turns on a TOTP code on the landing page, after which the link asks for the code', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const signInFromMail = async (since: number) => {
      await page.goto('/burger/inloggen');
      await page.getByLabel('Uw e-mailadres').fill(citizen.email);
      await page.getByRole('button', { name: 'Stuur mij een link' }).click();
      const mail = await smtp.waitFor(citizen.email, { since });
      await page.goto(/http:\/\/127\.0\.0\.1:\d+\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0] ?? '');
    };
    const before = smtp.to(citizen.email).length;
    await signInFromMail(before);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('button', { name: 'Extra beveiliging aanzetten' }).click();
    const secret = ((await page.locator('.secret').textContent()) ?? '').trim();
    await page.getByLabel('Code uit uw app').fill(currentTotp(secret));
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    await page.getByText('Extra beveiliging staat aan.').waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();

    await signInFromMail(before + 1);
    await page.getByText('Vul de code uit uw app in.').waitFor();
    await page.getByLabel('Code uit uw app').fill('000000');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Deze code klopt niet. Probeer het opnieuw.').first().waitFor();
    await expectNoAxeViolations(page);
    // A code is accepted once per time step: the code of the next step, as a phone would show half a minute on.
    await page.getByLabel('Code uit uw app').fill(currentTotp(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Mijn aanvragen', level: 1 }).waitFor();
  });
});

describe('the outbox page', () => {
  it('shows the alliance administrator the sent sign-in mail, with the link blanked because it went out by SMTP', async () => {
    await smtp.waitFor(citizen.email);
    await server.deps.mailer.settled();
    const { page, errors } = await openLoggedInPage(browser, server, contexts, admin, { width: 360, height: 740 });
    await page.goto('/admin/outbox');
    await page.getByRole('heading', { name: 'Verstuurde e-mail', level: 1 }).waitFor();
    const summary = page.getByText(`Uw link om in te loggen · Aan ${citizen.email}`).first();
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('verstuurd');
    await summary.click();
    const body = await page.locator('.outbox__body').first().textContent();
    expect(body).toContain('Beste Anna de Vries');
    expect(body).not.toMatch(/token=/);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
