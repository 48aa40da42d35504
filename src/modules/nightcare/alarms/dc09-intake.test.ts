import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../platform/db/index.js';
import { login, startTestApp, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, validClient, type World } from '../../../../test/support/world.js';
import { setAlarmKey } from './keys.js';
import { dc09AlarmInputs, dc09DedupKey, startAlarmReceiver, type AlarmReceiver } from './dc09-intake.js';
import { encodeFrame, parseReply, Dc09Framer, type Dc09Intake, type ParsedReply } from './dc09/index.js';

let t: TestApp;
let world: World;
let receiver: AlarmReceiver;
let clientId: string;
const ACCOUNT = 'DC09A1';
const SECURE_ACCOUNT = 'DC09E2';

/** One TCP connection that sends a frame and waits for the reply, as a transmitter does. */
class Transmitter {
  private readonly framer = new Dc09Framer();
  private readonly replies: Buffer[] = [];
  private waiting: ((reply: Buffer) => void) | undefined;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const item of this.framer.push(chunk)) {
        if (item.kind !== 'frame') continue;
        if (this.waiting) this.waiting(item.bytes);
        else this.replies.push(item.bytes);
      }
    });
  }

  static async open(port: number): Promise<Transmitter> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new Transmitter(socket);
  }

  /** The reply to `frame`, or undefined when none comes within `ms`. */
  async send(frame: Buffer, key?: Buffer, ms = 3000): Promise<ParsedReply | undefined> {
    const reply = new Promise<Buffer | undefined>((resolve) => {
      const queued = this.replies.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, ms);
      this.waiting = (bytes) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(bytes);
      };
    });
    this.socket.write(frame);
    const bytes = await reply;
    if (!bytes) return undefined;
    const parsed = parseReply(bytes, key);
    if (!parsed.ok) throw new Error(`unreadable reply: ${parsed.error.detail}`);
    return parsed.value;
  }

  close(): void {
    this.socket.destroy();
  }
}

let sequence = 0;
const cid = (account: string, event: string, options: { key?: Buffer; timestamp?: Date } = {}) =>
  encodeFrame({ token: 'ADM-CID', sequence: ++sequence, line: '0', account, data: `#${account}|${event}`, timestamp: options.timestamp ?? new Date(), ...(options.key && { key: options.key }) });

const alarmsOf = async (account: string) =>
  t.db.selectFrom('alarm').selectAll().where('alliance_id', '=', world.allianceId).where('account', '=', account).orderBy('received_at').execute();
const countIncidents = async (clientIdOrNull: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM incident WHERE client_id = ${clientIdOrNull}`.execute(t.db)).rows[0]?.n);

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const homeCoordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'homecoord'));
  const created = await homeCoordinator.post('/api/clients', validClient({ alarmAccount: ACCOUNT, familyName: 'Pendant' }));
  expect(created.statusCode).toBe(201);
  clientId = created.json<{ id: string }>().id;
  receiver = await startAlarmReceiver(t.deps, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 200 });
});

afterAll(async () => {
  await receiver.close();
});

describe('DC-09 alarm intake over TCP', () => {
  it('ACKs a personal-emergency frame for a client account after storing exactly one alarm and incident', async () => {
    const tx = await Transmitter.open(receiver.port);
    const frame = cid(ACCOUNT, '1101 01 001');
    const reply = await tx.send(frame);
    expect(reply).toMatchObject({ kind: 'ack', sequence: String(sequence).padStart(4, '0'), account: ACCOUNT });
    const alarms = await alarmsOf(ACCOUNT);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ source: 'dc09', reason: 'personal_emergency', queue: 'night', client_id: clientId, event_code: '101' });
    expect(alarms[0]?.incident_id).not.toBeNull();
    expect(await countIncidents(clientId)).toBe(1);

    // The transmitter missed our ACK and sends the same frame again: ACK again, store nothing new.
    const again = await tx.send(frame);
    expect(again).toMatchObject({ kind: 'ack', sequence: reply?.sequence });
    expect(await alarmsOf(ACCOUNT)).toHaveLength(1);
    expect(await countIncidents(clientId)).toBe(1);
    tx.close();
  });

  it('refuses an encrypted frame without a stored key, and accepts it once the key is set', async () => {
    const key = randomBytes(16);
    const tx = await Transmitter.open(receiver.port);
    expect(await tx.send(cid(SECURE_ACCOUNT, '1101 01 001', { key }))).toMatchObject({ kind: 'duh' });
    expect(await alarmsOf(SECURE_ACCOUNT)).toHaveLength(0);

    await setAlarmKey(t.deps, world.allianceId, SECURE_ACCOUNT.toLowerCase(), key.toString('hex'));
    await receiver.keys.refresh();
    const reply = await tx.send(cid(SECURE_ACCOUNT, '1101 01 001', { key }), key);
    expect(reply).toMatchObject({ kind: 'ack', encrypted: true, account: SECURE_ACCOUNT });
    // With a key on record, plain text from that account is refused: it could be forged.
    expect(await tx.send(cid(SECURE_ACCOUNT, '1101 01 001'))).toMatchObject({ kind: 'duh' });
    const alarms = await alarmsOf(SECURE_ACCOUNT);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ queue: 'night', client_id: null });
    tx.close();
  });

  it('turns a frame for an unknown account into an unidentified incident', async () => {
    const tx = await Transmitter.open(receiver.port);
    expect(await tx.send(cid('FFF999', '1101 01 001'))).toMatchObject({ kind: 'ack' });
    const [alarm] = await alarmsOf('FFF999');
    expect(alarm).toMatchObject({ queue: 'night', client_id: null });
    const incident = await t.db.selectFrom('incident').selectAll().where('id', '=', alarm?.incident_id ?? '').executeTakeFirstOrThrow();
    expect(incident).toMatchObject({ client_id: null, status: 'received', reason: 'personal_emergency' });
    tx.close();
  });

  it('puts a low-battery event in the technical queue without an incident', async () => {
    const tx = await Transmitter.open(receiver.port);
    expect(await tx.send(cid(ACCOUNT, '1302 00 000'))).toMatchObject({ kind: 'ack' });
    const battery = (await alarmsOf(ACCOUNT)).find((a) => a.reason === 'low_battery');
    expect(battery).toMatchObject({ queue: 'technical', incident_id: null, client_id: clientId, event_code: '302' });
    expect(await countIncidents(clientId)).toBe(1);
    tx.close();
  });

  it('stores each event of a multi-event SIA message once, and ACKs a link test without storing it', async () => {
    const tx = await Transmitter.open(receiver.port);
    const frame = encodeFrame({ token: 'SIA-DCS', sequence: ++sequence, line: '0', account: 'ABC777', data: '#ABC777|Nri1/MA001/YT002', timestamp: new Date() });
    expect(await tx.send(frame)).toMatchObject({ kind: 'ack' });
    expect(await tx.send(frame)).toMatchObject({ kind: 'ack' });
    const alarms = await alarmsOf('ABC777');
    expect(alarms.map((a) => [a.reason, a.queue]).sort()).toEqual([['low_battery', 'technical'], ['personal_emergency', 'night']]);
    expect(new Set(alarms.map((a) => a.dedup_key)).size).toBe(2);
    expect(await tx.send(encodeFrame({ token: 'NULL', sequence: ++sequence, line: '0', account: 'ABC778' }))).toMatchObject({ kind: 'ack' });
    expect(await alarmsOf('ABC778')).toHaveLength(0);
    tx.close();
  });

  it('ACKs nothing while the database is unreachable', async () => {
    const { db } = createDb(t.url, 1);
    const problems: string[] = [];
    const broken = await startAlarmReceiver({ ...t.deps, db }, { allianceId: world.allianceId, host: '127.0.0.1', port: 0, closeGraceMs: 200, onProblem: (p) => problems.push(p.kind) });
    await db.destroy();
    const frame = cid('DEAD01', '1101 01 001');
    const down = await Transmitter.open(broken.port);
    expect(await down.send(frame, undefined, 500)).toBeUndefined();
    expect(problems).toEqual(['handler-failed']);
    await broken.close();
    down.close();
    expect(await alarmsOf('DEAD01')).toHaveLength(0);
    // The transmitter's retry (or its fail-over path) reaches a receiver whose database is up.
    const tx = await Transmitter.open(receiver.port);
    expect(await tx.send(frame)).toMatchObject({ kind: 'ack' });
    expect(await alarmsOf('DEAD01')).toHaveLength(1);
    tx.close();
  });
});

describe('DC-09 dedup keys', () => {
  const intake = (message: Partial<Dc09Intake['message']>, events: Dc09Intake['events']): Dc09Intake => ({
    message: { token: 'SIA-DCS', encrypted: false, sequence: '0042', account: '1234', data: '', extended: [], ...message },
    events,
    transport: 'tcp',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    receivedAt: new Date('2025-03-30T01:59:59Z'),
  });
  const event = { scheme: 'sia', code: 'MA', qualifier: 'new', reason: 'personal_emergency' } as const;

  it('uses the message time when present and the UTC date of receipt otherwise', () => {
    const at = new Date('2025-03-30T01:59:58Z');
    expect(dc09DedupKey({ account: '1234', sequence: '0042', timestamp: at }, new Date())).toBe('1234:0042:2025-03-30T01:59:58.000Z');
    expect(dc09DedupKey({ account: '1234', sequence: '0042' }, new Date('2025-03-30T23:30:00+02:00'))).toBe('1234:0042:2025-03-30');
  });

  it('gives each event of a multi-event message its own key and keeps undecodable data as an alarm', () => {
    expect(dc09AlarmInputs('a', intake({}, [event, { ...event, code: 'YT', reason: 'low_battery' }])).map((i) => i.dedupKey)).toEqual([
      '1234:0042:2025-03-30/1',
      '1234:0042:2025-03-30/2',
    ]);
    expect(dc09AlarmInputs('a', intake({ data: 'garbage' }, []))).toMatchObject([{ dedupKey: '1234:0042:2025-03-30', reason: 'other', qualifier: 'new' }]);
  });
});
