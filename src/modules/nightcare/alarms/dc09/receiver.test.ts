import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, MAX_FRAME_BYTES } from './frame.js';
import { Dc09Framer } from './framer.js';
import { startReceiver, type Dc09Intake, type Dc09Receiver, type ReceiverOptions } from './receiver.js';
import { parseReply, type ReplyKind } from './reply.js';

const KEY = Buffer.alloc(16, 9);
const keys = (account: string): Buffer | undefined => (account === 'E1' ? KEY : undefined);
const alarm = (seq: number, account = '1234'): Buffer =>
  encodeFrame({ token: 'ADM-CID', sequence: seq, line: '0', account, data: `#${account}|1101 01 001` });
/** Reproducible garbage with an LF or CR about every 100 bytes, so the framer cuts it into frame-like fragments. */
function garbage(length: number, seed: number): Buffer {
  let x = seed;
  // xorshift32: cheap and reproducible.
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  return Buffer.from(Array.from({ length }, () => (next() % 50 === 0 ? (next() % 2 === 0 ? 0x0a : 0x0d) : next() % 256)));
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let receiver: Dc09Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function start(onMessage: ReceiverOptions['onMessage'], extra: Partial<ReceiverOptions> = {}): Promise<Dc09Receiver> {
  receiver = await startReceiver({ host: '127.0.0.1', port: 0, keys, onMessage, closeGraceMs: 200, ...extra });
  return receiver;
}

/** A TCP client that collects reply frames. */
async function tcpClient(port: number): Promise<{ socket: Socket; replies: Buffer[] }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const replies: Buffer[] = [];
  const framer = new Dc09Framer();
  socket.on('data', (chunk: Buffer) => {
    for (const item of framer.push(chunk)) if (item.kind === 'frame') replies.push(item.bytes);
  });
  return { socket, replies };
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

const kinds = (replies: Buffer[], key?: Buffer): string[] =>
  replies.map((r) => {
    const parsed = parseReply(r, key);
    return parsed.ok ? `${parsed.value.kind}:${parsed.value.sequence}` : `error:${parsed.error.code}`;
  });

describe('DC-09 receiver over TCP', () => {
  it('ACKs only after the handler has resolved', async () => {
    let release: (verdict: ReplyKind) => void = () => undefined;
    const seen: Dc09Intake[] = [];
    const { port } = await start((intake) => {
      seen.push(intake);
      return new Promise((resolve) => (release = resolve));
    });
    const { socket, replies } = await tcpClient(port);
    socket.write(alarm(7));
    await until(() => seen.length === 1);
    await sleep(50);
    expect(replies).toHaveLength(0);
    expect(seen[0]).toMatchObject({ transport: 'tcp', message: { account: '1234', sequence: '0007' }, events: [{ reason: 'personal_emergency' }] });
    release('ack');
    await until(() => replies.length === 1);
    expect(kinds(replies)).toEqual(['ack:0007']);
    socket.destroy();
  });

  it('sends nothing when the handler rejects, and keeps the connection working', async () => {
    const problems: string[] = [];
    const { port } = await start(
      (intake) => (intake.message.sequence === '0001' ? Promise.reject(new Error('store down')) : Promise.resolve('ack')),
      { onProblem: (p) => problems.push(p.kind) },
    );
    const { socket, replies } = await tcpClient(port);
    socket.write(alarm(1));
    await sleep(100);
    expect(replies).toHaveLength(0);
    expect(problems).toEqual(['handler-failed']);
    socket.write(alarm(2));
    await until(() => replies.length === 1);
    expect(kinds(replies)).toEqual(['ack:0002']);
    socket.destroy();
  });

  it('answers frames in order across split packets, several per packet, and nothing to garbage between them', async () => {
    const { port } = await start(async (intake) => {
      await sleep(intake.message.sequence === '0001' ? 30 : 0); // a slow first commit must not reorder replies
      return intake.message.sequence === '0004' ? 'duh' : 'ack';
    });
    const { socket, replies } = await tcpClient(port);
    const one = alarm(1);
    socket.write(one.subarray(0, 10));
    await sleep(20);
    socket.write(Buffer.concat([one.subarray(10), alarm(2), Buffer.from('\nnot a frame\r'), alarm(3).subarray(0, 5)]));
    await sleep(20);
    socket.write(Buffer.concat([alarm(3).subarray(5), alarm(4)]));
    await until(() => replies.length === 4);
    await sleep(50);
    expect(kinds(replies)).toEqual(['ack:0001', 'ack:0002', 'ack:0003', 'duh:0004']);
    socket.destroy();
  });

  it('encrypts the ACK for an encrypted alarm and ACKs a link test itself', async () => {
    const linkTests: string[] = [];
    const { port } = await start(() => Promise.resolve('ack'), { onLinkTest: (i) => linkTests.push(i.message.account ?? '') });
    const { socket, replies } = await tcpClient(port);
    socket.write(encodeFrame({ token: 'SIA-DCS', sequence: 11, line: '0', account: 'E1', data: 'Nri1/MA001', key: KEY }));
    socket.write(encodeFrame({ token: 'NULL', sequence: 12, line: '0', account: '99' }));
    await until(() => replies.length === 2);
    expect(kinds(replies.slice(0, 1), KEY)).toEqual(['ack:0011']);
    expect(parseReply(replies[0] ?? Buffer.alloc(0), KEY)).toMatchObject({ ok: true, value: { encrypted: true } });
    expect(kinds(replies.slice(1))).toEqual(['ack:0012']);
    expect(linkTests).toEqual(['99']);
    socket.destroy();
  });

  it('answers DUH to an alarm encrypted with another key than the account\'s, without calling the handler', async () => {
    let calls = 0;
    const { port } = await start(() => {
      calls++;
      return Promise.resolve('ack');
    });
    const { socket, replies } = await tcpClient(port);
    socket.write(encodeFrame({ token: 'SIA-DCS', sequence: 4, line: '0', account: 'E1', data: 'NMA1', key: Buffer.alloc(16, 1) }));
    await until(() => replies.length === 1);
    expect(kinds(replies)).toEqual(['duh:0004']);
    expect(parseReply(replies[0] ?? Buffer.alloc(0))).toMatchObject({ ok: true, value: { account: 'E1', encrypted: false } });
    expect(calls).toBe(0);
    socket.destroy();
  });

  it('NAKs an encrypted alarm outside the timestamp window without calling the handler', async () => {
    let calls = 0;
    const { port } = await start(() => {
      calls++;
      return Promise.resolve('ack');
    });
    const { socket, replies } = await tcpClient(port);
    const old = new Date(Date.now() - 60_000);
    socket.write(encodeFrame({ token: 'SIA-DCS', sequence: 3, account: 'E1', data: 'NMA1', key: KEY, timestamp: old }));
    await until(() => replies.length === 1);
    expect(kinds(replies)).toEqual(['nak:0000']);
    expect(calls).toBe(0);
    socket.destroy();
  });
});

describe('DC-09 receiver and garbage over TCP', () => {
  const closed = (socket: Socket): Promise<void> => new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

  it('sends no reply at all to 10 kB of garbage full of LF...CR fragments, and closes the connection past the limit', async () => {
    const problems: string[] = [];
    let closedAfter = 0;
    const { port } = await start(() => Promise.resolve('ack'), {
      onProblem: (p) => {
        problems.push(p.kind);
        if (p.kind === 'noise') closedAfter = p.bytes;
      },
    });
    const { socket, replies } = await tcpClient(port);
    const noise = garbage(10_240, 1);
    // The case: the fragments alone once drew a NAK each.
    expect(new Dc09Framer().push(noise).filter((o) => o.kind === 'frame').length).toBeGreaterThan(10);
    for (let at = 0; at < noise.length && !socket.destroyed; at += 1024) {
      socket.write(noise.subarray(at, at + 1024));
      await sleep(2);
    }
    await closed(socket);
    expect(replies).toEqual([]);
    expect(problems.filter((p) => p === 'noise')).toHaveLength(1);
    expect(closedAfter).toBeGreaterThan(2 * MAX_FRAME_BYTES);
    expect(closedAfter).toBeLessThanOrEqual(noise.length);
  });

  it('keeps a connection whose garbage stays under the limit, and ACKs the valid frame after it', async () => {
    const seen: string[] = [];
    const { port } = await start((intake) => {
      seen.push(intake.message.sequence);
      return Promise.resolve('ack');
    });
    const { socket, replies } = await tcpClient(port);
    socket.write(garbage(3000, 2));
    await sleep(30);
    socket.write(alarm(21));
    await until(() => replies.length === 1);
    await sleep(30);
    expect(kinds(replies)).toEqual(['ack:0021']);
    expect(seen).toEqual(['0021']);
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it('drops a frame too long for its length field without a reply and carries on', async () => {
    const problems: string[] = [];
    const { port } = await start(() => Promise.resolve('ack'), { onProblem: (p) => problems.push(p.kind) });
    const { socket, replies } = await tcpClient(port);
    socket.write(Buffer.concat([Buffer.from(`\n${'A'.repeat(5000)}\r`), alarm(22)]));
    await until(() => replies.length === 1);
    await sleep(30);
    expect(kinds(replies)).toEqual(['ack:0022']);
    expect(problems).toEqual(['oversize']);
    socket.destroy();
  });

  it('judges an encrypted frame by its arrival time, even when it waits behind a slow commit', async () => {
    let clock = Date.now();
    let release: () => void = () => undefined;
    const { port } = await start(
      (intake) => (intake.message.sequence === '0001' ? new Promise((resolve) => (release = () => resolve('ack'))) : Promise.resolve('ack')),
      { now: () => new Date(clock) },
    );
    const { socket, replies } = await tcpClient(port);
    socket.write(alarm(1));
    socket.write(encodeFrame({ token: 'SIA-DCS', sequence: 2, account: 'E1', data: 'NMA1', key: KEY, timestamp: new Date(clock) }));
    await sleep(50);
    // A minute later, far outside the +20/-40 s window, the first commit completes.
    clock += 60_000;
    release();
    await until(() => replies.length === 2);
    expect([...kinds(replies.slice(0, 1)), ...kinds(replies.slice(1), KEY)]).toEqual(['ack:0001', 'ack:0002']);
    socket.destroy();
  });
});

describe('DC-09 receiver over UDP', () => {
  async function exchange(port: number, datagram: Buffer, waitMs = 1000): Promise<Buffer | undefined> {
    const client = createSocket('udp4');
    try {
      const reply = new Promise<Buffer | undefined>((resolve) => {
        client.once('message', (msg) => resolve(msg));
        setTimeout(() => resolve(undefined), waitMs);
      });
      client.send(datagram, port, '127.0.0.1');
      return await reply;
    } finally {
      client.close();
    }
  }

  it('replies to the sender after the handler resolves, and not at all when it rejects', async () => {
    const { port } = await start(async (intake) => {
      await sleep(20);
      if (intake.message.sequence === '0002') throw new Error('store down');
      return 'ack';
    });
    const reply = await exchange(port, alarm(1));
    expect(reply && kinds([reply])).toEqual(['ack:0001']);
    expect(await exchange(port, alarm(2), 200)).toBeUndefined();
  });

  it('sends nothing back to a garbage datagram or a frame with a bad CRC, and still ACKs the next valid one', async () => {
    const problems: string[] = [];
    const { port } = await start(() => Promise.resolve('ack'), { onProblem: (p) => problems.push(p.kind === 'rejected' ? `${p.kind}:${p.error.code}` : p.kind) });
    expect(await exchange(port, garbage(1400, 3), 300)).toBeUndefined();
    const badCrc = Buffer.from(alarm(5));
    badCrc[1] = badCrc[1] === 0x46 ? 0x45 : 0x46;
    expect(await exchange(port, badCrc, 300)).toBeUndefined();
    const reply = await exchange(port, alarm(6));
    expect(reply && kinds([reply])).toEqual(['ack:0006']);
    expect(problems).toEqual(['rejected:framing', 'rejected:crc']);
  });
});
