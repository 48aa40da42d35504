import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { citizenFromMail, createCircleWorld, inviteFormal, inviteInformal, openCircleByRepresentative, staffOf, type CircleWorld, type OpenedCircle, type Staff } from '../../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../../test/support/smtp.js';
import { validClient } from '../../../../test/support/world.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let homeCoordinator: Staff;
let districtNurse: Staff;
let counter = 0;

const email = (label: string) => `${label}-${++counter}@burger.example`;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false, settings: { loadShare: 0.6, loadMinimum: 4, loadWindowDays: 28 } } });
  world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'help-home');
  districtNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'help-district');
});
afterAll(() => smtp.close());

const open = (name: string) => openCircleByRepresentative(t.app, smtp, homeCoordinator.session, name, email('daughter'));

async function post(session: Session, circle: OpenedCircle, body: object): Promise<string> {
  const response = await session.post(`/api/circles/${circle.clientId}/help`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

type Help = { id: string; direction: string; title: string; postedBy: string; postedByRole: string; status: string; claimedBy: string | null; mine: boolean; claimable: boolean };
const listOf = async (session: Session, circle: OpenedCircle) => (await session.get(`/api/circles/${circle.clientId}/help`)).json<{ items: Help[] }>().items;

describe('reciprocity: requests and offers of help', () => {
  it('lets a neighbour claim a request once; a second claim is a conflict, one’s own post cannot be claimed', async () => {
    const circle = await open('Claim');
    const henk = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: email('henk') }, ['circle_tasks']);
    const anne = await inviteInformal(t.app, smtp, circle, { name: 'Anne', email: email('anne') }, ['circle_tasks']);
    const lift = await post(circle.daughter, circle, { direction: 'request', kind: 'lift', title: 'Rit naar het ziekenhuis', wantedOn: '2027-01-12' });
    expect((await circle.daughter.post(`/api/circles/${circle.clientId}/help/${lift}/claim`)).statusCode).toBe(409);
    const [first, second] = await Promise.all([henk.session.post(`/api/circles/${circle.clientId}/help/${lift}/claim`), anne.session.post(`/api/circles/${circle.clientId}/help/${lift}/claim`)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([204, 409]);
    const winner = first.statusCode === 204 ? 'Henk' : 'Anne';
    expect(await listOf(circle.daughter, circle)).toEqual([expect.objectContaining({ id: lift, status: 'claimed', claimedBy: winner, mine: true, claimable: false })]);
    expect((await henk.session.post(`/api/circles/${circle.clientId}/help/${lift}/claim`)).statusCode).toBe(409);
  });

  it('lets the person offer as well as ask, and a professional post a request on the person’s behalf', async () => {
    const clientId = (await homeCoordinator.session.post('/api/clients', validClient({ familyName: 'Offers' }))).json<{ id: string }>().id;
    const annaEmail = email('anna');
    expect((await homeCoordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'self', name: 'Anna', email: annaEmail }, consentGiven: true })).statusCode).toBe(201);
    const anna = await citizenFromMail(t.app, smtp, annaEmail);
    const circle: OpenedCircle = { clientId, daughter: anna, daughterEmail: annaEmail };
    const henk = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: email('henk') }, ['circle_tasks']);
    const offer = await post(anna, circle, { direction: 'offer', kind: 'company', title: 'Ik lees graag voor aan de kleinkinderen van de buren' });
    const onBehalf = await post(homeCoordinator.session, circle, { direction: 'request', kind: 'shopping', title: 'Boodschappen op vrijdag' });
    expect((await henk.session.post(`/api/circles/${clientId}/help/${offer}/claim`)).statusCode).toBe(204);
    const seen = await listOf(henk.session, circle);
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: offer, direction: 'offer', postedByRole: 'person', postedBy: 'Anna', status: 'claimed', claimedBy: 'Henk' }),
        expect.objectContaining({ id: onBehalf, direction: 'request', postedByRole: 'professional', status: 'open', claimable: true }),
      ]),
    );
    expect((await henk.session.post(`/api/circles/${clientId}/help/${offer}/done`)).statusCode).toBe(204);
    expect((await henk.session.post(`/api/circles/${clientId}/help/${onBehalf}/withdraw`)).statusCode).toBe(404);
  });

  it('reads as not found without the tasks scope, and for another circle’s request', async () => {
    const circle = await open('Scope');
    const other = await open('OtherScope');
    const planOnly = await inviteInformal(t.app, smtp, circle, { name: 'Piet', email: email('piet') }, ['circle_plan']);
    const request = await post(circle.daughter, circle, { direction: 'request', kind: 'visit', title: 'Avondbezoek' });
    expect((await planOnly.session.get(`/api/circles/${circle.clientId}/help`)).statusCode).toBe(404);
    expect((await planOnly.session.post(`/api/circles/${circle.clientId}/help/${request}/claim`)).statusCode).toBe(404);
    expect((await districtNurse.session.get(`/api/circles/${circle.clientId}/help`)).statusCode).toBe(404);
    expect((await other.daughter.post(`/api/circles/${other.clientId}/help/${request}/claim`)).statusCode).toBe(404);
  });

  it('signals when one informal caregiver carries most of the help, suggesting the respite overview', async () => {
    const circle = await open('Load');
    const henk = await inviteInformal(t.app, smtp, circle, { name: 'Henk', email: email('henk') }, ['circle_tasks']);
    await inviteFormal(circle, 'district_nurse', world.partnerOrg, ['circle_tasks']);
    const load = async () => (await circle.daughter.get(`/api/circles/${circle.clientId}/load`)).json<{ signal: { name: string; share: number; count: number; total: number; respitePath: string } | null }>().signal;
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 86_400_000).toISOString() };
    const takeTask = async (session: Session) => {
      const id = (await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Koken', place: 'home', ...window })).json<{ id: string }>().id;
      expect((await session.post(`/api/circles/${circle.clientId}/tasks/${id}/accept`)).statusCode).toBe(204);
    };
    await takeTask(henk.session);
    await takeTask(henk.session);
    await takeTask(districtNurse.session);
    expect(await load()).toBeNull();
    for (const title of ['Boodschappen', 'Rit naar de huisarts']) {
      const id = await post(circle.daughter, circle, { direction: 'request', kind: 'shopping', title });
      expect((await henk.session.post(`/api/circles/${circle.clientId}/help/${id}/claim`)).statusCode).toBe(204);
    }
    expect(await load()).toEqual({ memberId: henk.memberId, name: 'Henk', share: 0.8, count: 4, total: 5, windowDays: 28, respitePath: '/logeerzorg' });
    // Help given before the window does not count.
    await t.db.updateTable('circle_help').set({ claimed_at: new Date(Date.now() - 40 * 86_400_000) }).where('claimed_by_name', '=', 'Henk').execute();
    await t.db.updateTable('circle_task').set({ accepted_at: new Date(Date.now() - 40 * 86_400_000) }).where('accepted_by_name', '=', 'Henk').execute();
    expect(await load()).toBeNull();
  });
});
