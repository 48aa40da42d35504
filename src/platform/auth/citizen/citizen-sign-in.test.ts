import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionFor, startTestApp, type TestApp } from '../../../../test/support/app.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../../../../test/support/smtp.js';
import { addUser, createWorld, type World } from '../../../../test/support/world.js';
import { currentTotp } from '../totp.js';
import { ensureCitizen } from './accounts.js';
import { pruneCitizenSignIn } from './prune.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: World;
let counter = 0;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url, publicUrl: 'https://zorg.example.nl' } });
  world = await createWorld(t.db);
});
afterAll(() => smtp.close());

/** Each test signs in from an address of its own, so the per-source throttle of one test never touches another. */
const nextSource = () => `10.1.0.${++counter}`;

const newCitizen = (label: string) => ensureCitizen(t.deps.db, { allianceId: world.allianceId, email: `${label}-${++counter}@burger.example`, name: `Anna ${label}` });

const askLink = (email: string, source: string) => t.app.inject({ method: 'POST', url: '/api/citizen/sign-in', remoteAddress: source, payload: { email } });

/** The token of the sign-in link in a mail as a mail program shows it: the URL in its text, token in the fragment. */
function tokenIn(mail: CaughtMail): string {
  const url = /https:\/\/zorg\.example\.nl\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no sign-in link in: ${mail.text}`);
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  if (!token) throw new Error('no token in the link');
  return token;
}

const confirm = (token: string, totp?: string) => t.app.inject({ method: 'POST', url: '/api/citizen/sign-in/confirm', payload: { token, ...(totp ? { totp } : {}) } });

function citizenCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'sz_citizen');
  if (!cookie) throw new Error('no citizen cookie');
  return `sz_citizen=${cookie.value}`;
}

const signInAudit = (citizenId: string) =>
  t.db.selectFrom('audit_log').select(['action', 'resource', 'outcome', 'reason', 'alliance_id', 'role', 'user_name']).where('user_id', '=', citizenId).orderBy('id').execute();

describe('citizen sign-in by e-mail link (real SMTP server)', () => {
  it('mails a link in the account language that signs in once, and audits the sending and each use', async () => {
    const citizen = await newCitizen('once');
    const asked = await askLink(citizen.email, nextSource());
    expect(asked.statusCode).toBe(202);
    const mail = await smtp.waitFor(citizen.email);
    expect(mail.subject).toBe('Uw link om in te loggen');
    expect(mail.text).toContain('Beste Anna once');
    expect(mail.html).toContain('<a href="https://zorg.example.nl/burger/inloggen/bevestigen#token=');
    const token = tokenIn(mail);

    // Opening the link (a mail scanner does too) does not use it.
    const checked = await t.app.inject({ method: 'GET', url: `/api/citizen/sign-in/confirm?token=${token}` });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toEqual({ secondFactor: false });

    const first = await confirm(token);
    expect(first.statusCode).toBe(200);
    const me = await sessionFor(t.app, citizenCookie(first)).get('/api/citizen/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: citizen.id, name: 'Anna once', email: citizen.email, language: 'nl', totpEnabled: false });

    const again = await confirm(token);
    expect(again.statusCode).toBe(401);
    expect(again.cookies.find((c) => c.name === 'sz_citizen')).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/sign-in/confirm?token=${token}` })).statusCode).toBe(401);

    expect(await signInAudit(citizen.id)).toEqual([
      { action: 'send_sign_in_link', resource: 'citizen_session', outcome: 'allowed', reason: null, alliance_id: world.allianceId, role: 'citizen', user_name: 'Anna once' },
      { action: 'sign_in', resource: 'citizen_session', outcome: 'allowed', reason: null, alliance_id: world.allianceId, role: 'citizen', user_name: 'Anna once' },
      { action: 'sign_in', resource: 'citizen_session', outcome: 'refused', reason: 'link already used', alliance_id: world.allianceId, role: 'citizen', user_name: 'Anna once' },
    ]);
  });

  it('gives one session when the same link is used twice at once', async () => {
    const citizen = await newCitizen('race');
    await askLink(citizen.email, nextSource());
    const token = tokenIn(await smtp.waitFor(citizen.email));
    const answers = await Promise.all([confirm(token), confirm(token), confirm(token)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('refuses an expired link and audits the refusal', async () => {
    const citizen = await newCitizen('expired');
    await askLink(citizen.email, nextSource());
    const token = tokenIn(await smtp.waitFor(citizen.email));
    await t.db.updateTable('citizen_sign_in_link').set({ expires_at: new Date(Date.now() - 1000) }).where('citizen_id', '=', citizen.id).execute();
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/sign-in/confirm?token=${token}` })).statusCode).toBe(401);
    const response = await confirm(token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await signInAudit(citizen.id)).at(-1)).toMatchObject({ action: 'sign_in', outcome: 'refused', reason: 'link expired' });
  });

  it('refuses a made-up token like a used one', async () => {
    const response = await confirm('x'.repeat(43));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers an unknown address exactly as a known one, and mails nothing to it', async () => {
    const citizen = await newCitizen('known');
    const unknown = `nobody-${++counter}@burger.example`;
    const known = await askLink(citizen.email, nextSource());
    const stranger = await askLink(unknown, nextSource());
    expect(stranger.statusCode).toBe(known.statusCode);
    expect(stranger.body).toBe(known.body);
    expect(stranger.headers['content-type']).toBe(known.headers['content-type']);
    await smtp.waitFor(citizen.email);
    // The unknown address was asked for after the known one: had it a mail, it would be on its way by now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await t.deps.mailer.settled();
    expect(smtp.to(unknown)).toEqual([]);
    expect(await t.db.selectFrom('outbox').select('id').where('recipient', '=', unknown).execute()).toEqual([]);
  });

  it('finds the account whatever the case of the typed address', async () => {
    const citizen = await newCitizen('case');
    await askLink(`  ${citizen.email.toUpperCase()} `.trim(), nextSource());
    expect((await smtp.waitFor(citizen.email)).subject).toBe('Uw link om in te loggen');
  });

  it('throttles links per address, known or not, with the same answer for both', async () => {
    const citizen = await newCitizen('throttled');
    const unknown = `ghost-${++counter}@burger.example`;
    for (const email of [citizen.email, unknown]) {
      for (let i = 0; i < 5; i++) expect((await askLink(email, nextSource())).statusCode).toBe(202);
      const sixth = await askLink(email, nextSource());
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(3000);
    }
    await smtp.waitFor(citizen.email, { since: 4 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await t.deps.mailer.settled();
    expect(smtp.to(citizen.email)).toHaveLength(5);
  });

  it('throttles links per client address across many addresses', async () => {
    const source = nextSource();
    for (let i = 0; i < 30; i++) expect((await askLink(`spray-${i}-${counter}@burger.example`, source)).statusCode).toBe(202);
    expect((await askLink(`spray-last-${counter}@burger.example`, source)).statusCode).toBe(429);
    expect((await askLink(`spray-last-${counter}@burger.example`, nextSource())).statusCode).toBe(202);
  });

  it('asks for the TOTP code when the citizen set one up, and spends the link after five wrong codes', async () => {
    const citizen = await newCitizen('totp');
    await askLink(citizen.email, nextSource());
    const session = sessionFor(t.app, citizenCookie(await confirm(tokenIn(await smtp.waitFor(citizen.email)))));
    const { secret } = (await session.post('/api/citizen/totp/setup')).json<{ secret: string }>();
    expect((await session.post('/api/citizen/totp/enable', { code: currentTotp(secret) })).statusCode).toBe(200);

    // Codes are accepted once per time step: the next sign-in uses a code of a later step.
    const later = Date.now() + 30_000;
    await askLink(citizen.email, nextSource());
    const token = tokenIn(await smtp.waitFor(citizen.email, { since: 1 }));
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/sign-in/confirm?token=${token}` })).json()).toEqual({ secondFactor: true });
    const withoutCode = await confirm(token);
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json()).toMatchObject({ error: { code: 'SECOND_FACTOR_REQUIRED' } });
    const good = await confirm(token, currentTotp(secret, later));
    expect(good.statusCode).toBe(200);

    await askLink(citizen.email, nextSource());
    const guessed = tokenIn(await smtp.waitFor(citizen.email, { since: 2 }));
    for (let i = 0; i < 5; i++) expect((await confirm(guessed, '000000')).json()).toMatchObject({ error: { code: 'SECOND_FACTOR_REQUIRED' } });
    const afterGuessing = await confirm(guessed, currentTotp(secret, later + 30_000));
    expect(afterGuessing.statusCode).toBe(401);
    expect(afterGuessing.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await signInAudit(citizen.id)).filter((e) => e.reason === 'wrong second factor')).toHaveLength(5);
  });

  it('signs out: the session no longer works, and the sign-out is audited', async () => {
    const citizen = await newCitizen('out');
    await askLink(citizen.email, nextSource());
    const session = sessionFor(t.app, citizenCookie(await confirm(tokenIn(await smtp.waitFor(citizen.email)))));
    expect((await session.post('/api/citizen/sign-out')).statusCode).toBe(200);
    expect((await session.get('/api/citizen/me')).statusCode).toBe(401);
    expect((await signInAudit(citizen.id)).at(-1)).toMatchObject({ action: 'sign_out', outcome: 'allowed' });
  });
});

describe('citizens and staff stay apart', () => {
  it('refuses a citizen session on staff routes', async () => {
    const citizen = await newCitizen('staffroutes');
    await askLink(citizen.email, nextSource());
    const session = sessionFor(t.app, citizenCookie(await confirm(tokenIn(await smtp.waitFor(citizen.email)))));
    for (const url of ['/api/auth/me', '/api/clients', `/api/audit?organisationId=${world.homeOrg}`, '/api/mail/outbox', '/api/organisations', '/api/staff', '/api/planning/nights/2026-01-01']) {
      const response = await session.get(url);
      expect(response.statusCode, url).toBe(401);
    }
    expect((await session.post('/api/auth/alliance', { allianceId: world.allianceId })).statusCode).toBe(401);
  });

  it('does not take a staff session as a citizen, not even its token in the citizen cookie', async () => {
    const nurse = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'citizen-nurse');
    const staff = await login(t.app, nurse);
    expect((await staff.get('/api/citizen/me')).statusCode).toBe(401);
    expect((await staff.post('/api/citizen/totp/setup')).statusCode).toBe(401);
    const token = staff.cookie.split('=')[1] ?? '';
    expect((await sessionFor(t.app, `sz_citizen=${token}`).get('/api/citizen/me')).statusCode).toBe(401);
  });
});

describe('pruning', () => {
  it('forgets old throttle entries, ended sessions and links a day past their expiry, and keeps the rest', async () => {
    const citizen = await newCitizen('prune');
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    await t.db.insertInto('citizen_sign_in_request').values([{ key: `address:${citizen.email}`, at: hoursAgo(2) }, { key: `address:${citizen.email}`, at: hoursAgo(0.5) }]).execute();
    await t.db
      .insertInto('citizen_sign_in_link')
      .values([
        { token_hash: `old-${citizen.id}`, citizen_id: citizen.id, expires_at: hoursAgo(25) },
        { token_hash: `late-${citizen.id}`, citizen_id: citizen.id, expires_at: hoursAgo(2) },
      ])
      .execute();
    await t.db
      .insertInto('citizen_session')
      .values([
        { token_hash: `ended-${citizen.id}`, citizen_id: citizen.id, expires_at: hoursAgo(1) },
        { token_hash: `live-${citizen.id}`, citizen_id: citizen.id, expires_at: hoursAgo(-1) },
      ])
      .execute();
    await pruneCitizenSignIn(t.deps.db);
    expect(await t.db.selectFrom('citizen_sign_in_request').select('at').where('key', '=', `address:${citizen.email}`).execute()).toHaveLength(1);
    expect((await t.db.selectFrom('citizen_sign_in_link').select('token_hash').where('citizen_id', '=', citizen.id).execute()).map((r) => r.token_hash)).toEqual([`late-${citizen.id}`]);
    expect((await t.db.selectFrom('citizen_session').select('token_hash').where('citizen_id', '=', citizen.id).execute()).map((r) => r.token_hash)).toEqual([`live-${citizen.id}`]);
  });
});
