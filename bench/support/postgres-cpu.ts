// The CPU time of an embedded PostgreSQL (its postmaster and every backend), read from Linux's /proc, so
// that a benchmark can say whether the server process or the database ran out of CPU first.
import fs from 'node:fs/promises';
import path from 'node:path';

const TICKS_PER_SECOND = 100;

/**
 * From /proc/<pid>/stat (the name may hold spaces): the parent's pid (field 4), utime + stime (14, 15),
 * and cutime + cstime (16, 17), the CPU of its children that ended and were reaped.
 */
async function statOf(pid: string): Promise<{ ppid: number; ticks: number; endedChildrenTicks: number } | undefined> {
  const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), endedChildrenTicks: Number(fields[13]) + Number(fields[14]) };
}

/**
 * A reader of the cluster's CPU seconds so far, or undefined where it cannot be read (not Linux, or an
 * external database): the postmaster's own, its running children's, and those of its children that
 * ended (the postmaster reaps them, so the kernel adds their time to its children's time). Without the
 * last, a backend or autovacuum worker that ended between two readings took its time out of the sum
 * and a step could show a negative figure.
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
      if (stat && Number(pid) === postmaster) ticks += stat.ticks + stat.endedChildrenTicks;
      else if (stat?.ppid === postmaster) ticks += stat.ticks;
    }
    return ticks / TICKS_PER_SECOND;
  };
}
