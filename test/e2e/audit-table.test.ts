import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../support/app.js';
import { addUser, createWorld, validClient, type TestUser } from '../support/world.js';
import { launchChromium, openLoggedInPage, RESULTS, startE2eServer, type E2eServer } from './support.js';

/** The audit log as a table on a wide screen and as stacked cards on a 360 px phone. */

let server: E2eServer;
let browser: Browser;
let admin: TestUser;
let clientId: string;
const contexts: BrowserContext[] = [];
const PHONE = { width: 360, height: 740 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  const { db, secretBox } = server.deps;
  const world = await createWorld(db);
  admin = await addUser(db, secretBox, world.homeOrg, ['organisation_admin'], 'admin');
  // A client registered and then read through the API, so the log has a create and a read entry.
  const { buildApp } = await import('../../src/app.js');
  const api = await buildApp({ ...server.deps, logLevel: 'silent' });
  const session = await login(api, admin);
  const created = await session.post('/api/clients', validClient());
  expect(created.statusCode).toBe(201);
  clientId = created.json<{ id: string }>().id;
  expect((await session.get(`/api/clients/${clientId}`)).statusCode).toBe(200);
  await api.close();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function noHorizontalOverflow(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** The element lies entirely inside the viewport: readable without scrolling either way. */
async function inViewport(locator: Locator): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.width).toBeGreaterThan(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
}

describe('audit table', () => {
  it('shows each entry as a card at 360 px without sideways scrolling', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, admin, PHONE);
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Logboek', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    // Still a table with column headers for a screen reader, though the headers are hidden visually.
    expect(await page.getByRole('columnheader', { name: 'Wat' }).count()).toBe(1);
    const rows = table.getByRole('row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    await noHorizontalOverflow(page);

    // The newest entry, the read of the client, tells what happened and whether it was allowed, on the
    // first screen: no scrolling down or sideways.
    const first = rows.nth(1);
    const what = first.getByRole('cell').filter({ hasText: 'ingezien · dossier' });
    await inViewport(what);
    await inViewport(first.getByText('Toegestaan', { exact: true }));
    // Nothing of the row is cut off at the right edge of the card.
    const rowBox = await first.boundingBox();
    expect(rowBox!.x + rowBox!.width).toBeLessThanOrEqual(PHONE.width);
    // A card is compact: the first entry fits in well under half the phone's screen.
    expect(rowBox!.height).toBeLessThan(PHONE.height / 2);
    await page.screenshot({ path: path.join(RESULTS, 'audit-360.png') });

    // The client page's audit tab uses the same cards.
    await page.goto(`/clients/${clientId}?tab=audit`);
    await page.getByRole('table').waitFor();
    await noHorizontalOverflow(page);
    await page.screenshot({ path: path.join(RESULTS, 'client-audit-360.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('keeps the column headers on a wide screen', async () => {
    const { page, errors } = await openLoggedInPage(browser, server, contexts, admin);
    await page.goto('/admin/audit');
    await page.getByRole('table').waitFor();
    for (const name of ['Wanneer', 'Wie', 'Wat', 'Cliënt', 'Waarom', 'Uitkomst']) {
      const header = page.getByRole('columnheader', { name, exact: true });
      expect(await header.isVisible()).toBe(true);
    }
    const headerTops = await page.locator('.audit-table thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().top));
    expect(new Set(headerTops).size).toBe(1);
    expect(errors).toEqual([]);
  });
});
