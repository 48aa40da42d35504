import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { citizenFromMail, createCircleWorld, registerClient, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../test/support/smtp.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let homeCoordinator: Staff;
let districtNurse: Staff;
let gp: Staff;
let outsiderNurse: Staff;
let counter = 0;

const email = (label: string) => `${label}-${++counter}@burger.example`;
const hour = 3600_000;
const window = (fromHours: number, toHours: number) => ({ windowStart: new Date(Date.now() + fromHours * hour).toISOString(), windowEnd: new Date(Date.now() + toHours * hour).toISOString() });

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'home-coord');
  districtNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'district');
  gp = await staffOf(t.app, t.db, t.deps.secretBox, world.gpPost, ['nurse'], 'gp');
  outsiderNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.outsiderOrg, ['nurse'], 'outsider');
});
afterAll(() => smtp.close());

interface Circle {
  clientId: string;
  daughter: Session;
  daughterEmail: string;
}

/** A circle opened by the home coordinator for a person who cannot, run by the daughter as representative. */
async function openCircle(familyName: string): Promise<Circle> {
  const clientId = await registerClient(homeCoordinator.session, familyName);
  const daughterEmail = email('daughter');
  const opened = await homeCoordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke', email: daughterEmail }, consentGiven: true });
  expect(opened.statusCode, opened.body).toBe(201);
  return { clientId, daughter: await citizenFromMail(t.app, smtp, daughterEmail), daughterEmail };
}

async function inviteNeighbour(circle: Circle, scopes: string[]): Promise<{ session: Session; memberId: string }> {
  const neighbourEmail = email('neighbour');
  const invited = await circle.daughter.post(`/api/circles/${circle.clientId}/members`, { type: 'informal', kind: 'neighbour', name: 'Henk', email: neighbourEmail, scopes });
  expect(invited.statusCode, invited.body).toBe(201);
  return { session: await citizenFromMail(t.app, smtp, neighbourEmail), memberId: invited.json<{ id: string }>().id };
}

async function inviteOrganisation(circle: Circle, kind: string, organisationId: string, scopes: string[]): Promise<string> {
  const invited = await circle.daughter.post(`/api/circles/${circle.clientId}/members`, { type: 'formal', kind, name: kind, organisationId, scopes });
  expect(invited.statusCode, invited.body).toBe(201);
  return invited.json<{ id: string }>().id;
}

const consentIdOf = async (circle: Circle, granteeName: string) =>
  (await circle.daughter.get(`/api/circles/${circle.clientId}/consents`)).json<{ items: { id: string; grantee: { name: string }; withdrawnAt: string | null }[] }>().items.find((c) => c.grantee.name === granteeName && !c.withdrawnAt)?.id ?? '';

describe('the circle, run by the person or their representative', () => {
  it('lets the daughter, signed in from the e-mail link, invite a neighbour who claims a task the district nurse then sees', async () => {
    const circle = await openCircle('Claimed');
    const invitation = smtp.to(circle.daughterEmail)[0];
    expect(invitation?.subject).toBe('U bent uitgenodigd voor een zorgkring');
    await inviteOrganisation(circle, 'district_nurse', world.partnerOrg, ['circle_tasks']);
    const neighbour = await inviteNeighbour(circle, ['circle_tasks']);
    const task = await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Boodschappen doen', place: 'home', ...window(0, 24) });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = task.json<{ id: string }>().id;
    expect((await neighbour.session.post(`/api/circles/${circle.clientId}/tasks/${taskId}/accept`)).statusCode).toBe(204);
    // Claimed once: a second claim is a conflict, not a second owner.
    expect((await neighbour.session.post(`/api/circles/${circle.clientId}/tasks/${taskId}/accept`)).statusCode).toBe(409);
    const seen = await districtNurse.session.get(`/api/circles/${circle.clientId}/tasks`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<{ items: { id: string; status: string; acceptedBy: string }[] }>().items).toEqual([expect.objectContaining({ id: taskId, status: 'accepted', acceptedBy: 'Henk' })]);
    const heading = await neighbour.session.get('/api/citizen/circles');
    expect(heading.json<{ items: { clientId: string; scopes: string[] }[] }>().items).toEqual([expect.objectContaining({ clientId: circle.clientId, scopes: ['circle_tasks'] })]);
  });

  it('opens one circle per person, only by the person’s own organisation', async () => {
    const clientId = await registerClient(homeCoordinator.session, 'Once');
    const body = { runBy: { relation: 'self', name: 'Jan', email: email('jan') }, consentGiven: true };
    expect((await districtNurse.session.post(`/api/circles/${clientId}`, body)).statusCode).toBe(404);
    expect((await homeCoordinator.session.post(`/api/circles/${clientId}`, body)).statusCode).toBe(201);
    expect((await homeCoordinator.session.post(`/api/circles/${clientId}`, body)).statusCode).toBe(409);
  });

  it('lets only the person, the representative and the home coordinator invite or remove; removal cuts access at once', async () => {
    const circle = await openCircle('Removed');
    const neighbour = await inviteNeighbour(circle, ['circle_tasks', 'circle_contacts']);
    expect((await neighbour.session.post(`/api/circles/${circle.clientId}/members`, { type: 'informal', kind: 'volunteer', name: 'X', email: email('x'), scopes: ['circle_plan'] })).statusCode).toBe(404);
    expect((await neighbour.session.get(`/api/circles/${circle.clientId}/members`)).statusCode).toBe(200);
    expect((await circle.daughter.delete(`/api/circles/${circle.clientId}/members/${neighbour.memberId}`)).statusCode).toBe(204);
    expect((await neighbour.session.get(`/api/circles/${circle.clientId}/tasks`)).statusCode).toBe(404);
    expect((await neighbour.session.get(`/api/circles/${circle.clientId}`)).statusCode).toBe(404);
  });

  it('shows the person their consents in plain terms: who, what, given by whom, since when', async () => {
    const circle = await openCircle('Plain');
    await inviteOrganisation(circle, 'gp_practice', world.gpPost, ['circle_plan']);
    const consents = (await circle.daughter.get(`/api/circles/${circle.clientId}/consents`)).json<{ items: unknown[] }>().items;
    expect(consents).toEqual([expect.objectContaining({ grantee: { kind: 'organisation', name: 'GP post' }, levels: ['identification', 'circle_plan'], givenBy: 'Marieke', giverKind: 'representative', withdrawnAt: null })]);
  });
});

describe('the access matrix: consent given, absent, out of scope, withdrawn × member kind × organisation', () => {
  type Reader = 'neighbour' | 'districtNurse' | 'gp' | 'outsider' | 'homeCoordinator';
  const cases: { consent: 'given' | 'absent' | 'out_of_scope' | 'withdrawn'; reader: Reader; expected: number }[] = [
    { consent: 'given', reader: 'neighbour', expected: 200 },
    { consent: 'given', reader: 'districtNurse', expected: 200 },
    { consent: 'given', reader: 'gp', expected: 200 },
    { consent: 'absent', reader: 'districtNurse', expected: 404 },
    { consent: 'absent', reader: 'gp', expected: 404 },
    { consent: 'out_of_scope', reader: 'neighbour', expected: 404 },
    { consent: 'out_of_scope', reader: 'districtNurse', expected: 404 },
    { consent: 'out_of_scope', reader: 'gp', expected: 404 },
    { consent: 'withdrawn', reader: 'neighbour', expected: 404 },
    { consent: 'withdrawn', reader: 'districtNurse', expected: 404 },
    { consent: 'withdrawn', reader: 'gp', expected: 404 },
    // An organisation without a data-sharing agreement for the care network sees nothing, consent or not.
    { consent: 'given', reader: 'outsider', expected: 404 },
    // The person's own organisation reads on its own basis, consent or not.
    { consent: 'absent', reader: 'homeCoordinator', expected: 200 },
  ];

  it.each(cases)('consent $consent, $reader reads the plan: $expected', async ({ consent, reader, expected }) => {
    const circle = await openCircle(`Matrix${++counter}`);
    const scopes = consent === 'out_of_scope' ? ['circle_tasks'] : ['circle_plan'];
    let session: Session;
    let grantee: string;
    if (reader === 'neighbour') {
      session = (await inviteNeighbour(circle, scopes)).session;
      grantee = 'Henk';
    } else {
      const staff = { districtNurse, gp, outsider: outsiderNurse, homeCoordinator }[reader];
      session = staff.session;
      const organisation = { districtNurse: world.partnerOrg, gp: world.gpPost, outsider: world.outsiderOrg, homeCoordinator: world.homeOrg }[reader];
      const kind = { districtNurse: 'district_nurse', gp: 'gp_practice', outsider: 'home_care', homeCoordinator: 'home_care' }[reader];
      if (consent !== 'absent') await inviteOrganisation(circle, kind, organisation, scopes);
      grantee = { districtNurse: 'Partner care', gp: 'GP post', outsider: 'Outsider care', homeCoordinator: 'Home care' }[reader];
    }
    if (consent === 'withdrawn') {
      expect((await session.get(`/api/circles/${circle.clientId}/plan`)).statusCode).toBe(200);
      expect((await circle.daughter.post(`/api/circles/${circle.clientId}/consents/${await consentIdOf(circle, grantee)}/withdraw`)).statusCode).toBe(204);
    }
    const response = await session.get(`/api/circles/${circle.clientId}/plan`);
    expect(response.statusCode).toBe(expected);
    if (expected === 404) expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Client not found' } });
  });

  it('refuses the member of a withdrawn consent less than a second after the withdrawal', async () => {
    const circle = await openCircle('Second');
    const neighbour = await inviteNeighbour(circle, ['circle_tasks']);
    expect((await neighbour.session.get(`/api/circles/${circle.clientId}/tasks`)).statusCode).toBe(200);
    const consentId = await consentIdOf(circle, 'Henk');
    const withdrawn = await circle.daughter.post(`/api/circles/${circle.clientId}/consents/${consentId}/withdraw`);
    const answeredAt = Date.now();
    expect(withdrawn.statusCode).toBe(204);
    expect((await neighbour.session.get(`/api/circles/${circle.clientId}/tasks`)).statusCode).toBe(404);
    expect(Date.now() - answeredAt).toBeLessThan(1000);
  });

  it('never gives an informal member the key-safe code or a staff route', async () => {
    const circle = await openCircle('KeySafe');
    const neighbour = await inviteNeighbour(circle, ['circle_tasks', 'circle_plan', 'circle_contacts']);
    for (const url of [`/api/clients/${circle.clientId}`, `/api/clients/${circle.clientId}/night-summary`]) {
      expect((await neighbour.session.get(url)).statusCode).toBe(401);
    }
    expect((await neighbour.session.post(`/api/clients/${circle.clientId}/key-safe/reveal`, {})).statusCode).toBe(401);
    for (const url of ['plan', 'tasks', 'members', 'timeline']) {
      expect((await neighbour.session.get(`/api/circles/${circle.clientId}/${url}`)).body).not.toContain('4321');
    }
    expect((await neighbour.session.get(`/api/circles/${circle.clientId}/access-log`)).statusCode).toBe(404);
  });

  it('audits every read, allowed or refused, naming the consent, and shows it in the person’s “who looked at my data”', async () => {
    const circle = await openCircle('Looked');
    const neighbour = await inviteNeighbour(circle, ['circle_tasks']);
    await neighbour.session.get(`/api/circles/${circle.clientId}/tasks`);
    await neighbour.session.get(`/api/circles/${circle.clientId}/plan`);
    await districtNurse.session.get(`/api/circles/${circle.clientId}/plan`);
    const consentId = await consentIdOf(circle, 'Henk');
    const entries = await t.db.selectFrom('audit_log').select(['resource', 'outcome', 'grant_id', 'purpose']).where('client_id', '=', circle.clientId).where('user_name', '=', 'Henk').orderBy('id').execute();
    expect(entries).toEqual(
      expect.arrayContaining([
        { resource: 'circle_task', outcome: 'allowed', grant_id: consentId, purpose: 'consent' },
        { resource: 'circle_plan', outcome: 'refused', grant_id: null, purpose: null },
      ]),
    );
    const log = await circle.daughter.get(`/api/circles/${circle.clientId}/access-log`);
    expect(log.statusCode).toBe(200);
    const seen = log.json<{ items: { userName: string; resource: string; outcome: string }[] }>().items;
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userName: 'Henk', resource: 'circle_task', outcome: 'allowed' }),
        expect.objectContaining({ userName: 'Henk', resource: 'circle_plan', outcome: 'refused' }),
        // The district nurse's organisation is not in this circle: the refusal is on the person's list too.
        expect.objectContaining({ resource: 'circle_plan', outcome: 'refused', organisationName: 'Partner care' }),
      ]),
    );
  });
});
