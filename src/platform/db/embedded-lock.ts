import fs from 'node:fs/promises';

/**
 * One server per data directory. Two servers on one embedded cluster would each stop the other's
 * PostgreSQL as a leftover of a crash; the second one is refused with a message instead. The lock file
 * holds the owning server's process id; a lock whose process is gone is a crashed server's, and is taken over.
 */
export async function lockDataDirectory(lockFile: string, label: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      return async () => {
        const owner = await readOwner(lockFile);
        if (owner === process.pid) await fs.rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(lockFile);
      if (owner !== undefined && (await isRunningNode(owner))) {
        throw new Error(`${label} is in use by another running Samenzorg server (process ${owner}). Stop that server first, or give this one another DATA_DIR.`, { cause: error });
      }
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new Error(`${label}: could not take the lock ${lockFile}`);
}

async function readOwner(lockFile: string): Promise<number | undefined> {
  const pid = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Alive, and a Node process: after a reboot the recorded id may belong to some unrelated process. */
async function isRunningNode(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return commandLine === undefined || /node|tsx|vitest/.test(commandLine);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
