import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/index.js';

/** Queues an event on a PostgreSQL channel in the caller's transaction: delivered on commit only, to every instance. */
export async function notifyChannel(trx: Transaction<Database>, channel: string, event: object): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${JSON.stringify(event)})`.execute(trx);
}

type Listener<E> = (event: E) => void;

/**
 * One LISTEN connection per server instance and channel, fanning events out to the open streams of
 * that instance by a key (an alliance, an organisation); LISTEN/NOTIFY carries them between instances.
 */
export class ChannelHub<E> {
  private client: pg.Client | undefined;
  private readonly listeners = new Map<string, Set<Listener<E>>>();
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly keyOf: (event: E) => string,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (!message.payload) return;
      const event = JSON.parse(message.payload) as E;
      for (const listener of this.listeners.get(this.keyOf(event)) ?? []) listener(event);
    });
    // A dropped connection is re-opened so screens keep updating after a database restart.
    client.on('error', () => void this.reconnect());
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    await this.client?.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    if (!this.closed) await this.start().catch(() => this.reconnect());
  }

  subscribe(key: string, listener: Listener<E>): () => void {
    const set = this.listeners.get(key) ?? new Set();
    set.add(listener);
    this.listeners.set(key, set);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}
