import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from './embedded-lock.js';
import { startEmbeddedPostgres } from './embedded-on-demand.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let dataDir: string;
let databaseDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samenzorg-embedded-'));
  await fs.chmod(dataDir, 0o755);
  databaseDir = path.join(dataDir, 'pg');
});
afterAll(async () => {
  // Should a test fail, leave no PostgreSQL behind.
  const leftover = await postmasterPid().catch(() => 0);
  if (leftover > 0 && isAlive(leftover)) process.kill(leftover, 'SIGINT');
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A server process that starts the embedded PostgreSQL on the data directory and then just runs. */
function startServerProcess(): Promise<{ kill: () => void; port: number }> {
  const script = `const m = await import(${JSON.stringify(path.join(here, 'embedded-on-demand.ts'))});
    const s = await m.startEmbeddedPostgres({ databaseDir: ${JSON.stringify(databaseDir)}, persistent: true });
    console.log('READY ' + s.port); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\d+)/.exec(out);
      if (ready) resolve({ kill: () => child.kill('SIGKILL'), port: Number(ready[1]) });
    });
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before its PostgreSQL was ready`)));
  });
}

const postmasterPid = async () => Number((await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((r) => setTimeout(r, 100))) if (condition()) return true;
  return condition();
}

describe('the embedded PostgreSQL', () => {
  let firstPort: number;

  it('is stopped when the server that started it is killed outright', { timeout: 120_000 }, async () => {
    const server = await startServerProcess();
    firstPort = server.port;
    const postgres = await postmasterPid();
    expect(isAlive(postgres)).toBe(true);
    server.kill();
    expect(await waitUntil(() => !isAlive(postgres), 15_000)).toBe(true);
  });

  it('keeps its port across restarts and refuses a second server on the same data directory', { timeout: 120_000 }, async () => {
    const server = await startEmbeddedPostgres({ databaseDir, persistent: true });
    try {
      expect(server.port).toBe(firstPort);
      await expect(startEmbeddedPostgres({ databaseDir, persistent: true })).rejects.toThrow(/in use by another running Samenzorg server \(process \d+\)/);
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
      await client.end();
    } finally {
      await server.stop();
    }
    await expect(fs.access(`${databaseDir}.lock`)).rejects.toThrow();
  });
});
