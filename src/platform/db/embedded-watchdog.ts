import { spawn } from 'node:child_process';

/**
 * A server killed outright (SIGKILL, out of memory) cannot stop its embedded PostgreSQL, which would
 * keep running and hold the data directory. A small detached process watches the server and, when it
 * is gone, stops that PostgreSQL (fast shutdown: committed work is safe). It watches the postmaster's own
 * process id, so a server restarted meanwhile keeps its new PostgreSQL. It ends when either is gone.
 */
const WATCHDOG = `
const [server, postmaster] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const timer = setInterval(() => {
  if (!alive(postmaster)) return clearInterval(timer);
  if (alive(server)) return;
  try { process.kill(postmaster, 'SIGINT'); } catch {}
  clearInterval(timer);
}, 250);
`;

export function watchEmbeddedPostgres(postmasterPid: number): void {
  const child = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(postmasterPid)], { detached: true, stdio: 'ignore' });
  child.unref();
}
