import net from 'node:net';

/** What the proxy does with traffic: pass it, hold it (a stalled network), or refuse new connections. */
export type ProxyMode = { kind: 'pass' } | { kind: 'delay'; ms: number } | { kind: 'hold' } | { kind: 'refuse' };

export interface TcpProxy {
  readonly port: number;
  /** How many connections it has cut. */
  readonly resets: number;
  set(mode: ProxyMode): void;
  /** Cuts every open connection with a TCP reset, as a crashed database host or a firewall would. */
  resetAll(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  server: net.Socket;
}

/**
 * A TCP proxy on loopback between the app and PostgreSQL, for fault tests. `hold` queues the bytes of
 * every connection without sending them on (queries hang); `refuse` resets new connections at once
 * (the database is down); `delay` adds latency each way; `resetAll` cuts what is open.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = { kind: 'pass' };
  let resets = 0;
  const pairs = new Set<Pair>();
  const held: (() => void)[] = [];
  const forward = (to: net.Socket, chunk: Buffer) => {
    const send = () => {
      if (!to.destroyed) to.write(chunk);
    };
    if (mode.kind === 'hold') held.push(send);
    else if (mode.kind === 'delay') setTimeout(send, mode.ms);
    else send();
  };
  const server = net.createServer((client) => {
    if (mode.kind === 'refuse') {
      resets++;
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target);
    const pair = { client, server: upstream };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => forward(upstream, chunk));
    upstream.on('data', (chunk: Buffer) => forward(client, chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get resets() {
      return resets;
    },
    set(next) {
      mode = next;
      if (next.kind !== 'hold') for (const send of held.splice(0)) send();
    },
    resetAll() {
      held.length = 0;
      for (const pair of pairs) {
        resets++;
        pair.client.resetAndDestroy();
        pair.server.destroy();
      }
      pairs.clear();
    },
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same connection string through the proxy. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
