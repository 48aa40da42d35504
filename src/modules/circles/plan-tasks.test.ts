import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { citizenFromMail, createCircleWorld, registerClient, staffOf, type CircleWorld, type Staff } from '../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../test/support/smtp.js';
import { sweepOverdueTasks } from './index.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let homeCoordinator: Staff;
let homeNurse: Staff;
let districtNurse: Staff;
let hospitalNurse: Staff;
let counter = 0;
const hour = 3600_000;

const email = (label: string) => `${label}-${++counter}@burger.example`;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'home-coord');
  homeNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'home-nurse');
  districtNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'district');
  hospitalNurse = await staffOf(t.app, t.db, t.deps.secretBox, world.hospital, ['nurse'], 'hospital');
});
afterAll(() => smtp.close());

interface Circle {
  clientId: string;
  daughter: Session;
  daughterEmail: string;
}

async function openCircle(familyName: string): Promise<Circle> {
  const clientId = await registerClient(homeCoordinator.session, familyName);
  const daughterEmail = email('daughter');
  expect((await homeCoordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke', email: daughterEmail }, consentGiven: true })).statusCode).toBe(201);
  return { clientId, daughter: await citizenFromMail(t.app, smtp, daughterEmail), daughterEmail };
}

const invite = (circle: Circle, body: Record<string, unknown>) => circle.daughter.post(`/api/circles/${circle.clientId}/members`, body);

describe('the plan in the person’s own words', () => {
  it('keeps every version with who changed what, and refuses a change over a newer version', async () => {
    const circle = await openCircle('Plan');
    const plan = { whatMatters: 'In mijn eigen huis blijven, met mijn kat.', goals: [{ text: 'Zelf boodschappen doen', theme: 'self_reliance', met: false }], agreements: [{ text: 'Henk rijdt naar het ziekenhuis', owner: 'Henk' }], reviewOn: '2027-03-01' };
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/plan`, { ...plan, baseVersion: 0 })).json()).toEqual({ version: 1 });
    expect((await homeCoordinator.session.put(`/api/circles/${circle.clientId}/plan`, { ...plan, reviewOn: '2027-06-01', baseVersion: 1 })).json()).toEqual({ version: 2 });
    const stale = await circle.daughter.put(`/api/circles/${circle.clientId}/plan`, { ...plan, whatMatters: 'Anders', baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const read = (await circle.daughter.get(`/api/circles/${circle.clientId}/plan`)).json<{ version: number; whatMatters: string; reviewOn: string; history: { version: number; changedBy: string; fields: string[] }[] }>();
    expect(read).toMatchObject({ version: 2, whatMatters: plan.whatMatters, reviewOn: '2027-06-01' });
    expect(read.history.map((h) => [h.version, h.changedBy, h.fields])).toEqual([
      [2, expect.stringContaining('home-coord'), ['reviewOn']],
      [1, 'Marieke', ['whatMatters', 'goals', 'agreements', 'reviewOn']],
    ]);
  });

  it('keeps last-phase wishes as one fact with the night summary the night team reads', async () => {
    const circle = await openCircle('Wishes');
    expect((await circle.daughter.get(`/api/circles/${circle.clientId}/plan`)).json<{ lastPhaseWishes: string }>().lastPhaseWishes).toBe('No resuscitation');
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/plan/wishes`, { wishes: 'Niet reanimeren; thuis sterven; brief bij de huisarts' })).statusCode).toBe(204);
    const summary = (await homeNurse.session.get(`/api/clients/${circle.clientId}/night-summary`)).json<{ nightSummary?: { wishes: string }; wishes?: string }>();
    expect(JSON.stringify(summary)).toContain('Niet reanimeren; thuis sterven; brief bij de huisarts');
    expect((await circle.daughter.get(`/api/circles/${circle.clientId}/plan`)).json<{ lastPhaseWishes: string }>().lastPhaseWishes).toBe('Niet reanimeren; thuis sterven; brief bij de huisarts');
  });

  it('is written only by whoever manages the circle; a member with the plan in scope reads it', async () => {
    const circle = await openCircle('PlanScope');
    expect((await invite(circle, { type: 'formal', kind: 'district_nurse', name: 'Wijkverpleging', organisationId: world.partnerOrg, scopes: ['circle_plan'] })).statusCode).toBe(201);
    expect((await districtNurse.session.get(`/api/circles/${circle.clientId}/plan`)).statusCode).toBe(200);
    expect((await districtNurse.session.put(`/api/circles/${circle.clientId}/plan`, { whatMatters: 'x', goals: [], agreements: [], reviewOn: null, baseVersion: 0 })).statusCode).toBe(404);
    expect((await districtNurse.session.put(`/api/circles/${circle.clientId}/plan/wishes`, { wishes: 'x' })).statusCode).toBe(404);
  });
});

describe('tasks and referrals across sectors', () => {
  it('runs request → accepted → done for the owning organisation, and declined with a reason', async () => {
    const circle = await openCircle('Tasks');
    expect((await invite(circle, { type: 'formal', kind: 'district_nurse', name: 'Wijkverpleging', organisationId: world.partnerOrg, scopes: ['circle_tasks'] })).statusCode).toBe(201);
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 24 * hour).toISOString() };
    const wound = (await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Wondzorg', competence: 'wound_care', place: 'home', ownerOrganisationId: world.partnerOrg, ...window })).json<{ id: string }>().id;
    const other = (await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Injectie', competence: 'injections', place: 'home', ownerOrganisationId: world.partnerOrg, ...window })).json<{ id: string }>().id;
    // The daughter does not own the nurse's task: it reads as not found for her moves.
    expect((await circle.daughter.post(`/api/circles/${circle.clientId}/tasks/${wound}/accept`)).statusCode).toBe(404);
    expect((await districtNurse.session.post(`/api/circles/${circle.clientId}/tasks/${wound}/complete`)).statusCode).toBe(409);
    expect((await districtNurse.session.post(`/api/circles/${circle.clientId}/tasks/${wound}/accept`)).statusCode).toBe(204);
    expect((await districtNurse.session.post(`/api/circles/${circle.clientId}/tasks/${wound}/complete`)).statusCode).toBe(204);
    expect((await districtNurse.session.post(`/api/circles/${circle.clientId}/tasks/${other}/decline`, {})).statusCode).toBe(400);
    expect((await districtNurse.session.post(`/api/circles/${circle.clientId}/tasks/${other}/decline`, { reason: 'Geen verpleegkundige met die bevoegdheid vrij' })).statusCode).toBe(204);
    const tasks = (await circle.daughter.get(`/api/circles/${circle.clientId}/tasks`)).json<{ items: { id: string; status: string; declineReason: string | null; competence: string }[] }>().items;
    expect(tasks.map((x) => [x.id, x.status, x.declineReason, x.competence])).toEqual([
      [wound, 'done', null, 'wound_care'],
      [other, 'declined', 'Geen verpleegkundige met die bevoegdheid vrij', 'injections'],
    ]);
    expect((await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'x', competence: 'juggling', place: 'home', ...window })).statusCode).toBe(400);
    expect((await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'x', place: 'home', ownerOrganisationId: world.outsiderOrg, ...window })).statusCode).toBe(400);
  });

  it('runs a hospital discharge pathway across three organisations; an overdue step escalates to the coordinator once', async () => {
    const circle = await openCircle('Discharge');
    for (const [kind, organisationId] of [['hospital_contact', world.hospital], ['district_nurse', world.partnerOrg], ['gp_practice', world.gpPost], ['municipal_consultant', world.municipality]] as const) {
      expect((await invite(circle, { type: 'formal', kind, name: kind, organisationId, scopes: ['circle_tasks'] })).statusCode).toBe(201);
    }
    expect((await hospitalNurse.session.post(`/api/circles/${circle.clientId}/pathways`, { template: 'hospital_discharge' })).statusCode).toBe(201);
    const tasks = (await districtNurse.session.get(`/api/circles/${circle.clientId}/tasks`)).json<{ items: { id: string; pathwayStep: string; ownerOrganisationId: string; windowStart: string; windowEnd: string }[] }>().items;
    expect(tasks.map((x) => [x.pathwayStep, x.ownerOrganisationId, Math.round((Date.parse(x.windowEnd) - Date.parse(x.windowStart)) / hour)])).toEqual([
      ['home_care_visit', world.partnerOrg, 24],
      ['gp_follow_up', world.gpPost, 168],
      ['wmo_check', world.municipality, 336],
    ]);
    const gpTask = tasks[1]!.id;
    const gp = await staffOf(t.app, t.db, t.deps.secretBox, world.gpPost, ['nurse'], 'gp');
    expect((await gp.session.post(`/api/circles/${circle.clientId}/tasks/${gpTask}/accept`)).statusCode).toBe(204);
    const mailsBefore = smtp.to(circle.daughterEmail).length;
    // A day and an hour later nobody visited at home: that step, and only that one, escalates; a second sweep does nothing more.
    const later = new Date(Date.now() + 25 * hour);
    expect(await sweepOverdueTasks(t.deps, later)).toBeGreaterThanOrEqual(1);
    await sweepOverdueTasks(t.deps, later);
    const after = (await circle.daughter.get(`/api/circles/${circle.clientId}/tasks`)).json<{ items: { pathwayStep: string; escalated: boolean }[] }>().items;
    expect(after.map((x) => [x.pathwayStep, x.escalated])).toEqual([['home_care_visit', true], ['gp_follow_up', false], ['wmo_check', false]]);
    const overdueMail = await smtp.waitFor(circle.daughterEmail, { since: mailsBefore });
    expect(overdueMail.subject).toBe('Een taak in de zorgkring is over tijd');
    expect(overdueMail.text).not.toContain('home_care_visit');
    const timeline = (await circle.daughter.get(`/api/circles/${circle.clientId}/timeline`)).json<{ items: { type: string; details: Record<string, string> }[] }>().items;
    expect(timeline.filter((e) => e.type === 'task_escalated')).toEqual([expect.objectContaining({ details: { coordinator: 'Marieke' } })]);
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['circle_opened', 'member_invited', 'pathway_started', 'task_accepted', 'task_escalated']));
  });

  it('pauses home tasks while the person is in hospital: no escalation until the discharge', async () => {
    const circle = await openCircle('Admitted');
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + hour).toISOString() };
    const home = (await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Planten water geven', place: 'home', ...window })).json<{ id: string }>().id;
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/admission`, { inHospital: true })).statusCode).toBe(204);
    expect((await circle.daughter.get(`/api/circles/${circle.clientId}/tasks`)).json<{ items: { paused: boolean }[] }>().items).toEqual([expect.objectContaining({ paused: true })]);
    await sweepOverdueTasks(t.deps, new Date(Date.now() + 2 * hour));
    const escalated = async () => (await t.db.selectFrom('circle_task').select('escalated_at').where('id', '=', home).executeTakeFirstOrThrow()).escalated_at;
    expect(await escalated()).toBeNull();
    expect((await circle.daughter.put(`/api/circles/${circle.clientId}/admission`, { inHospital: false })).statusCode).toBe(204);
    await sweepOverdueTasks(t.deps, new Date(Date.now() + 2 * hour));
    expect(await escalated()).not.toBeNull();
  });

  it('lets an informal member claim an open request but not a task owned by an organisation', async () => {
    const circle = await openCircle('Claim');
    const neighbourEmail = email('neighbour');
    expect((await invite(circle, { type: 'informal', kind: 'neighbour', name: 'Henk', email: neighbourEmail, scopes: ['circle_tasks'] })).statusCode).toBe(201);
    expect((await invite(circle, { type: 'formal', kind: 'district_nurse', name: 'Wijkverpleging', organisationId: world.partnerOrg, scopes: ['circle_tasks'] })).statusCode).toBe(201);
    const neighbour = await citizenFromMail(t.app, smtp, neighbourEmail);
    const window = { windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + 24 * hour).toISOString() };
    const open = (await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Rit naar het ziekenhuis', place: 'hospital', ...window })).json<{ id: string }>().id;
    const nursing = (await circle.daughter.post(`/api/circles/${circle.clientId}/tasks`, { title: 'Steunkousen', place: 'home', ownerOrganisationId: world.partnerOrg, ...window })).json<{ id: string }>().id;
    expect((await neighbour.post(`/api/circles/${circle.clientId}/tasks/${nursing}/accept`)).statusCode).toBe(404);
    expect((await neighbour.post(`/api/circles/${circle.clientId}/tasks/${open}/accept`)).statusCode).toBe(204);
  });
});
