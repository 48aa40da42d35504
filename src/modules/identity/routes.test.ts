import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../platform/auth/index.js';
import { createApiKey, createStaff } from '../alliance/index.js';
import { login, sessionFor, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, PASSWORD, SETUP, type World } from '../../../test/support/world.js';

let t: TestApp;
let world: World;

const attempt = (email: string, password: string, totp?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...(totp ? { totp } : {}) } });

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
});

describe('login', () => {
  it('stores passwords as argon2id hashes', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'hash');
    const row = await t.db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'alike');
    const wrong = await attempt(user.email, 'not-the-password');
    const unknown = await attempt('nobody@test.example', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('asks for the TOTP code after a correct password, refuses a wrong code, and sets a strict HttpOnly cookie', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'totp');
    const needCode = await attempt(user.email, PASSWORD);
    expect(needCode.statusCode).toBe(401);
    expect(needCode.json()).toMatchObject({ error: { code: 'SECOND_FACTOR_REQUIRED' } });
    expect(needCode.headers['set-cookie']).toBeUndefined();
    const wrongCode = await attempt(user.email, PASSWORD, currentTotp(user.totpSecret) === '000000' ? '111111' : '000000');
    expect(wrongCode.statusCode).toBe(400);
    const ok = await attempt(user.email, PASSWORD, currentTotp(user.totpSecret));
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/sz_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});

describe('second factor for client-data roles', () => {
  it('keeps a nurse without TOTP out of client data until the set-up is done', async () => {
    const email = `fresh-${Date.now()}@test.example`;
    await createStaff(t.db, SETUP, world.homeOrg, { email, name: 'Fresh Nurse', password: PASSWORD, roles: ['nurse'] });
    const response = await attempt(email, PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ secondFactorDone: false });
    const session = sessionFor(t.app, String(response.headers['set-cookie']).split(';')[0] ?? '');
    expect((await session.get('/api/clients')).json()).toMatchObject({ error: { code: 'SECOND_FACTOR_SETUP_REQUIRED' } });
    const setup = await session.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json<{ secret: string; uri: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await session.post('/api/auth/totp/enable', { code: '000000' === currentTotp(secret) ? '111111' : '000000' })).statusCode).toBe(400);
    expect((await session.post('/api/auth/totp/enable', { code: currentTotp(secret) })).statusCode).toBe(200);
    expect((await session.get('/api/clients')).statusCode).toBe(200);
    // The secret is stored encrypted, not in plain text.
    const row = await t.db.selectFrom('app_user').select('totp_secret_enc').where('email', '=', email).executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).not.toContain(secret);
  });

  it('lets a network coordinator, who sees no client data, in without TOTP', async () => {
    const email = `network-${Date.now()}@test.example`;
    await createStaff(t.db, SETUP, world.homeOrg, { email, name: 'Network', password: PASSWORD, roles: ['network_coordinator'] });
    const response = await attempt(email, PASSWORD);
    expect(response.json()).toEqual({ secondFactorDone: true });
  });
});

describe('sessions', () => {
  it('switches organisation only to one where the user has a role', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'multi');
    await createStaff(t.db, SETUP, world.partnerOrg, { email: user.email, name: 'ignored', password: PASSWORD, roles: ['nurse'] });
    const session = await login(t.app, user);
    const me = (await session.get('/api/auth/me')).json<{ memberships: unknown[]; activeOrganisationId: string }>();
    expect(me.memberships).toHaveLength(2);
    expect(me).toMatchObject({ timeZone: 'Europe/Amsterdam' });
    expect((await session.post('/api/auth/organisation', { organisationId: world.outsiderOrg })).statusCode).toBe(403);
    const target = me.activeOrganisationId === world.homeOrg ? world.partnerOrg : world.homeOrg;
    expect((await session.post('/api/auth/organisation', { organisationId: target })).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).json()).toMatchObject({ activeOrganisationId: target });
  });

  it('logs out everywhere: every session of the user ends', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'everywhere');
    const first = await login(t.app, user);
    const second = await login(t.app, { ...user, totpSecret: user.totpSecret });
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.post('/api/auth/logout-everywhere')).statusCode).toBe(200);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('API keys', () => {
  it('authenticates a machine for its own organisation, stores only a hash, and stops working when revoked', async () => {
    const admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'keys'));
    const created = await admin.post('/api/api-keys', { name: 'Alarm centre' });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json<{ id: string; key: string }>();
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM api_key WHERE key_hash = ${key} OR prefix = ${key}`.execute(t.db);
    expect(stored.rows[0]?.n).toBe(0);
    const asMachine = () => t.app.inject({ method: 'GET', url: '/api/organisations', headers: { 'x-api-key': key } });
    expect((await asMachine()).statusCode).toBe(200);
    // A machine never reads the staff list or client records of its organisation.
    expect((await t.app.inject({ method: 'GET', url: '/api/staff', headers: { 'x-api-key': key } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: { cookie: admin.cookie } })).statusCode).toBe(204);
    expect((await asMachine()).statusCode).toBe(401);
    const other = await createApiKey(t.db, world.partnerOrg, 'other');
    expect((await t.app.inject({ method: 'GET', url: '/api/organisations', headers: { 'x-api-key': other.key.slice(0, -2) + 'xx' } })).statusCode).toBe(401);
  });
});
