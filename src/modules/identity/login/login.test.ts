import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStaff } from '../../alliance/index.js';
import { pruneThrottle } from './throttle-store.js';
import { currentTotp } from '../../../platform/auth/index.js';
import { login, sessionFor, startTestApp, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, PASSWORD, SETUP, type World } from '../../../../test/support/world.js';

let t: TestApp;
let world: World;
let sourceCounter = 0;

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
});

/** The clock stands still unless a test moves it, so delays and TOTP steps are exact. */
function freezeClock(): (seconds: number) => void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T23:00:10Z'));
  return (seconds) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));
}
afterEach(() => {
  vi.useRealTimers();
});

/** Every test attempts from addresses of its own, so one test's failures never delay another's. */
const newSource = () => `192.0.2.${++sourceCounter}`;

const attempt = (source: string, email: string, password: string, totp?: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: source, headers, payload: { email, password, ...(totp ? { totp } : {}) } });

const withoutDate = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date'));

describe('login throttling', () => {
  it('answers a known and an unknown e-mail identically, in status, body and headers, before and while throttled', async () => {
    freezeClock();
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'known');
    const source = newSource();
    const unknown = `nobody-${Date.now()}@test.example`;
    for (let i = 0; i < 6; i++) {
      const known = await attempt(source, user.email, `wrong-${i}`);
      const other = await attempt(source, unknown, `wrong-${i}`);
      expect(known.statusCode).toBe(401);
      expect([other.statusCode, other.json()]).toEqual([known.statusCode, known.json()]);
    }
    const known = await attempt(source, user.email, 'wrong-again');
    const other = await attempt(source, unknown, 'wrong-again');
    expect(known.statusCode).toBe(429);
    expect(known.headers['retry-after']).toBe('1');
    expect(known.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) as string, details: { retryAfterSeconds: 1, limit: 'account' } } });
    expect(other.statusCode).toBe(429);
    expect(other.json()).toEqual(known.json());
    expect(withoutDate(other.headers)).toEqual(withoutDate(known.headers));
    // The right password alone does not get through the delay, so the delay tells nothing either.
    expect((await attempt(source, user.email, PASSWORD)).statusCode).toBe(429);
  });

  it('doubles the delay with each failure after the free ones, and lets attempts through again after the delay', async () => {
    const advance = freezeClock();
    const email = `grow-${Date.now()}@test.example`;
    const source = newSource();
    for (let i = 0; i < 6; i++) expect((await attempt(source, email, 'x')).statusCode).toBe(401);
    const waits: string[] = [];
    for (let i = 0; i < 3; i++) {
      const refused = await attempt(source, email, 'x');
      expect(refused.statusCode).toBe(429);
      const wait = String(refused.headers['retry-after']);
      waits.push(wait);
      advance(Number(wait));
      expect((await attempt(source, email, 'x')).statusCode).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4']);
  });

  it('lets the real user in with password and an unused TOTP code while an attacker elsewhere keeps the account throttled', async () => {
    freezeClock();
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'night-coordinator');
    const attacker = newSource();
    for (let i = 0; i < 6; i++) await attempt(attacker, user.email, `guess-${i}`);
    expect((await attempt(attacker, user.email, 'guess')).statusCode).toBe(429);
    const office = newSource();
    const wrongCode = currentTotp(user.totpSecret) === '000000' ? '111111' : '000000';
    // Anything short of both factors gets the throttled answer.
    expect((await attempt(office, user.email, PASSWORD)).statusCode).toBe(429);
    expect((await attempt(office, user.email, 'not-the-password', currentTotp(user.totpSecret))).statusCode).toBe(429);
    expect((await attempt(office, user.email, PASSWORD, wrongCode)).statusCode).toBe(429);
    const in_ = await attempt(office, user.email, PASSWORD, currentTotp(user.totpSecret));
    expect(in_.statusCode).toBe(200);
    const session = sessionFor(t.app, String(in_.headers['set-cookie']).split(';')[0] ?? '');
    expect((await session.get('/api/auth/me')).json()).toMatchObject({ user: { email: user.email }, secondFactorDone: true });
    // The same code cannot be used by anyone a second time, throttled or not.
    expect((await attempt(newSource(), user.email, PASSWORD, currentTotp(user.totpSecret))).statusCode).toBe(429);
  });

  it('throttles one address across many accounts, whatever X-Forwarded-For it sends, and no other address', async () => {
    freezeClock();
    const source = newSource();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const response = await attempt(source, `spray-${i}@test.example`, 'Welkom01', undefined, { 'x-forwarded-for': `10.0.0.${i}` });
      statuses.push(response.statusCode);
    }
    // 30 free failures per address by default, the 31st sets a delay, the 32nd waits.
    expect(statuses.slice(0, 31).every((s) => s === 401)).toBe(true);
    expect(statuses[31]).toBe(429);
    expect((await attempt(source, 'spray-0@test.example', 'Welkom01')).json()).toMatchObject({ error: { details: { limit: 'source' } } });
    expect((await attempt(newSource(), 'spray-99@test.example', 'Welkom01')).statusCode).toBe(401);
  });

  it('counts the addresses of one IPv6 /64 as one source', async () => {
    freezeClock();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await attempt(`2001:db8:7:7::${(i + 1).toString(16)}`, `v6-${i}@test.example`, 'Welkom01')).statusCode);
    expect(statuses.at(-1)).toBe(429);
  });

  it('does not count correct logins against an office address that many staff share', async () => {
    const source = newSource();
    const email = `office-${Date.now()}@test.example`;
    await createStaff(t.db, SETUP, world.homeOrg, { email, name: 'Network', password: PASSWORD, roles: ['network_coordinator'] });
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'office-nurse');
    for (let i = 0; i < 16; i++) {
      expect((await attempt(source, email, PASSWORD)).statusCode).toBe(200);
      // The password step of a two-factor login is no failure either.
      expect((await attempt(source, user.email, PASSWORD)).statusCode).toBe(401);
    }
    const row = await t.db.selectFrom('login_throttle').select('failures').where('key', '=', `source:${source}`).executeTakeFirst();
    expect(row?.failures ?? 0).toBe(0);
    expect((await attempt(source, email, 'wrong')).statusCode).toBe(401);
  });
});

describe('pruning the throttle', () => {
  it('removes keys quiet for longer than they are remembered, and keeps delayed and recent ones', async () => {
    const now = new Date();
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    const keys = { old: `account:old-${Date.now()}`, delayed: `account:delayed-${Date.now()}`, recent: `account:recent-${Date.now()}` };
    await t.db
      .insertInto('login_throttle')
      .values([
        { key: keys.old, failures: 3, last_failure_at: ago(3700), blocked_until: null },
        { key: keys.delayed, failures: 40, last_failure_at: ago(3700), blocked_until: new Date(now.getTime() + 60_000) },
        { key: keys.recent, failures: 3, last_failure_at: ago(60), blocked_until: null },
      ])
      .execute();
    await pruneThrottle(t.db, 3600, now);
    const left = await t.db.selectFrom('login_throttle').select('key').where('key', 'in', Object.values(keys)).execute();
    expect(left.map((r) => r.key).sort()).toEqual([keys.delayed, keys.recent].sort());
  });
});

describe('TOTP codes are used once', () => {
  it('refuses a replayed code, and a code older than the last one used', async () => {
    const advance = freezeClock();
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'replay');
    const source = newSource();
    const code = currentTotp(user.totpSecret);
    expect((await attempt(source, user.email, PASSWORD, code)).statusCode).toBe(200);
    const replay = await attempt(source, user.email, PASSWORD, code);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fields: [{ path: 'totp', code: 'invalid_code' }] } });
    advance(30);
    // Still inside the accepted window of one step either side, and still refused.
    expect((await attempt(source, user.email, PASSWORD, code)).statusCode).toBe(400);
    expect((await attempt(source, user.email, PASSWORD, currentTotp(user.totpSecret, Date.now() + 30_000))).statusCode).toBe(200);
    // The current step's code is newer than the first but older than the last one used.
    expect((await attempt(source, user.email, PASSWORD, currentTotp(user.totpSecret))).statusCode).toBe(400);
  });

  it('does not let the code that finished the set-up log in again', async () => {
    freezeClock();
    const email = `setup-${Date.now()}@test.example`;
    await createStaff(t.db, SETUP, world.homeOrg, { email, name: 'New Nurse', password: PASSWORD, roles: ['nurse'] });
    const session = await login(t.app, { email, password: PASSWORD });
    const { secret } = (await session.post('/api/auth/totp/setup')).json<{ secret: string }>();
    expect((await session.post('/api/auth/totp/enable', { code: currentTotp(secret) })).statusCode).toBe(200);
    expect((await attempt(newSource(), email, PASSWORD, currentTotp(secret))).statusCode).toBe(400);
  });
});
