/**
 * DC-09 fuzzing at volume (issue 15): generated and mutated frames through the pure codec, then through
 * a live receiver on loopback (TCP and UDP, no database behind it: the handler ACKs at once).
 *   npm run bench:fuzz -- [--codec 1000000] [--live 100000] [--seed 1]
 * Oracles besides "never throws": every valid frame is accepted and decodes, no frame with one flipped bit
 * is accepted (CRC-16 finds every single-bit error), every valid frame on a live connection is ACKed,
 * no unhandled rejection, and the heap after the run is within a few MB of the heap after warm-up.
 * Writes bench/results/fuzz.md.
 */
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { dc09Codec } from '../src/modules/nightcare/index.js';
import { frameGenerator, FUZZ_KEY, fuzzKeys, type FuzzFrame } from './dc09-fuzz-frames.js';

const { values } = parseArgs({ options: { codec: { type: 'string', default: '1000000' }, live: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } } });
const CODEC_FRAMES = Number(values.codec);
const LIVE_FRAMES = Number(values.live);
const SEED = Number(values.seed);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
// Counted, not swallowed: an exception outside the fuzzed calls must still stop the run loudly.
process.on('uncaughtExceptionMonitor', (error) => unhandled.push(error));

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface CodecRun {
  frames: number;
  byKind: Record<FuzzFrame['kind'], number>;
  accepted: number;
  crashes: string[];
  validRefused: number;
  bitFlipsAccepted: number;
  framerOutputs: number;
  seconds: number;
  heap: number[];
}

function fuzzCodec(): CodecRun {
  const next = frameGenerator(SEED, () => new Date());
  const run: CodecRun = { frames: CODEC_FRAMES, byKind: { valid: 0, 'bit-flip': 0, mutated: 0 }, accepted: 0, crashes: [], validRefused: 0, bitFlipsAccepted: 0, framerOutputs: 0, seconds: 0, heap: [] };
  const framer = new dc09Codec.Dc09Framer();
  const warmUp = Math.min(50_000, CODEC_FRAMES);
  const started = performance.now();
  for (let i = 0; i < CODEC_FRAMES; i++) {
    if (i === warmUp || (i > warmUp && i % 250_000 === 0)) run.heap.push(heapMb());
    const frame = next();
    run.byKind[frame.kind]++;
    try {
      const result = dc09Codec.evaluateFrame(frame.bytes, fuzzKeys, new Date());
      if (result.ok) {
        run.accepted++;
        dc09Codec.decodeEvents(result.value.message);
        if (frame.kind === 'bit-flip') run.bitFlipsAccepted++;
      } else if (frame.kind === 'valid') {
        run.validRefused++;
      }
      // The same bytes as a TCP stream, cut at an arbitrary point.
      const cut = i % (frame.bytes.length + 1);
      run.framerOutputs += framer.push(frame.bytes.subarray(0, cut)).length + framer.push(frame.bytes.subarray(cut)).length;
    } catch (error) {
      if (run.crashes.length < 10) run.crashes.push(`${frame.kind} ${JSON.stringify(frame.bytes.toString('latin1'))}: ${String(error)}`);
      else run.crashes.push('');
    }
  }
  run.seconds = (performance.now() - started) / 1000;
  run.heap.push(heapMb());
  return run;
}

interface LiveRun {
  frames: number;
  validSentClean: number;
  acksClean: number;
  udpDatagrams: number;
  reconnects: number;
  problems: Record<string, number>;
  probeAcked: boolean;
  seconds: number;
  heapBefore: number;
  heapAfter: number;
}

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });

function write(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve();
    socket.write(bytes, () => resolve());
  });
}

/** A connection that sends only valid frames, in batches, and waits for every ACK of a batch. */
async function cleanConnection(port: number, frames: Buffer[], run: LiveRun): Promise<void> {
  const socket = await open(port);
  const framer = new dc09Codec.Dc09Framer();
  let acks = 0;
  let waiting: (() => void) | undefined;
  let expected = 0;
  socket.on('data', (chunk: Buffer) => {
    for (const out of framer.push(chunk)) {
      if (out.kind !== 'frame') continue;
      const reply = dc09Codec.parseReply(out.bytes, FUZZ_KEY);
      if (reply.ok && reply.value.kind === 'ack') acks++;
    }
    if (acks >= expected) waiting?.();
  });
  for (let i = 0; i < frames.length; i += 100) {
    const batch = frames.slice(i, i + 100);
    expected += batch.length;
    const done = new Promise<void>((resolve) => {
      waiting = resolve;
      setTimeout(resolve, 10_000).unref();
    });
    await write(socket, Buffer.concat(batch));
    await done;
  }
  run.validSentClean += frames.length;
  run.acksClean += acks;
  socket.destroy();
}

/** A connection that sends everything; the receiver may close it for noise, then it opens a new one. */
async function dirtyConnection(port: number, frames: Buffer[], run: LiveRun): Promise<void> {
  const udp = createSocket('udp4');
  let socket = await open(port);
  socket.on('error', () => undefined);
  socket.resume();
  for (let i = 0; i < frames.length; i += 50) {
    if (socket.destroyed || socket.closed) {
      run.reconnects++;
      socket = await open(port);
      socket.on('error', () => undefined);
      socket.resume();
    }
    const batch = frames.slice(i, i + 50);
    if (i % 1000 === 0) {
      for (const frame of batch.slice(0, 5)) udp.send(frame, port, '127.0.0.1');
      run.udpDatagrams += Math.min(5, batch.length);
    }
    await write(socket, Buffer.concat(batch));
  }
  socket.destroy();
  udp.close();
}

async function fuzzLive(): Promise<LiveRun> {
  const problems: Record<string, number> = {};
  const receiver = await dc09Codec.startReceiver({
    host: '127.0.0.1',
    port: 0,
    keys: fuzzKeys,
    onMessage: () => Promise.resolve('ack'),
    onProblem: (problem) => (problems[problem.kind] = (problems[problem.kind] ?? 0) + 1),
  });
  const run: LiveRun = { frames: LIVE_FRAMES, validSentClean: 0, acksClean: 0, udpDatagrams: 0, reconnects: 0, problems, probeAcked: false, seconds: 0, heapBefore: heapMb(), heapAfter: 0 };
  const next = frameGenerator(SEED + 1, () => new Date());
  const started = performance.now();
  const CONNECTIONS = 8;
  const perRound = 5_000;
  for (let sent = 0; sent < LIVE_FRAMES; sent += perRound) {
    // Frames are generated per round, so encrypted ones carry a timestamp inside the receiver's window.
    const round = Array.from({ length: Math.min(perRound, LIVE_FRAMES - sent) }, next);
    const clean = round.filter((f) => f.kind === 'valid').map((f) => f.bytes);
    const dirty = round.map((f) => f.bytes);
    const share = (items: Buffer[], k: number, n: number) => items.filter((_, i) => i % n === k);
    await Promise.all([
      ...[0, 1].map((k) => cleanConnection(receiver.port, share(clean, k, 2), run)),
      ...Array.from({ length: CONNECTIONS - 2 }, (_, k) => dirtyConnection(receiver.port, share(dirty, k, CONNECTIONS - 2), run)),
    ]);
  }
  run.seconds = (performance.now() - started) / 1000;
  const probe = frameGenerator(SEED + 2, () => new Date());
  let frame = probe();
  while (frame.kind !== 'valid') frame = probe();
  const before = run.acksClean;
  await cleanConnection(receiver.port, [frame.bytes], run);
  run.probeAcked = run.acksClean === before + 1;
  await receiver.close();
  run.heapAfter = heapMb();
  return run;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const codec = fuzzCodec();
const live = await fuzzLive();
const heapGrowth = (codec.heap.at(-1) ?? 0) - (codec.heap[0] ?? 0);
const pass =
  codec.crashes.length === 0 && codec.validRefused === 0 && codec.bitFlipsAccepted === 0 && live.acksClean === live.validSentClean && live.probeAcked && unhandled.length === 0 && heapGrowth < 16;

const md = `# DC-09 fuzzing

\`npm run bench:fuzz -- --codec ${CODEC_FRAMES} --live ${LIVE_FRAMES} --seed ${SEED}\` on ${cpus().length} cores (load average ${fmt(loadavg()[0] ?? 0, 1)} at the end: throughput is only comparable between quiet runs), ${new Date().toISOString().slice(0, 10)}. ${pass ? 'All oracles hold.' : '**An oracle failed.**'}

## Codec: ${fmt(codec.frames)} frames through \`evaluateFrame\`, \`decodeEvents\` and the stream framer

| | |
|---|---|
| valid / one bit flipped / mutated (half of them re-sealed with a fresh length and CRC) | ${fmt(codec.byKind.valid)} / ${fmt(codec.byKind['bit-flip'])} / ${fmt(codec.byKind.mutated)} |
| accepted | ${fmt(codec.accepted)} |
| exceptions thrown | ${codec.crashes.length} |
| valid frames refused | ${codec.validRefused} |
| frames with one flipped bit accepted | ${codec.bitFlipsAccepted} |
| frames out of the stream framer | ${fmt(codec.framerOutputs)} |
| throughput | ${fmt(codec.frames / codec.seconds)} frames/s (${fmt(codec.seconds, 1)} s) |
| heap after warm-up → each 250,000 → end (MB) | ${codec.heap.map((h) => fmt(h, 1)).join(' → ')} |

## Live receiver: ${fmt(live.frames)} frames over TCP (8 connections) and UDP

| | |
|---|---|
| valid frames on the two clean connections / ACKs received | ${fmt(live.validSentClean)} / ${fmt(live.acksClean)} |
| UDP datagrams | ${fmt(live.udpDatagrams)} |
| dirty connections closed by the receiver and reopened | ${fmt(live.reconnects)} |
| problems the receiver reported | ${Object.entries(live.problems).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || 'none'} |
| a valid frame after the storm is ACKed | ${live.probeAcked ? 'yes' : 'no'} |
| unhandled rejections or exceptions in the process | ${unhandled.length} |
| time | ${fmt(live.seconds, 1)} s (${fmt(live.frames / live.seconds)} frames/s) |
| heap before → after (MB) | ${fmt(live.heapBefore, 1)} → ${fmt(live.heapAfter, 1)} |
${codec.crashes.length > 0 ? `\n## First exceptions\n\n${codec.crashes.filter(Boolean).map((c) => `- ${c}`).join('\n')}\n` : ''}`;

console.log(md);
writeFileSync(path.join(repoRoot, 'bench/results/fuzz.md'), md);
process.exitCode = pass ? 0 : 1;
