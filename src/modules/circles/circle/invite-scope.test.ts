import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createCircleWorld, inviteInformal, openCircleByRepresentative, staffOf, type Staff } from '../../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../../test/support/smtp.js';

let smtp: SmtpCatcher;
let t: TestApp;
let homeCoordinator: Staff;
let counter = 0;

const email = (label: string) => `${label}-${++counter}@scope.example`;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false } });
  const world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'scope-home');
});
afterAll(() => smtp.close());

describe('the scope the person chooses when inviting', () => {
  it('gives an invitee with the tasks scope no plan (404), and one with the plan scope the plan', async () => {
    const circle = await openCircleByRepresentative(t.app, smtp, homeCoordinator.session, 'Scope', email('daughter'));
    const tasksOnly = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: email('henk'), kind: 'neighbour' }, ['circle_tasks', 'circle_messages']);
    const planToo = await inviteInformal(t.app, smtp, circle, { name: 'Els', email: email('els'), kind: 'family' }, ['circle_plan']);
    expect((await tasksOnly.session.get(`/api/circles/${circle.clientId}/plan`)).statusCode).toBe(404);
    expect((await tasksOnly.session.get(`/api/circles/${circle.clientId}/tasks`)).statusCode).toBe(200);
    expect((await tasksOnly.session.get(`/api/circles/${circle.clientId}/messages`)).statusCode).toBe(200);
    expect((await planToo.session.get(`/api/circles/${circle.clientId}/plan`)).statusCode).toBe(200);
    expect((await planToo.session.get(`/api/circles/${circle.clientId}/tasks`)).statusCode).toBe(404);
    expect((await planToo.session.get(`/api/circles/${circle.clientId}`)).json<{ scopes: string[] }>().scopes).toEqual(['circle_plan']);
  });

  it('records the night summary for a family member when the person chooses it, and refuses an unknown scope', async () => {
    const circle = await openCircleByRepresentative(t.app, smtp, homeCoordinator.session, 'Night', email('daughter'));
    const invited = await circle.daughter.post(`/api/circles/${circle.clientId}/members`, { type: 'informal', kind: 'family', name: 'Kees', email: email('kees'), scopes: ['circle_tasks', 'night_summary'] });
    expect(invited.statusCode, invited.body).toBe(201);
    const consents = (await circle.daughter.get(`/api/circles/${circle.clientId}/consents`)).json<{ items: { grantee: { name: string }; levels: string[] }[] }>().items;
    expect(consents.find((c) => c.grantee.name === 'Kees')?.levels).toEqual(['circle_tasks', 'night_summary']);
    for (const scopes of [['key_safe'], ['circle_manage'], []]) {
      expect((await circle.daughter.post(`/api/circles/${circle.clientId}/members`, { type: 'informal', kind: 'family', name: 'Piet', email: email('piet'), scopes })).statusCode, scopes.join()).toBe(400);
    }
  });
});
