import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { CALLS_PER_HOUR } from './service.js';

const t: TestApp = await startTestApp();

/** The token from the last mail of a template to an address (the outbox keeps the link when no SMTP is set). */
async function linkToken(to: string, template: string): Promise<string> {
  const mail = await t.db.selectFrom('outbox').select(['body_text']).where('recipient', '=', to).where('template', '=', template).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const match = /token=([A-Za-z0-9_-]+)/.exec(mail.body_text);
  if (!match?.[1]) throw new Error(`no link in ${template}`);
  return match[1];
}

const call = (payload: object, remoteAddress = '192.0.2.1') => t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls', payload, remoteAddress });

describe('the public call', () => {
  it('takes a call without an account, waits for the e-mail confirmation, then hands it to the region’s coordinator', async () => {
    const w = await createNetworkWorld(t);
    const email = `caller-${Date.now()}@example.nl`;
    const answer = await call(callFor(w.emmen, { contactEmail: email }), '192.0.2.2');
    expect(answer.statusCode, answer.body).toBe(202);
    expect((await w.coordinator.get('/api/networkmap/moderation')).json<{ items: unknown[] }>().items).toEqual([]);
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls/confirm', payload: { token: await linkToken(email, 'networkmapConfirm') } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const queue = (await w.coordinator.get('/api/networkmap/moderation')).json<{ level: string; items: { title: string; status: string }[] }>();
    expect(queue.level).toBe('network');
    expect(queue.items.map((i) => [i.title, i.status])).toEqual([['Samen in gesprek over het levenseinde', 'submitted']]);
    const again = await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls/confirm', payload: { token: await linkToken(email, 'networkmapConfirm') } });
    expect(again.statusCode).toBe(404);
  });

  it('answers a filled honeypot like a person but stores and mails nothing', async () => {
    const w = await createNetworkWorld(t);
    const email = `bot-${Date.now()}@example.nl`;
    const answer = await call(callFor(w.emmen, { contactEmail: email, website: 'http://spam.example' }), '192.0.2.3');
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ status: 'check_your_mail' });
    expect(await t.db.selectFrom('initiative').select('id').where('contact_email', '=', email).execute()).toEqual([]);
    expect(await t.db.selectFrom('outbox').select('id').where('recipient', '=', email).execute()).toEqual([]);
  });

  it('limits calls per sender address and keeps only a keyed hash of the address', async () => {
    const w = await createNetworkWorld(t);
    for (let i = 0; i < CALLS_PER_HOUR; i++) {
      const answer = await call(callFor(w.coevorden, { title: `Initiatief nummer ${i} voor de buurt`, partners: [], contactEmail: `rate${i}@example.nl`, notADuplicate: true }), '192.0.2.50');
      expect(answer.statusCode, answer.body).toBe(202);
    }
    const refused = await call(callFor(w.coevorden, { title: 'Nog een initiatief', notADuplicate: true }), '192.0.2.50');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect((await call(callFor(w.coevorden, { title: 'Van een ander adres', notADuplicate: true }), '192.0.2.51')).statusCode).toBe(202);
    // The count lives in the platform limiter: a keyed hash of the address and the window, nothing else.
    const keyOf = (address: string) => createHmac('sha256', t.deps.secretBox.subKey('networkmap-call-source')).update(address).digest();
    const windows = await t.db.selectFrom('rate_window').select(['key_hash', 'taken']).where('purpose', '=', 'networkmap-call-source').where('key_hash', 'in', [keyOf('192.0.2.50'), keyOf('192.0.2.51')]).orderBy('taken').execute();
    expect(windows).toEqual([{ key_hash: keyOf('192.0.2.51'), taken: 1 }, { key_hash: keyOf('192.0.2.50'), taken: CALLS_PER_HOUR + 1 }]);
  });

  it('does not use up a call when it answers with possible duplicates', async () => {
    const w = await createNetworkWorld(t);
    const first = { title: 'Koffie en zorg in de wijk Dalen', partners: [], place: 'Dalen', contactEmail: 'dup@example.nl', notADuplicate: true };
    expect((await call(callFor(w.coevorden, first), '192.0.2.60')).statusCode).toBe(202);
    // Confirmed, the call is a reference for the duplicate check.
    expect((await t.app.inject({ method: 'POST', url: '/api/public/networkmap/calls/confirm', payload: { token: await linkToken('dup@example.nl', 'networkmapConfirm') } })).statusCode).toBe(200);
    for (let i = 0; i < CALLS_PER_HOUR + 1; i++) expect((await call(callFor(w.coevorden, { ...first, notADuplicate: false }), '192.0.2.60')).json()).toMatchObject({ error: { code: 'POSSIBLE_DUPLICATE' } });
    for (let i = 1; i < CALLS_PER_HOUR; i++) expect((await call(callFor(w.coevorden, { ...first, title: `Een ander initiatief nummer ${i}`, contactEmail: `dup${i}@example.nl` }), '192.0.2.60')).statusCode).toBe(202);
    expect((await call(callFor(w.coevorden, { ...first, title: 'Nog een ander initiatief' }), '192.0.2.60')).statusCode).toBe(429);
  });
});
