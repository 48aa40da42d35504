import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createCircleWorld, type CircleWorld } from '../support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { addUser, type TestUser } from '../support/world.js';
import type { Role } from '../../src/platform/access/index.js';
import { launchChromium, STEP_TIMEOUT_MS, openLoggedInPage, startE2eServer, type E2eServer } from './support.js';

export interface CircleBrowser {
  server: E2eServer;
  smtp: SmtpCatcher;
  world: CircleWorld;
  addStaff: (organisationId: string, roles: Role[], label: string) => Promise<TestUser>;
  /** A staff member's signed-in desktop page. */
  staffPage: (user: TestUser) => Promise<{ page: Page; errors: string[] }>;
  /** A fresh phone-sized (360 px) page, not signed in. */
  phone: () => Promise<Page>;
  /** A phone that opens the newest sign-in link mailed to `email` and signs in. */
  signInFromMail: (email: string) => Promise<Page>;
}

/**
 * The care circles' browser-test world, set up once before the file and closed after it: a mail
 * catcher, the server mailing through it, a browser and a circle world. Filled in by the time the
 * file's own beforeAll runs.
 */
export function useCircleBrowser(): CircleBrowser {
  const contexts: BrowserContext[] = [];
  let browser: Browser;
  const env = {
    addStaff: (organisationId: string, roles: Role[], label: string) => addUser(env.server.db, env.server.deps.secretBox, organisationId, roles, label),
    staffPage: (user: TestUser) => openLoggedInPage(browser, env.server, contexts, user),
    phone: async () => {
      const context = await browser.newContext({ baseURL: env.server.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      contexts.push(context);
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      return context.newPage();
    },
    signInFromMail: async (email: string) => {
      const page = await env.phone();
      const mail = await env.smtp.waitFor(email);
      const link = /http:\/\/127\.0\.0\.1:\d+\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0];
      expect(link, mail.text).toBeDefined();
      await page.goto(link ?? '');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      return page;
    },
  } as CircleBrowser;

  beforeAll(async () => {
    env.smtp = await startSmtpCatcher();
    [env.server, browser] = await Promise.all([startE2eServer({ smtpUrl: env.smtp.url }), launchChromium()]);
    env.world = await createCircleWorld(env.server.db);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await env.server?.close();
    await env.smtp?.close();
  });
  return env;
}

/** A same-origin API call from inside the page, with the page's own cookie. */
export const callFromPage = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const response = await fetch(u, { method: m, headers: b === undefined ? {} : { 'content-type': 'application/json' }, ...(b === undefined ? {} : { body: JSON.stringify(b) }) });
      return { status: response.status, body: (await response.text()) || '{}' };
    },
    [method, url, body] as const,
  );
