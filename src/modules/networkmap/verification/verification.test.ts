import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { callFor, createNetworkWorld } from '../../../../test/support/networkmap-world.js';
import { startSmtpCatcher } from '../../../../test/support/smtp.js';
import { dayOf } from '../initiatives/store.js';
import { addInitiativeDirectly } from '../seeding.js';
import { initiativeInput } from '../schemas.js';
import { sweepVerificationReminders } from './sweep.js';

const smtp = await startSmtpCatcher();
const t: TestApp = await startTestApp({ mail: { smtpUrl: smtp.url }, networkMap: { verifySweep: false } });
afterAll(() => smtp.close());

const day = 24 * 3600_000;
const now = new Date();
let counter = 0;

async function initiativeVerified(daysAgo: number, status: 'accepted' | 'submitted' = 'accepted') {
  const w = await createNetworkWorld(t);
  const email = `contact-${++counter}@example.nl`;
  const id = await addInitiativeDirectly(t.db, { ...initiativeInput.parse(callFor(w.emmen, { title: `Initiatief ${counter}`, contactEmail: email })), lastVerifiedOn: dayOf(new Date(now.getTime() - daysAgo * day)), acceptedAt: new Date(now.getTime() - daysAgo * day) });
  if (status !== 'accepted') await t.db.updateTable('initiative').set({ status }).where('id', '=', id).execute();
  return { id, email };
}

const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
const reverify = (token: string) => t.app.inject({ method: 'POST', url: '/api/public/networkmap/reverify', payload: { token } });
const events = async (id: string) => (await t.db.selectFrom('initiative_event').select('action').where('initiative_id', '=', id).orderBy('id').execute()).map((e) => e.action);

describe('re-verification of initiatives', () => {
  it('reminds the contact of an initiative unverified for 12 months once, even with two instances sweeping at once', async () => {
    const old = await initiativeVerified(400);
    const recent = await initiativeVerified(60);
    const waiting = await initiativeVerified(500, 'submitted');
    await Promise.all([sweepVerificationReminders(t.deps, now), sweepVerificationReminders(t.deps, now)]);
    await sweepVerificationReminders(t.deps, new Date(now.getTime() + 7 * day));
    await t.deps.mailer.settled();
    const mail = await smtp.waitFor(old.email);
    expect(mail.subject).toBe('Klopt "Initiatief 1" nog?');
    expect(mail.text).toContain('/netwerkkaart/herbevestigen?token=');
    expect(smtp.to(old.email)).toHaveLength(1);
    expect(smtp.to(recent.email)).toHaveLength(0);
    expect(smtp.to(waiting.email)).toHaveLength(0);
    expect(await events(old.id)).toEqual(['added_as_known', 'verification_reminded']);
    const outbox = await t.db.selectFrom('outbox').select('body_text').where('recipient', '=', old.email).executeTakeFirstOrThrow();
    expect(tokenIn(outbox.body_text)).toBe('');
  });

  it('verifies with one click on the link, uses the link up, and reminds again a year later', async () => {
    const old = await initiativeVerified(380);
    await sweepVerificationReminders(t.deps, now);
    const token = tokenIn((await smtp.waitFor(old.email)).text);
    expect(token).not.toBe('');
    const answer = await reverify(token);
    expect(answer.statusCode, answer.body).toBe(200);
    const verified = answer.json<{ title: string; lastVerifiedOn: string }>();
    expect(verified.title).toMatch(/^Initiatief \d+$/);
    expect(verified.lastVerifiedOn).toBe(dayOf(now));
    expect((await t.db.selectFrom('initiative').select('last_verified_on').where('id', '=', old.id).executeTakeFirstOrThrow()).last_verified_on).toBe(dayOf(now));
    expect((await reverify(token)).statusCode).toBe(404);
    expect(await events(old.id)).toEqual(['added_as_known', 'verification_reminded', 'reverified']);

    await sweepVerificationReminders(t.deps, new Date(now.getTime() + 200 * day));
    await t.deps.mailer.settled();
    expect(smtp.to(old.email)).toHaveLength(1);
    await sweepVerificationReminders(t.deps, new Date(now.getTime() + 370 * day));
    await smtp.waitFor(old.email, { since: 1 });
    expect(smtp.to(old.email)).toHaveLength(2);
  });

  it('refuses an unknown link and the link of an initiative no longer on the map', async () => {
    expect((await reverify('x'.repeat(43))).statusCode).toBe(404);
    const old = await initiativeVerified(390);
    await sweepVerificationReminders(t.deps, now);
    const token = tokenIn((await smtp.waitFor(old.email)).text);
    await t.db.updateTable('initiative').set({ status: 'rejected' }).where('id', '=', old.id).execute();
    expect((await reverify(token)).statusCode).toBe(404);
  });
});
