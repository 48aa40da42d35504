import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Dc09Sender, type Delivery } from '../../bench/dc09-sender.js';
import { dc09DedupKey, encodeFrame } from '../../src/modules/nightcare/index.js';
import type { Db } from '../../src/platform/db/index.js';
import { freePort } from '../../src/platform/net/index.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

// The set-up shared by the crash, restart and failover tests: a server process taking one alliance's
// DC-09 alarms on free ports, numbered alarms whose dedup keys the test knows, the count of what was
// stored per key, and the time from a spawn to the first ACK.

export interface AlarmServer {
  readonly env: NodeJS.ProcessEnv;
  readonly dc09Port: number;
  readonly httpPort: number;
  /** Starts (or starts again) a process on these ports; resolves as startServerProcess does. */
  start(options?: Parameters<typeof startServerProcess>[1]): Promise<ServerProcess>;
}

export async function alarmServer(options: { databaseUrl: string; allianceId: string; dataDir: string; secretKey: string; seedDemo?: boolean }): Promise<AlarmServer> {
  const dc09Port = await freePort();
  const httpPort = await freePort();
  const env = {
    DATABASE_URL: options.databaseUrl,
    SEED_DEMO: options.seedDemo ? 'true' : 'false',
    HOST: '127.0.0.1',
    PORT: String(httpPort),
    DC09_PORT: String(dc09Port),
    DC09_ALLIANCE_ID: options.allianceId,
    SECRET_KEY: options.secretKey,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'error',
  };
  return { env, dc09Port, httpPort, start: (startOptions) => startServerProcess(env, startOptions) };
}

export interface NumberedAlarm {
  readonly frame: Buffer;
  readonly account: string;
  readonly sequence: string;
  /** The key the server stores it under, to find it (once) afterwards. */
  readonly dedupKey: string;
}

/** Alarms on accounts unique to one run (prefix + number), so only that run's alarms are counted. */
export function numberedAlarms(): { prefix: string; alarm: (i: number) => NumberedAlarm } {
  const prefix = randomBytes(3).toString('hex').toUpperCase();
  return {
    prefix,
    alarm: (i) => {
      const account = `${prefix}${i.toString(16).toUpperCase().padStart(4, '0')}`;
      const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
      const frame = encodeFrame({ token: 'ADM-CID', sequence: '0001', line: '0', account, data: `#${account}|1101 01 001`, timestamp });
      return { frame, account, sequence: '0001', dedupKey: dc09DedupKey({ account, sequence: '0001', timestamp }, timestamp) };
    },
  };
}

/** The run's stored DC-09 alarms, and the keys among `keys` not stored exactly once. */
export async function storedAlarms(db: Db, allianceId: string, prefix: string, keys: string[]): Promise<{ rows: { dedup_key: string; incident_id: string | null }[]; notOnce: string[] }> {
  const rows = await db.selectFrom('alarm').select(['dedup_key', 'incident_id']).where('alliance_id', '=', allianceId).where('source', '=', 'dc09').where('account', 'like', `${prefix}%`).execute();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.dedup_key, (counts.get(row.dedup_key) ?? 0) + 1);
  return { rows, notOnce: keys.filter((k) => counts.get(k) !== 1) };
}

/**
 * Spawns the server and sends one alarm at once, resent every 50 ms until ACKed, as a transmitter that
 * retries would: the time from the spawn to that ACK is how long alarms went unanswered.
 */
export async function firstAckAfterSpawn(server: AlarmServer): Promise<{ process: ServerProcess; delivery: Delivery; ackAfterMs: number }> {
  const sender = new Dc09Sender({ host: '127.0.0.1', port: server.dc09Port, connections: 1, ackTimeoutMs: 1000, retryDelayMs: 50 });
  const alarm = numberedAlarms().alarm(0);
  const spawnedAt = performance.now();
  const process = await server.start({ until: null });
  const delivery = await sender.send({ frame: alarm.frame, account: alarm.account, sequence: alarm.sequence });
  sender.close();
  return { process, delivery, ackAfterMs: delivery.repliedAt - spawnedAt };
}
