import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import type { Dc09Error, Result } from './errors.js';
import { decodeEvents } from './events.js';
import { MAX_FRAME_BYTES, type Dc09Message } from './frame.js';
import { Dc09Framer } from './framer.js';
import { evaluateFrame, isNoise, type Accepted, type KeyLookup, type Rejected } from './intake.js';
import type { AlarmEvent, ReasonOverrides } from './reasons.js';
import { buildAck, buildDuh, buildNak, type ReplyKind } from './reply.js';

export interface Dc09Intake {
  readonly message: Dc09Message;
  /** Decoded events; empty when the data did not decode (then `eventError` says why). */
  readonly events: readonly AlarmEvent[];
  readonly eventError?: Dc09Error;
  readonly transport: 'tcp' | 'udp';
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly receivedAt: Date;
}

export type ReceiverProblem =
  | { readonly kind: 'rejected'; readonly error: Dc09Error; readonly reply: 'nak' | 'duh' | 'none'; readonly remoteAddress: string }
  | { readonly kind: 'oversize'; readonly remoteAddress: string }
  /** A TCP peer sent more than `maxNoiseBytes` without a frame whose CRC holds; we closed the connection. */
  | { readonly kind: 'noise'; readonly remoteAddress: string; readonly bytes: number }
  | { readonly kind: 'handler-failed'; readonly cause: unknown; readonly message: Dc09Message }
  | { readonly kind: 'socket-error'; readonly cause: unknown };

export interface ReceiverOptions {
  readonly host: string;
  /** 0 picks a free port; TCP and UDP then share it. */
  readonly port: number;
  /**
   * Commits the alarm and says how to answer. The reply is written only after this resolves
   * (ACK only once the alarm is durable). If it rejects, we send nothing: the transmitter's ACK timeout
   * makes it retry, or fail over to its backup path, which is what we want while our store is down.
   * A NAK would invite an immediate retry loop against a failing store, and DUH would tell it to give up.
   */
  readonly onMessage: (intake: Dc09Intake) => Promise<ReplyKind>;
  readonly keys: KeyLookup;
  readonly now?: () => Date;
  /** Link tests ('NULL', §5.5.2.1) are ACKed by the receiver itself; this only observes them. */
  readonly onLinkTest?: (intake: Dc09Intake) => void;
  /** Observability hook for refused frames, handler failures and socket errors. */
  readonly onProblem?: (problem: ReceiverProblem) => void;
  readonly reasonOverrides?: ReasonOverrides;
  readonly tcp?: boolean;
  readonly udp?: boolean;
  readonly maxFrameBytes?: number;
  /**
   * Bytes a TCP connection may send without one frame whose CRC holds before we close it (default two
   * maximal frames). Noise gets no reply (SIA DC-09-2007 App. C.2.3.5), so without this limit a peer that
   * does not speak DC-09 would hold a connection open until the idle timeout.
   */
  readonly maxNoiseBytes?: number;
  readonly idleTimeoutMs?: number;
  /** Frames queued on one TCP connection before we stop reading from it. */
  readonly maxPendingPerConnection?: number;
  /** How long close() waits for handlers in flight before dropping connections. */
  readonly closeGraceMs?: number;
}

export interface Dc09Receiver {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

interface Peer {
  readonly transport: 'tcp' | 'udp';
  readonly address: string;
  readonly port: number;
}

const DEFAULT_MAX_NOISE_BYTES = 2 * MAX_FRAME_BYTES;

/** One frame as evaluated on arrival, so a frame queued behind a slow commit keeps its arrival time. */
interface Arrival {
  readonly evaluated: Result<Accepted, Rejected>;
  readonly receivedAt: Date;
}

function arrive(bytes: Buffer, options: ReceiverOptions): Arrival {
  const receivedAt = (options.now ?? (() => new Date()))();
  return { evaluated: evaluateFrame(bytes, options.keys, receivedAt), receivedAt };
}

/** Decides the reply to one frame; undefined means send nothing. Never rejects. */
async function answer({ evaluated, receivedAt }: Arrival, peer: Peer, options: ReceiverOptions): Promise<Buffer | undefined> {
  const clock = options.now ?? (() => new Date());
  const problem = options.onProblem ?? (() => undefined);
  if (!evaluated.ok) {
    const { error, reply, header } = evaluated.error;
    problem({ kind: 'rejected', error, reply, remoteAddress: peer.address });
    if (reply === 'nak') return buildNak(clock());
    if (reply === 'duh' && header) return buildDuh(header);
    return undefined;
  }
  const { message, key } = evaluated.value;
  const decoded = decodeEvents(message, options.reasonOverrides);
  const intake: Dc09Intake = {
    message,
    events: decoded.ok ? decoded.value : [],
    ...(!decoded.ok && { eventError: decoded.error }),
    transport: peer.transport,
    remoteAddress: peer.address,
    remotePort: peer.port,
    receivedAt,
  };
  const ackOptions = key ? { key, now: clock() } : { now: clock() };
  if (message.token === 'NULL') {
    try {
      options.onLinkTest?.(intake);
    } catch (cause) {
      problem({ kind: 'handler-failed', cause, message });
    }
    return buildAck(message, ackOptions);
  }
  let verdict: ReplyKind;
  try {
    verdict = await options.onMessage(intake);
  } catch (cause) {
    problem({ kind: 'handler-failed', cause, message });
    return undefined;
  }
  if (verdict === 'ack') return buildAck(message, key ? { key, now: clock() } : { now: clock() });
  if (verdict === 'nak') return buildNak(clock());
  if (verdict === 'duh') return buildDuh(message);
  problem({ kind: 'handler-failed', cause: new TypeError(`handler answered ${String(verdict)}`), message });
  return undefined;
}

/** Starts a DC-09 receiver on TCP and UDP (both by default) at the same port. */
export async function startReceiver(options: ReceiverOptions): Promise<Dc09Receiver> {
  const inFlight = new Set<Promise<unknown>>();
  // Tracked promises never reject: answer() catches handler failures and the callers catch I/O errors.
  const track = (p: Promise<unknown>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const state = { closing: false };
  const sockets = new Set<Socket>();
  const useTcp = options.tcp ?? true;
  const useUdp = options.udp ?? true;

  const tcp = useTcp ? createServer((socket) => serveConnection(socket, options, sockets, track, state)) : undefined;
  let port = options.port;
  let udp: UdpSocket | undefined;
  for (let attempt = 0; ; attempt++) {
    if (tcp) port = await listenTcp(tcp, options.host, options.port);
    try {
      udp = useUdp ? await bindUdp(options.host, port, options, track, state) : undefined;
      break;
    } catch (err) {
      // With port 0 the UDP side may find TCP's port taken; try another pair.
      if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (options.port !== 0 || attempt >= 5) throw err;
    }
  }
  return {
    host: options.host,
    port,
    async close(): Promise<void> {
      state.closing = true;
      const closed = tcp ? new Promise<void>((resolve) => tcp.close(() => resolve())) : Promise.resolve();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, options.closeGraceMs ?? 2_000).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      for (const socket of sockets) socket.destroy();
      if (udp) {
        const u = udp;
        await new Promise<void>((resolve) => u.close(() => resolve()));
      }
      await closed;
    },
  };
}

function listenTcp(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function bindUdp(
  host: string,
  port: number,
  options: ReceiverOptions,
  track: (p: Promise<unknown>) => void,
  state: { closing: boolean },
): Promise<UdpSocket> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  // DC-09 over UDP: one frame per datagram, the reply goes back to the sender's address and port.
  socket.on('message', (datagram, remote) => {
    if (state.closing) return;
    const peer: Peer = { transport: 'udp', address: remote.address, port: remote.port };
    track(
      answer(arrive(datagram, options), peer, options).then((reply) => {
        if (reply && !state.closing) socket.send(reply, remote.port, remote.address);
      }, (cause: unknown) => options.onProblem?.({ kind: 'socket-error', cause })),
    );
  });
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      socket.close();
      reject(err);
    };
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      socket.on('error', (cause) => options.onProblem?.({ kind: 'socket-error', cause }));
      resolve(socket);
    });
  });
}

/** One TCP connection: frames are answered strictly in arrival order, each after its handler settles. */
function serveConnection(
  socket: Socket,
  options: ReceiverOptions,
  sockets: Set<Socket>,
  track: (p: Promise<unknown>) => void,
  state: { closing: boolean },
): void {
  sockets.add(socket);
  const framer = new Dc09Framer(options.maxFrameBytes);
  const maxPending = options.maxPendingPerConnection ?? 32;
  const peer: Peer = { transport: 'tcp', address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  const maxNoise = options.maxNoiseBytes ?? DEFAULT_MAX_NOISE_BYTES;
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  // Bytes since the last chunk that held a frame whose CRC holds. Counted per chunk: a chunk with one
  // good frame clears it, so a transmitter is never cut off for line noise around its frames.
  let noise = 0;
  socket.setTimeout(options.idleTimeoutMs ?? 300_000, () => socket.destroy());
  socket.on('error', (cause) => options.onProblem?.({ kind: 'socket-error', cause }));
  socket.on('close', () => sockets.delete(socket));
  socket.on('data', (chunk: Buffer) => {
    if (state.closing) return;
    let framed = false;
    for (const item of framer.push(chunk)) {
      // Longer than 0LLL can declare: noise, dropped without a reply (SIA DC-09-2007 App. C.2.3.5).
      if (item.kind === 'oversize') {
        options.onProblem?.({ kind: 'oversize', remoteAddress: peer.address });
        continue;
      }
      const arrival = arrive(item.bytes, options);
      if (!isNoise(arrival.evaluated)) framed = true;
      pending++;
      if (pending >= maxPending) socket.pause();
      chain = chain
        .then(async () => {
          const reply = await answer(arrival, peer, options);
          if (reply && !socket.destroyed) socket.write(reply);
        })
        .catch((cause: unknown) => options.onProblem?.({ kind: 'socket-error', cause }))
        .finally(() => {
          pending--;
          if (socket.isPaused() && pending < maxPending / 2) socket.resume();
        });
      track(chain);
    }
    noise = framed ? 0 : noise + chunk.length;
    if (noise > maxNoise) {
      options.onProblem?.({ kind: 'noise', remoteAddress: peer.address, bytes: noise });
      socket.destroy();
    }
  });
}
