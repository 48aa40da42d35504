import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/platform/net/index.js';

const run = promisify(execFile);

/**
 * The newest Debian PostgreSQL's bin directory (/usr/lib/postgresql/<major>/bin), as .ci/run finds it;
 * undefined where the package is not installed (CI installs it).
 */
export function debianPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'bin', 'pg_ctl'))) : [];
  const newest = majors.sort((a, b) => Number(a) - Number(b)).at(-1);
  return newest && path.join(root, newest, 'bin');
}

export interface DebianPostgres {
  /** The superuser on loopback (trust authentication: a throwaway server for one test file). */
  readonly adminUrl: string;
  /** `pg_ctl restart -m fast`: every session is cut, the server is back when it resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and removes its directory. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL server of its own on a free loopback port, outside the suite's shared one, for a test
 * that restarts it. PostgreSQL refuses to run as root, so as root it runs as the postgres user, as in
 * .ci/run.
 */
export async function startDebianPostgres(bin: string): Promise<DebianPostgres> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'samenzorg-pg-restart-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await fsp.chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  const sh = async (command: string) => {
    if (asRoot) await run('su', ['postgres', '-s', '/bin/sh', '-c', command]);
    else await run('/bin/sh', ['-c', command]);
  };
  const pgCtl = (action: string) => sh(`'${bin}/pg_ctl' -D '${data}' -l '${dir}/log' -m fast -w -o "-c listen_addresses=127.0.0.1 -p ${port} -k '${dir}'" ${action} >/dev/null`);
  await sh(`'${bin}/initdb' -D '${data}' -U postgres -A trust >/dev/null`);
  await pgCtl('start');
  let running = true;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => pgCtl('restart'),
    stop: async () => {
      await pgCtl('stop');
      running = false;
    },
    start: async () => {
      await pgCtl('start');
      running = true;
    },
    destroy: async () => {
      if (running) await pgCtl('stop').catch(() => undefined);
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
