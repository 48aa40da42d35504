import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createCircleWorld, inviteFormal, inviteInformal, openCircleByRepresentative, staffOf, type CircleWorld, type Staff } from '../../../../test/support/circle-world.js';
import { pdfText } from '../../../../test/support/pdf-text.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../../test/support/smtp.js';
import { sweepReviewReminders } from './review-reminders.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let homeCoordinator: Staff;
let districtNurse: Staff;
let counter = 0;

const email = (label: string) => `${label}-${++counter}@burger.example`;
const plan = { whatMatters: 'In mijn eigen huis blijven, met mijn kat.', goals: [{ text: 'Zelf boodschappen doen', theme: 'self_reliance', met: false }], agreements: [{ text: 'Henk rijdt naar het ziekenhuis', owner: 'Henk' }] };

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'pdf-home');
  districtNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'pdf-district');
});
afterAll(() => smtp.close());

const open = (name: string) => openCircleByRepresentative(t.app, smtp, homeCoordinator.session, name, email('daughter'));

describe('the printable plan', () => {
  it('prints the plan in the person’s own words with its agreements, review date and history, for whoever may read the plan', async () => {
    const circle = await open('Printed');
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/plan`, { ...plan, reviewOn: '2027-03-01', baseVersion: 0 })).statusCode).toBe(200);
    await inviteFormal(circle, 'district_nurse', world.partnerOrg, ['circle_plan']);
    const response = await districtNurse.session.get(`/api/circles/${circle.clientId}/plan.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload);
    for (const expected of ['Plan van Jantje Printed', 'In mijn eigen huis blijven, met mijn kat.', 'Zelf boodschappen doen (zelf blijven doen)', 'Henk rijdt naar het ziekenhuis (wie: Henk)', '1 maart 2027', 'Versie 1: Marieke']) {
      expect(text).toContain(expected);
    }
    const english = await pdfText((await circle.daughter.get(`/api/circles/${circle.clientId}/plan.pdf?language=en`)).rawPayload);
    expect(english).toContain('What matters to me');
    const audited = await t.db.selectFrom('audit_log').select(['resource', 'fields', 'outcome']).where('client_id', '=', circle.clientId).where('resource', '=', 'circle_plan').execute();
    expect(audited.filter((a) => a.fields.includes('pdf') && a.outcome === 'allowed').length).toBe(2);
  });

  it('reads as not found without the plan in scope', async () => {
    const circle = await open('Unprinted');
    const henk = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: email('henk') }, ['circle_tasks']);
    expect((await henk.session.get(`/api/circles/${circle.clientId}/plan.pdf`)).statusCode).toBe(404);
    expect((await districtNurse.session.get(`/api/circles/${circle.clientId}/plan.pdf`)).statusCode).toBe(404);
  });
});

describe('review-date reminders', () => {
  it('mails whoever runs the circle once per plan version, a week ahead, saying only that a review is due', async () => {
    const circle = await open('Reviewed');
    const now = new Date('2027-02-22T08:00:00Z');
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/plan`, { ...plan, reviewOn: '2027-03-01', baseVersion: 0 })).statusCode).toBe(200);
    const since = smtp.to(circle.daughterEmail).length;
    // Eight days ahead is not yet due.
    await sweepReviewReminders(t.deps, 7, new Date('2027-02-21T08:00:00Z'));
    expect(smtp.to(circle.daughterEmail).length).toBe(since);
    expect(await sweepReviewReminders(t.deps, 7, now)).toBeGreaterThanOrEqual(1);
    const mail = await smtp.waitFor(circle.daughterEmail, { since });
    expect(mail.subject).toBe('Het plan in de zorgkring wordt binnenkort besproken');
    expect(mail.text).toContain('1 maart 2027');
    expect(mail.text).not.toContain('kat');
    // Once: a second sweep, or a second instance at once, finds nothing more for this version.
    await Promise.all([sweepReviewReminders(t.deps, 7, now), sweepReviewReminders(t.deps, 7, now)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.to(circle.daughterEmail).length).toBe(since + 1);
    // A new version with a new date is reminded again when its time comes.
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/plan`, { ...plan, reviewOn: '2027-09-01', baseVersion: 1 })).statusCode).toBe(200);
    await sweepReviewReminders(t.deps, 7, new Date('2027-08-30T08:00:00Z'));
    await smtp.waitFor(circle.daughterEmail, { since: since + 1 });
    const timeline = (await circle.daughter.get(`/api/circles/${circle.clientId}/timeline`)).json<{ items: { type: string }[] }>().items;
    expect(timeline.filter((e) => e.type === 'review_reminded').length).toBe(2);
  });
});
