/**
 * A DC-09 transmitter pool for the alarm benchmark and the crash test: each connection carries one
 * message at a time and waits for its reply, as a transmitter does. A message without an ACK (timeout,
 * connection lost, server down, NAK) is sent again, byte for byte, on a fresh connection until it is
 * ACKed or DUHed, so a receiver that restarts loses nothing the sender was told was ACKed. With a
 * secondary receiver configured, as DC-09 transmitters have one, a missed ACK (timeout, lost or refused
 * connection) switches every new connection to the other receiver.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Dc09Framer, parseReply } from '../src/modules/nightcare/index.js';

export interface Outgoing {
  readonly frame: Buffer;
  readonly account: string;
  /** Four digits as in the frame. */
  readonly sequence: string;
  /** The account's AES key when the frame is encrypted (the ACK is encrypted too). */
  readonly key?: Buffer;
}

export interface Delivery {
  readonly kind: 'ack' | 'duh';
  readonly attempts: number;
  /** performance.now() of the first attempt, of the attempt that was answered, and of the answer. */
  readonly firstSentAt: number;
  readonly sentAt: number;
  readonly repliedAt: number;
}

export interface SenderOptions {
  host: string;
  port: number;
  /** Connections kept open at most; a message waits for a free one. */
  connections?: number;
  /** No reply within this time: drop the connection and send again. */
  ackTimeoutMs?: number;
  /** Pause before resending after a NAK or a lost connection. */
  retryDelayMs?: number;
  /** The secondary receiver: taken after a missed ACK at the primary (and back after one at it). */
  secondary?: { host: string; port: number };
}

interface Job {
  readonly out: Outgoing;
  readonly resolve: (delivery: Delivery) => void;
  attempts: number;
  firstSentAt: number;
  sentAt: number;
}

export class Dc09Sender {
  private readonly queue: Job[] = [];
  private readonly idle: Socket[] = [];
  private readonly busy = new Map<Socket, Job>();
  private readonly sockets = new Set<Socket>();
  private connecting = 0;
  private closed = false;
  /** Resends after a timeout, NAK or lost connection. */
  retries = 0;
  connectFailures = 0;
  /** Switches between primary and secondary receiver. */
  failovers = 0;
  private active = 0;
  private readonly receivers: { host: string; port: number }[];

  constructor(private readonly options: SenderOptions) {
    this.receivers = [{ host: options.host, port: options.port }, ...(options.secondary ? [options.secondary] : [])];
  }

  /** A missed ACK at the receiver in use: the next connection goes to the other one. */
  private missed(at: number): void {
    if (this.receivers.length < 2 || at !== this.active) return;
    this.active = (this.active + 1) % this.receivers.length;
    this.failovers++;
  }

  send(out: Outgoing): Promise<Delivery> {
    return new Promise((resolve) => {
      this.queue.push({ out, resolve, attempts: 0, firstSentAt: 0, sentAt: 0 });
      this.pump();
    });
  }

  /** Messages not yet answered. */
  get pending(): number {
    return this.queue.length + this.busy.size;
  }

  close(): void {
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const socket = this.idle.pop();
      if (socket) {
        this.transmit(socket, this.queue.shift() as Job);
        continue;
      }
      if (this.busy.size + this.idle.length + this.connecting >= (this.options.connections ?? 32)) return;
      if (this.connecting >= this.queue.length) return;
      this.open();
    }
  }

  private open(): void {
    this.connecting++;
    const at = this.active;
    const socket = connect({ ...(this.receivers[at] as { host: string; port: number }), noDelay: true });
    this.sockets.add(socket);
    const framer = new Dc09Framer();
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      this.connecting--;
      if (this.closed) return void socket.destroy();
      this.idle.push(socket);
      this.pump();
    });
    socket.on('data', (chunk: Buffer) => {
      for (const item of framer.push(chunk)) if (item.kind === 'frame') this.onReply(socket, item.bytes);
    });
    socket.on('error', () => undefined);
    // No reply in time: drop the connection; 'close' puts the message back in the queue.
    socket.on('timeout', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.closed) return;
      if (!connected) {
        this.connecting--;
        this.connectFailures++;
        this.missed(at);
        // The receiver is down: try again after a pause rather than spinning.
        setTimeout(() => this.pump(), this.options.retryDelayMs ?? 100);
        return;
      }
      const idleAt = this.idle.indexOf(socket);
      if (idleAt >= 0) this.idle.splice(idleAt, 1);
      const job = this.busy.get(socket);
      this.busy.delete(socket);
      if (job) {
        this.missed(at);
        this.retry(job);
      } else this.pump();
    });
  }

  private transmit(socket: Socket, job: Job): void {
    job.attempts++;
    job.sentAt = performance.now();
    if (job.attempts === 1) job.firstSentAt = job.sentAt;
    this.busy.set(socket, job);
    socket.setTimeout(this.options.ackTimeoutMs ?? 2000);
    socket.write(job.out.frame);
  }

  private onReply(socket: Socket, bytes: Buffer): void {
    const repliedAt = performance.now();
    const job = this.busy.get(socket);
    if (!job) return;
    const reply = parseReply(bytes, job.out.key);
    if (!reply.ok || reply.value.kind === 'nak') {
      this.release(socket);
      this.retry(job);
      return;
    }
    // A reply for another message cannot come on a one-at-a-time connection; treat it as line noise.
    if (reply.value.sequence !== job.out.sequence || (reply.value.account ?? '') !== job.out.account) return;
    this.release(socket);
    job.resolve({ kind: reply.value.kind, attempts: job.attempts, firstSentAt: job.firstSentAt, sentAt: job.sentAt, repliedAt });
    this.pump();
  }

  private release(socket: Socket): void {
    this.busy.delete(socket);
    socket.setTimeout(0);
    if (!socket.destroyed) this.idle.push(socket);
  }

  private retry(job: Job): void {
    this.retries++;
    setTimeout(() => {
      this.queue.unshift(job);
      this.pump();
    }, this.options.retryDelayMs ?? 100);
  }
}
