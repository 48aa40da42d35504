import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { addNetworkRegion } from '../../src/modules/networkmap/index.js';
import type { Role } from '../../src/platform/access/index.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { addUser, SETUP, type TestUser } from '../support/world.js';
import { launchChromium, STEP_TIMEOUT_MS, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

export interface NetworkMapWorldSpec {
  alliance: string;
  network: string;
  municipalities: { name: string; latitude: number; longitude: number }[];
  /** The coordinator's user name, unique per file. */
  coordinator: string;
}

export interface NetworkMapWorld {
  server: E2eServer;
  browser: Browser;
  smtp: SmtpCatcher;
  allianceId: string;
  networkId: string;
  coordinator: TestUser;
  /** The region's municipality ids by name. */
  municipality: (name: string) => string;
  /** A user of any organisation, for tests about other roles. */
  addStaff: (organisationId: string, roles: Role[], label: string) => Promise<TestUser>;
  /** A fresh anonymous page at this width that collects page errors; `film` answers the film host's requests here and records them. */
  publicPage: (width: number, film?: { host: string; requests: string[] }) => Promise<{ page: Page; errors: string[] }>;
  loggedInPage: (user: TestUser, width?: number) => Promise<{ page: Page; errors: string[] }>;
}

/**
 * The network map's browser-test world, set up once before the file and closed after it: a mail
 * catcher, the server, a browser, an alliance with one palliative-care network, its region and its
 * network coordinator. The returned object is filled in by the time the file's own beforeAll runs.
 */
export function useNetworkMapWorld(spec: NetworkMapWorldSpec): NetworkMapWorld {
  const contexts: BrowserContext[] = [];
  const ids = new Map<string, string>();
  const world = {
    municipality: (name: string) => ids.get(name) ?? '',
    addStaff: (organisationId: string, roles: Role[], label: string) => addUser(world.server.db, world.server.deps.secretBox, organisationId, roles, label),
    publicPage: async (width: number, film?: { host: string; requests: string[] }) => {
      const context = await world.browser.newContext({ baseURL: world.server.baseUrl, viewport: { width, height: 900 } });
      contexts.push(context);
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      if (film) {
        await context.route(`https://${film.host}/**`, (route) => {
          film.requests.push(route.request().url());
          return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>film</title><p>film</p>' });
        });
      }
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { page, errors };
    },
    loggedInPage: (user: TestUser, width = 1280) => openLoggedInPage(world.browser, world.server, contexts, user, { width, height: 900 }),
  } as NetworkMapWorld;

  beforeAll(async () => {
    world.smtp = await startSmtpCatcher();
    [world.server, world.browser] = await Promise.all([startE2eServer({ smtpUrl: world.smtp.url }), launchChromium()]);
    const db = world.server.db;
    world.allianceId = await createAlliance(db, SETUP, { name: spec.alliance, region: 'Drenthe' });
    world.networkId = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: spec.network, kind: 'palliative_care_network' });
    for (const [name, id] of await addNetworkRegion(db, { allianceId: world.allianceId, networkId: world.networkId, municipalities: spec.municipalities })) ids.set(name, id);
    world.coordinator = await addUser(db, world.server.deps.secretBox, world.networkId, ['network_coordinator'], spec.coordinator);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await world.browser?.close();
    await world.server?.close();
    await world.smtp?.close();
  });
  return world;
}

export const noHorizontalScroll = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
