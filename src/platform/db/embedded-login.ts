import fs from 'node:fs/promises';

/** The embedded cluster's superuser: loopback only, a fixed local password (see the README). */
export const EMBEDDED_USER = 'samenzorg';
export const EMBEDDED_PASSWORD = 'samenzorg-local';

export const embeddedUrl = (port: number, database: string): string => `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;

/** The port the embedded cluster in `databaseDir` last ran on, for tools that connect to a running server's database. */
export async function embeddedPort(databaseDir: string): Promise<number | undefined> {
  const port = Number((await fs.readFile(`${databaseDir}.port`, 'utf8').catch(() => '')).trim());
  return Number.isInteger(port) && port > 0 ? port : undefined;
}
