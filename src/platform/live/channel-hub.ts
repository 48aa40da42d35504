import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import { Counter } from 'prom-client';
import type { Database } from '../db/index.js';
import { metricsRegistry } from '../metrics/index.js';

const reconnects = new Counter({
  name: 'samenzorg_listen_reconnects_total',
  help: 'LISTEN connections re-opened after they dropped (open streams were told to resync)',
  labelNames: ['channel'],
  registers: [metricsRegistry],
});

/** Queues an event on a PostgreSQL channel in the caller's transaction: delivered on commit only, to every instance. */
export async function notifyChannel(trx: Transaction<Database>, channel: string, event: object): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${JSON.stringify(event)})`.execute(trx);
}

type Listener<E> = (event: E) => void;

/** What an open server-sent event stream writes when the hub may have missed notifications: refetch everything. */
export const RESYNC_EVENT = 'event: resync\ndata: {}\n\n';

/**
 * One LISTEN connection per server instance and channel, fanning events out to the open streams of
 * that instance by a key (an alliance, an organisation); LISTEN/NOTIFY carries them between instances.
 */
export class ChannelHub<E> {
  private client: pg.Client | undefined;
  private readonly listeners = new Map<string, Set<Listener<E>>>();
  private readonly resyncListeners = new Set<() => void>();
  private closed = false;
  private reconnecting = false;
  /** The last round trip sent on the LISTEN connection (see ping). */
  private lastPing: Promise<unknown> = Promise.resolve();
  /** The ping waiting for the one on the wire, shared by every caller until it is sent, and the connection it is for. */
  private queuedPing: { client: pg.Client; answered: Promise<boolean> } | undefined;
  private everListened = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly keyOf: (event: E) => string,
  ) {}

  async start(): Promise<void> {
    // Named so an operator (and a test) can tell the LISTEN connection apart in pg_stat_activity.
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: `listen:${this.channel}` });
    client.on('notification', (message) => {
      if (!message.payload) return;
      const event = JSON.parse(message.payload) as E;
      for (const listener of this.listeners.get(this.keyOf(event)) ?? []) listener(event);
    });
    // A dropped connection is re-opened so screens keep updating after a database restart. A terminated
    // backend may end the client without an error, so both are watched.
    client.on('error', () => void this.reconnect(client));
    client.on('end', () => void this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    // Notifications sent while no connection listened are lost: every open stream is told to refetch.
    if (this.everListened) {
      reconnects.inc({ channel: this.channel });
      for (const listener of this.resyncListeners) listener();
    }
    this.everListened = true;
  }

  private async reconnect(failed: pg.Client): Promise<void> {
    // Only the live connection counts: one that failed to start, or was already replaced, is no one's concern.
    if (this.closed || this.reconnecting || this.client !== failed) return;
    this.reconnecting = true;
    this.client = undefined;
    await failed.end().catch(() => undefined);
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      if (this.closed) break;
      try {
        await this.start();
        break;
      } catch {
        // The database is still away; try again after the pause.
      }
    }
    this.reconnecting = false;
  }

  /**
   * A round trip on the LISTEN connection: PostgreSQL sends a listening session its pending
   * notifications before it answers, so once this resolves true, every notification committed before
   * it was sent has been handled. False when no connection listens.
   */
  async ping(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    // One query at a time on the connection: a ping asked for while another is out waits for it (pg
    // would queue it too, but that queue is deprecated). Every caller that comes while one waits shares
    // it: it is sent after they all came, which is all each of them needs, so under load the callers
    // wait for at most the ping on the wire and one more, not for a queue of one ping each.
    // A ping queued for a connection since replaced is not shared: it can only answer false.
    if (this.queuedPing?.client === client) return this.queuedPing.answered;
    // Once on the wire it is no longer shared; a ping queued since (for a new connection) stays queued.
    const queued: { client: pg.Client; answered: Promise<boolean> } = {
      client,
      answered: this.lastPing
        .then(() => {
          if (this.queuedPing === queued) this.queuedPing = undefined;
          return client.query('SELECT 1');
        })
        .then(
          () => this.client === client,
          () => false,
        ),
    };
    this.queuedPing = queued;
    this.lastPing = queued.answered;
    return queued.answered;
  }

  /** Whether a LISTEN connection is up now: while it is not, notifications are being missed. */
  isListening(): boolean {
    return this.client !== undefined;
  }

  subscribe(key: string, listener: Listener<E>): () => void {
    const set = this.listeners.get(key) ?? new Set();
    set.add(listener);
    this.listeners.set(key, set);
    return () => set.delete(listener);
  }

  /** Called each time the LISTEN connection is back after a drop, when events may have been missed. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}
