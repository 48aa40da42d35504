import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../test/support/smtp.js';
import { addUser, createWorld, type World } from '../../../test/support/world.js';
import { createMailer } from './mailer.js';
import { renderMail } from './render.js';

describe('mail templates', () => {
  it('renders plain Dutch by default, and English and Danish, as text and simple HTML', () => {
    const nl = renderMail('citizenSignIn', 'nl', { name: 'Anna', minutes: '15' }, 'https://zorg.example.nl/x');
    expect(nl.subject).toBe('Uw link om in te loggen');
    expect(nl.text).toContain('Inloggen:\nhttps://zorg.example.nl/x');
    expect(nl.html).toContain('<html lang="nl">');
    expect(renderMail('citizenSignIn', 'en', { name: 'Anna', minutes: '15' }).subject).toBe('Your link to sign in');
    expect(renderMail('citizenSignIn', 'da', { name: 'Anna', minutes: '15' }).text).toContain('Kære Anna');
  });

  it('escapes what a caller passes in the HTML version', () => {
    const mail = renderMail('citizenSignIn', 'nl', { name: '<script>alert(1)</script>', minutes: '15' }, 'https://x.example/?a=1&b="2"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="https://x.example/?a=1&amp;b=&quot;2&quot;"');
  });
});

describe('the outbox without SMTP (demo)', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t.db);
  });

  it('keeps the whole mail, link included, for the alliance administrator only', async () => {
    const id = await t.deps.mailer.send({ allianceId: world.allianceId, to: 'anna@burger.example', language: 'nl', template: 'citizenSignIn', params: { name: 'Anna', minutes: '15' }, link: { path: '/burger/x#token=abc', secret: true } });
    const admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'outbox-admin'));
    const response = await admin.get('/api/mail/outbox');
    expect(response.statusCode).toBe(200);
    const [entry] = response.json<{ mail: { id: string; status: string; transport: string; bodyText: string; recipient: string }[] }>().mail;
    expect(entry).toMatchObject({ id, status: 'stored', transport: 'outbox', recipient: 'anna@burger.example' });
    expect(entry?.bodyText).toContain('http://samenzorg.test/burger/x#token=abc');

    const nurse = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'outbox-nurse'));
    expect((await nurse.get('/api/mail/outbox')).statusCode).toBe(403);

    const other = await createWorld(t.db);
    const otherAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, other.homeOrg, ['alliance_admin'], 'outbox-other'));
    expect((await otherAdmin.get('/api/mail/outbox')).json()).toEqual({ mail: [] });
  });
});

describe('mail over SMTP', () => {
  let smtp: SmtpCatcher;
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ mail: { smtpUrl: smtp.url } });
    world = await createWorld(t.db);
  });
  afterAll(() => smtp.close());

  it('delivers the mail and records it as sent, with a sign-in link blanked in the recorded copy', async () => {
    const id = await t.deps.mailer.send({ allianceId: world.allianceId, to: 'bert@burger.example', language: 'en', template: 'citizenSignIn', params: { name: 'Bert', minutes: '15' }, link: { path: '/burger/x#token=secret-token', secret: true } });
    const received = await smtp.waitFor('bert@burger.example');
    expect(received.subject).toBe('Your link to sign in');
    expect(received.text).toContain('http://samenzorg.test/burger/x#token=secret-token');
    expect(received.parsed.from?.text).toContain('noreply@samenzorg.test');
    await t.deps.mailer.settled();
    const row = await t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', alliance_id: world.allianceId, language: 'en' });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.body_text).not.toContain('secret-token');
    expect(row.body_html).not.toContain('secret-token');
  });

  it('records a failed delivery with its reason', async () => {
    // A port nobody listens on: the closed catcher's.
    const closed = await startSmtpCatcher();
    await closed.close();
    const mailer = createMailer(t.deps.db, { smtpUrl: closed.url, from: 'x@samenzorg.test', publicUrl: 'http://samenzorg.test' });
    const id = await mailer.send({ allianceId: world.allianceId, to: 'carla@burger.example', language: 'nl', template: 'citizenSignIn', params: { name: 'Carla', minutes: '15' } });
    await mailer.close();
    const row = await t.db.selectFrom('outbox').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
  });
});
