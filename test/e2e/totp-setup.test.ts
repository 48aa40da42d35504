import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../src/modules/alliance/index.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { createWorld, SETUP } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, RESULTS, startE2eServer, type E2eServer } from './support.js';

const PASSWORD = 'a-long-enough-password';
const QR_NAME = 'QR-code om te scannen met je authenticator-app';

let server: E2eServer;
let browser: Browser;
let homeOrg: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  homeOrg = (await createWorld(server.db)).homeOrg;
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

/** A nurse who has a password but no second factor yet (test/support's addUser always sets one up). */
async function newNurseWithoutTotp(): Promise<string> {
  const email = `totp-setup-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.example`;
  await createStaff(server.db, SETUP, homeOrg, { email, name: 'New nurse', password: PASSWORD, roles: ['nurse'] });
  return email;
}

/**
 * A fresh browser profile that records page errors and Content-Security-Policy
 * violations (reported as events before anything is blocked, so a refused inline SVG would show here).
 */
async function newPage(viewport = { width: 1024, height: 800 }): Promise<{ context: BrowserContext; page: Page; errors: string[]; violations: () => Promise<string[]> }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport });
  contexts.push(context);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Console errors about the policy only: the shell's first /api/auth/me answers 401 before the login, by design.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return { context, page, errors, violations };
}

async function startSetup(page: Page, email: string): Promise<{ secret: string; uri: string }> {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.getByRole('heading', { name: 'Tweestapsverificatie instellen' }).waitFor();
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/totp/setup'));
  await page.getByRole('button', { name: 'Instellen' }).click();
  const response = await answer;
  expect(response.status()).toBe(200);
  return (await response.json()) as { secret: string; uri: string };
}

describe('two-factor set-up with a QR code in the browser', () => {
  it('shows the otpauth URI as a named QR image beside the grouped secret, copies the secret, and logs the nurse in with a code from it', async () => {
    const email = await newNurseWithoutTotp();
    const { context, page, errors, violations } = await newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    const setup = await startSetup(page, email);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.uri).toContain(`secret=${setup.secret}`);

    // The QR image has an accessible name and is an SVG of paths; no decoding needed to know it was drawn.
    const qr = page.getByRole('img', { name: QR_NAME });
    await qr.waitFor();
    expect(await qr.locator('svg').count()).toBe(1);
    expect(await qr.locator('svg').getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    const paths = qr.locator('svg path');
    expect(await paths.count()).toBeGreaterThan(0);
    expect(((await paths.last().getAttribute('d')) ?? '').length).toBeGreaterThan(100);
    expect(await qr.innerHTML()).not.toMatch(/<script|on\w+=|style=/i);
    expect(await page.getByRole('status').filter({ hasText: 'QR-code laden' }).count()).toBe(0);

    // The secret as text, in blocks of four, is exactly the server's.
    const text = (await page.getByLabel('Geheime sleutel').textContent()) ?? '';
    expect(text).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(text.replace(/ /g, '')).toBe(setup.secret);
    expect(await page.getByText('Scan deze QR-code met de app.').isVisible()).toBe(true);
    // Beside each other where there is room.
    const qrBox = await qr.boundingBox();
    const secretBox = await page.getByLabel('Geheime sleutel').boundingBox();
    expect(qrBox && secretBox && secretBox.x >= qrBox.x + qrBox.width).toBe(true);

    await page.getByRole('button', { name: 'Sleutel kopiëren' }).click();
    await page.getByRole('status').filter({ hasText: 'Sleutel gekopieerd' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(setup.secret);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'totp-setup-qr.png'), fullPage: true });
    // On a 360 px phone the secret goes below the code, without horizontal scrolling.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(RESULTS, 'totp-setup-qr-360.png'), fullPage: true });

    await page.getByLabel('Code uit je authenticator-app').fill(currentTotp(setup.secret));
    await page.getByRole('button', { name: 'Inschakelen' }).click();
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    const row = await server.db.selectFrom('app_user').select('totp_enabled').where('email', '=', email).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(true);
    expect(errors).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it('keeps the Content-Security-Policy strict: no inline or eval scripts allowed', async () => {
    const response = await fetch(`${server.baseUrl}/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc.trim()).toBe("script-src 'self'");
  });

  it('shows a loading state, and only the text secret when the QR library cannot be loaded', async () => {
    const email = await newNurseWithoutTotp();
    const { page, violations } = await newPage({ width: 360, height: 740 });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/qrcode-[^/]+\.js$/, async (route) => {
      await released;
      await route.abort();
    });
    const setup = await startSetup(page, email);
    await page.getByRole('status').filter({ hasText: 'QR-code laden' }).waitFor();
    release();

    await page.getByText('Typ deze sleutel over:').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'QR-code laden' }).count()).toBe(0);
    expect(await page.getByRole('img', { name: QR_NAME }).count()).toBe(0);
    expect(((await page.getByLabel('Geheime sleutel').textContent()) ?? '').replace(/ /g, '')).toBe(setup.secret);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByLabel('Code uit je authenticator-app').fill(currentTotp(setup.secret));
    await page.getByRole('button', { name: 'Inschakelen' }).click();
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    expect(await violations()).toEqual([]);
  });
});
