import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { createDb, type Db } from '../../src/platform/db/index.js';
import type { PlatformDeps } from '../../src/platform/deps.js';
import { createMailer } from '../../src/platform/mail/index.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  /** The database as its owner: for fixtures and for what only the owner may do (tampering tests). */
  db: Db;
  /** What the app runs on: its pool connects as the app's role, which owns nothing. */
  deps: PlatformDeps;
  /** The owner's connection string. */
  url: string;
}

/** The database behind each test app, so `login` can let a test log one user in many times (see there). */
const databases = new WeakMap<FastifyInstance, Db>();

/** Where test mail goes: a real SMTP server (`startSmtpCatcher().url`), or the database outbox when unset. */
export interface TestMail {
  smtpUrl?: string;
  publicUrl?: string;
}

export const TEST_PUBLIC_URL = 'http://samenzorg.test';

/** Builds the real app, running as the app's database role, on a fresh database; closed after the file's tests. */
export async function startTestApp(options: Partial<AppOptions> & { mail?: TestMail } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const { db } = createDb(database.url, 5);
  const { db: appDb } = createDb(database.appUrl, 10);
  const { mail, ...appOptions } = options;
  const mailer = createMailer(appDb, { smtpUrl: mail?.smtpUrl, from: 'Samenzorg test <noreply@samenzorg.test>', publicUrl: mail?.publicUrl ?? TEST_PUBLIC_URL });
  const deps: PlatformDeps = { db: appDb, readDb: options.readDb ?? appDb, secretBox: new SecretBox(randomBytes(32).toString('hex')), databaseUrl: database.appUrl, mailer };
  const app = await buildApp({ ...deps, logLevel: process.env.TEST_LOG ?? 'silent', ...appOptions });
  databases.set(app, db);
  afterAll(async () => {
    await app.close();
    await mailer.close();
    await appDb.destroy();
    await db.destroy();
    await database.drop();
  });
  return { app, db, deps, url: database.url };
}

/** An HTTP client bound to one logged-in user: sends the session cookie with each request. */
export interface Session {
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function sessionFor(app: FastifyInstance, cookie: string): Session {
  const headers = { cookie };
  return {
    cookie,
    get: (url) => app.inject({ method: 'GET', url, headers }),
    post: (url, body, extra) =>
      app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, ...(typeof body === 'string' ? { payload: body } : body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers, payload: body as object }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers, payload: body as object }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers }),
  };
}

/**
 * Logs in through the real route. A TOTP code is accepted once, and tests log one user in many times
 * within a 30-second step, so this forgets the user's last used step first, as a wait for the next code
 * would. The login tests prove the refusal of a replayed code without this helper.
 */
export async function login(app: FastifyInstance, user: { email: string; password: string; totpSecret?: string }): Promise<Session> {
  await forgetUsedTotp(databases.get(app), user.email);
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: user.password, ...(user.totpSecret ? { totp: currentTotp(user.totpSecret) } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`login failed for ${user.email}: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return sessionFor(app, (raw ?? '').split(';')[0] ?? '');
}

/** Lets the next login of this user use the current TOTP code again (tests only; see `login`). */
export async function forgetUsedTotp(db: Db | undefined, email: string): Promise<void> {
  await db?.updateTable('app_user').set({ totp_last_step: null }).where('email', '=', email).execute();
}
