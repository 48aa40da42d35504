// The CPU time of an embedded PostgreSQL (its postmaster and every backend), read from Linux's /proc, so
// that a benchmark can say whether the server process or the database ran out of CPU first.
import fs from 'node:fs/promises';
import path from 'node:path';

const TICKS_PER_SECOND = 100;

/** utime + stime and the parent's pid, from /proc/<pid>/stat (fields 14, 15 and 4; the name may hold spaces). */
async function statOf(pid: string): Promise<{ ppid: number; ticks: number } | undefined> {
  const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * A reader of the cluster's CPU seconds so far, or undefined where it cannot be read (not Linux, or an
 * external database). Backends that ended between two readings drop out of the sum, so a reading is a
 * lower bound; the benchmarks' pools keep their connections open.
 */
export async function postgresCpuReader(dataDir: string): Promise<(() => Promise<number>) | undefined> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const postmaster = Number(pidFile?.split('\n')[0]);
  if (!Number.isInteger(postmaster) || !(await statOf(String(postmaster)))) return undefined;
  return async () => {
    let ticks = 0;
    for (const pid of await fs.readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await statOf(pid);
      if (stat && (Number(pid) === postmaster || stat.ppid === postmaster)) ticks += stat.ticks;
    }
    return ticks / TICKS_PER_SECOND;
  };
}
