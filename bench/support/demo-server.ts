import { buildApp, type AppOptions } from '../../src/app.js';
import { currentTotp } from '../../src/platform/auth/index.js';
import { auditKeysFrom, withAuditKeys } from '../../src/platform/audit/index.js';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { createDb, startScratchDatabase } from '../../src/platform/db/index.js';
import { createMailer } from '../../src/platform/mail/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoRegion } from '../../src/seed/demo-region.js';

export interface DemoServerOptions {
  /** Named statements (DATABASE_PREPARED_STATEMENTS); the driver's default when absent. */
  readonly prepare?: boolean;
  /** Options for the server beyond its dependencies, e.g. the timers' sweeps off. */
  readonly app?: Omit<Partial<AppOptions>, 'db' | 'readDb' | 'secretBox' | 'databaseUrl' | 'mailer'>;
}

/**
 * The seeded demo region on a scratch PostgreSQL, served over HTTP on a free local port: what the
 * request benchmarks (bench/load.ts, bench/single-request.ts) measure against. `owner` is the database
 * owner's handle, for set-up the app's role may not do; `close` tears everything down.
 */
export async function startDemoServer(prefix: string, options: DemoServerOptions = {}) {
  const scratch = await startScratchDatabase(prefix);
  // The world is written through the services, which audit: the handle carries the same keys as the server's.
  const secretBox = new SecretBox('22'.repeat(32));
  const db = withAuditKeys(createDb(scratch.appUrl, 20, options.prepare === undefined ? {} : { prepare: options.prepare }).db, auditKeysFrom(secretBox));
  const { db: owner } = createDb(scratch.url, 2);
  const deps = { db, readDb: db, secretBox, databaseUrl: scratch.appUrl, mailer: createMailer(db, { from: 'bench@localhost', publicUrl: 'http://localhost' }) };
  // buildApp installs the audit keys the seed's audited writes need.
  const app = await buildApp({ ...deps, logLevel: 'warn', ...options.app });
  const region = await seedDemoRegion(deps);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  /** A signed-in session of a demo user, as its cookie. */
  async function sessionOf(email: string): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD, totp: currentTotp(DEMO_TOTP_SECRET) } });
    if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
    return String(response.headers['set-cookie']).split(';')[0] ?? '';
  }

  async function close(): Promise<void> {
    await app.close();
    await deps.mailer.close();
    await db.destroy();
    await owner.destroy();
    await scratch.drop();
  }

  return { scratch, db, owner, app, address, region, sessionOf, close };
}
