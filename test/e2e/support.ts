import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { auditKeysFrom, withAuditKeys } from '../../src/platform/audit/index.js';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import type { PlatformDeps } from '../../src/platform/deps.js';
import { createMailer } from '../../src/platform/mail/index.js';
import { forgetUsedTotp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import type { Role } from '../../src/platform/access/index.js';
import { addUser, createWorld, type TestUser } from '../support/world.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'test-results');
/**
 * How long a page may take to show what reaches it over the live stream (NOTIFY, server-sent event,
 * refetch, render). Generous: CI runs the suite on a loaded 2-core machine. These tests prove that it
 * arrives without a reload; how fast is a latency target, for a benchmark on a quiet machine.
 */
export const LIVE_TIMEOUT_MS = 15_000;
/** How long one browser step (a click, a wait for text) may take on a loaded machine before it fails. */
export const STEP_TIMEOUT_MS = 15_000;

// A browser story of dozens of steps, with chromium, the server and PostgreSQL sharing two loaded cores,
// can outlast the suite's 30 s per test while still making progress: each step has its own timeout.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `npm test` builds the web app first; a bare `vitest run test/e2e` builds it here when it is missing. */
export function ensureWebBuild(): void {
  if (fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'pipe' });
}

export interface E2eServer {
  baseUrl: string;
  db: Db;
  deps: PlatformDeps;
  close: () => Promise<void>;
}

/** The database behind each server's base URL, so a login through the API can reuse a code (see `login` in test/support/app.ts). */
const databases = new Map<string, Db>();

/**
 * The real server with the built web app, listening on a free port, on a fresh database. Mail goes to
 * `smtpUrl` (a test SMTP server, test/support/smtp.ts) or, without one, to the database outbox; its
 * links point at this server.
 */
export async function startE2eServer(options: { smtpUrl?: string; nightcareSweeps?: boolean } = {}): Promise<E2eServer> {
  ensureWebBuild();
  const database = await createTestDatabase();
  // Fixtures as the owner; the server as the app's role, which owns nothing (as in production).
  const secretBox = new SecretBox(randomBytes(32).toString('hex'));
  const keys = auditKeysFrom(secretBox);
  const db = withAuditKeys(createDb(database.url, 5).db, keys);
  const appDb = withAuditKeys(createDb(database.appUrl, 10).db, keys);
  // The links in mail need the port, known only once listening: the mailer reads it through this holder.
  const address = { publicUrl: 'http://127.0.0.1' };
  const mailer = createMailer(appDb, {
    smtpUrl: options.smtpUrl,
    from: 'Samenzorg test <noreply@samenzorg.test>',
    get publicUrl() {
      return address.publicUrl;
    },
  });
  const deps: PlatformDeps = { db: appDb, readDb: appDb, secretBox, databaseUrl: database.appUrl, mailer };
  const app = await buildApp({ ...deps, serveWebApp: true, logLevel: process.env.TEST_LOG ?? 'silent', nightcareSweeps: options.nightcareSweeps ?? true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  address.publicUrl = baseUrl;
  databases.set(baseUrl, db);
  return {
    baseUrl,
    db,
    deps,
    close: async () => {
      databases.delete(baseUrl);
      await app.close();
      await mailer.close();
      await appDb.destroy();
      await db.destroy();
      await database.drop();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Logs a user in through the API inside a browser context, for tests about pages after the login. */
export async function loginThroughApi(context: BrowserContext, baseUrl: string, user: TestUser): Promise<void> {
  await forgetUsedTotp(databases.get(baseUrl), user.email);
  const response = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: user.email, password: user.password, totp: currentTotp(user.totpSecret) } });
  if (!response.ok()) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
}

/**
 * A logged-in page in a fresh browser context that collects page errors; the context is added to
 * `contexts` so the file can close them all afterwards.
 */
export async function openLoggedInPage(
  browser: Browser,
  server: E2eServer,
  contexts: BrowserContext[],
  user: TestUser,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport });
  contexts.push(context);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  await loginThroughApi(context, server.baseUrl, user);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/**
 * A browser test file about one administrator's page: a server, a browser and one administrator of the
 * world's home organisation, set up before the file and closed after it. `open()` gives a logged-in page.
 */
export function useAdminPage(roles: Role[], username: string): { open: () => Promise<{ page: Page; errors: string[] }>; server: () => E2eServer; allianceId: () => string } {
  let server: E2eServer;
  let browser: Browser;
  let admin: TestUser;
  let allianceId: string;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    const world = await createWorld(server.db);
    allianceId = world.allianceId;
    admin = await addUser(server.db, server.deps.secretBox, world.homeOrg, roles, username);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });
  return { open: () => openLoggedInPage(browser, server, contexts, admin), server: () => server, allianceId: () => allianceId };
}

/** WCAG 2.1 A and AA rules only: the accessibility bar DESIGN §7 sets. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const violationLines = (result: Awaited<ReturnType<AxeBuilder['analyze']>>) => result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** The page's WCAG 2.1 AA violations as "rule: elements" lines; empty when there are none. */
export async function axeViolations(page: Page): Promise<string[]> {
  return violationLines(await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze());
}

/** No WCAG 2.1 AA violations, and the rules did run on the page's content (an empty analysis would pass vacuously). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  expect(result.passes.length).toBeGreaterThan(10);
  expect(violationLines(result)).toEqual([]);
}
