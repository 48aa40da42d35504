import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/platform/auth/index.js';
import { addUser, createWorld, type TestUser } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, startE2eServer, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
let nurse: TestUser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const world = await createWorld(server.db);
  nurse = await addUser(server.db, server.deps.secretBox, world.homeOrg, ['nurse'], 'throttled');
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('the login page under throttling', () => {
  it('says in Dutch how long to wait, and still lets the nurse in with password and code', async () => {
    // Someone elsewhere has been guessing: the account waits four minutes.
    const now = Date.now();
    await server.db
      .insertInto('login_throttle')
      .values({ key: `account:${nurse.email}`, failures: 13, last_failure_at: new Date(now), blocked_until: new Date(now + 240_000) })
      .execute();
    const context = await browser.newContext({ baseURL: server.baseUrl });
    contexts.push(context);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(nurse.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(nurse.password);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByText('Te veel mislukte pogingen met dit e-mailadres. Probeer het over 4 minuten opnieuw').waitFor();

    await page.getByLabel('Code uit je authenticator-app').fill(currentTotp(nurse.totpSecret));
    await page.getByRole('button', { name: 'Code controleren' }).click();
    await page.getByRole('heading', { name: 'Mijn nacht', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});
