import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { citizenFromMail, createCircleWorld, inviteInformal, staffOf, type CircleWorld, type OpenedCircle, type Staff } from '../../../../test/support/circle-world.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../../../test/support/smtp.js';
import { validClient } from '../../../../test/support/world.js';

let smtp: SmtpCatcher;
let t: TestApp;
let world: CircleWorld;
let homeCoordinator: Staff;
let admin: Staff;
const neighbourhoodIds = new Map<string, string>();
let counter = 0;

const email = (label: string) => `${label}-${++counter}@buurt.example`;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ mail: { smtpUrl: smtp.url }, circles: { overdueSweep: false } });
  world = await createCircleWorld(t.db);
  homeCoordinator = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'nh-home');
  admin = await staffOf(t.app, t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'nh-admin');
  for (const [slug, name, postcode] of [['nh-centrum', 'Emmen-Centrum', '7811'], ['nh-angelslo', 'Angelslo', '7824']] as const) {
    const created = await admin.session.post('/api/neighbourhoods', { slug, name, municipality: 'Emmen', postcodes: [postcode] });
    expect(created.statusCode).toBe(201);
    neighbourhoodIds.set(name, created.json<{ id: string }>().id);
  }
});
afterAll(() => smtp.close());

/** A circle for a person living at this postcode, run by their daughter. */
async function circleAt(postcode: string, givenName = 'Jantje'): Promise<OpenedCircle> {
  const clientId = (await homeCoordinator.session.post('/api/clients', validClient({ givenName, familyName: `Buurt${++counter}`, postcode }))).json<{ id: string }>().id;
  const daughterEmail = email('dochter');
  expect((await homeCoordinator.session.post(`/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke', email: daughterEmail }, consentGiven: true })).statusCode).toBe(201);
  return { clientId, daughter: await citizenFromMail(t.app, smtp, daughterEmail), daughterEmail };
}

async function request(circle: OpenedCircle, title = 'Boodschappen bij de Jumbo'): Promise<string> {
  const response = await circle.daughter.post(`/api/circles/${circle.clientId}/help`, { direction: 'request', kind: 'shopping', title, wantedOn: '2027-02-03', partOfDay: 'morning' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

type Shared = { id: string; title: string | null; shownAs: string | null; postcodeArea: string; neighbourhood: string; kind: string; wantedOn: string | null; partOfDay: string | null; myClaim: string | null };
const neighbourhoodHelp = async (session: Session) => {
  const response = await session.get('/api/citizen/neighbourhood-help');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Shared[] }>().items;
};

describe('help shared with the neighbourhood', () => {
  it('stays inside the circle until shared: a neighbour in another circle sees nothing and cannot offer', async () => {
    const anna = await circleAt('7811 AB');
    const neighbour = await circleAt('7811 CD');
    const help = await request(anna);
    expect((await neighbourhoodHelp(neighbour.daughter)).map((h) => h.id)).not.toContain(help);
    expect((await neighbour.daughter.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(404);
    expect((await neighbour.daughter.get(`/api/circles/${anna.clientId}/help`)).statusCode).toBe(404);
  });

  it('shows shared help only in the person’s neighbourhood, and only the fields the person chose', async () => {
    const anna = await circleAt('7811AB', 'Anna');
    const sameArea = await circleAt('7811XY');
    const otherArea = await circleAt('7824AA');
    const help = await request(anna);
    const shared = await anna.daughter.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: true });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toEqual({ neighbourhood: 'Emmen-Centrum' });
    const seen = await neighbourhoodHelp(sameArea.daughter);
    expect(seen.find((h) => h.id === help)).toEqual({ id: help, direction: 'request', kind: 'shopping', title: null, wantedOn: '2027-02-03', partOfDay: 'morning', shownAs: null, postcodeArea: '7811', neighbourhood: 'Emmen-Centrum', myClaim: null });
    expect(JSON.stringify(seen)).not.toMatch(/Hoofdstraat|Buurt|4321|Penicillin|Boodschappen/);
    expect((await neighbourhoodHelp(otherArea.daughter)).map((h) => h.id)).not.toContain(help);
    expect((await otherArea.daughter.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(404);
    // The person chooses to show her first name and the title as well.
    expect((await anna.daughter.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: true, showFirstName: true, showTitle: true })).statusCode).toBe(200);
    expect((await neighbourhoodHelp(sameArea.daughter)).find((h) => h.id === help)).toMatchObject({ shownAs: 'Anna', title: 'Boodschappen bij de Jumbo' });
    // Her own circle sees it in the circle, marked as shared, not in the neighbourhood list.
    expect((await neighbourhoodHelp(anna.daughter)).map((h) => h.id)).not.toContain(help);
    expect((await anna.daughter.get(`/api/circles/${anna.clientId}/help`)).json<{ items: { id: string; sharedInNeighbourhood: boolean }[] }>().items).toEqual([expect.objectContaining({ id: help, sharedInNeighbourhood: true })]);
    // Stopping shows it no more.
    expect((await anna.daughter.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: false })).statusCode).toBe(200);
    expect((await neighbourhoodHelp(sameArea.daughter)).map((h) => h.id)).not.toContain(help);
  });

  it('lets only whoever runs the circle share, and refuses where no partnership covers the area', async () => {
    const anna = await circleAt('7811AB');
    const henk = await inviteInformal(t.app, smtp, anna, { name: 'Henk', email: email('henk') }, ['circle_tasks']);
    const help = await request(anna);
    expect((await henk.session.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: true })).statusCode).toBe(404);
    expect((await homeCoordinator.session.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: true })).statusCode).toBe(200);
    const nowhere = await circleAt('9999ZZ');
    const response = await nowhere.daughter.put(`/api/circles/${nowhere.clientId}/help/${await request(nowhere)}/neighbourhood`, { share: true });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('no_neighbourhood');
  });

  it('gives a neighbour’s offer no access until accepted, then the tasks scope only, by a recorded consent', async () => {
    const anna = await circleAt('7811AB');
    const neighbour = await circleAt('7811KL');
    const other = await circleAt('7811MN');
    const help = await request(anna);
    expect((await homeCoordinator.session.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: true })).statusCode).toBe(200);
    expect((await neighbour.daughter.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(201);
    expect((await neighbour.daughter.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(409);
    expect((await other.daughter.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(201);
    expect((await neighbourhoodHelp(neighbour.daughter)).find((h) => h.id === help)?.myClaim).toBe('pending');
    for (const path of ['', '/help', '/tasks', '/plan', '/members']) expect((await neighbour.daughter.get(`/api/circles/${anna.clientId}${path}`)).statusCode, path).toBe(404);

    const claims = (await anna.daughter.get(`/api/circles/${anna.clientId}/help-claims`)).json<{ items: { id: string; name: string; status: string }[] }>().items;
    expect(claims.map((c) => c.status)).toEqual(['pending', 'pending']);
    // Newest first: the neighbour's offer came first, so it is the second; accepting it declines the other.
    const since = smtp.to(neighbour.daughterEmail).length;
    expect((await anna.daughter.post(`/api/circles/${anna.clientId}/help-claims/${claims[1]?.id ?? ''}/accept`)).statusCode).toBe(204);
    expect((await anna.daughter.post(`/api/circles/${anna.clientId}/help-claims/${claims[0]?.id ?? ''}/accept`)).statusCode).toBe(409);
    expect((await anna.daughter.get(`/api/circles/${anna.clientId}/help-claims`)).json<{ items: { status: string }[] }>().items.map((c) => c.status)).toEqual(['declined', 'accepted']);
    await smtp.waitFor(neighbour.daughterEmail, { since });
    expect((await neighbour.daughter.get(`/api/circles/${anna.clientId}/tasks`)).statusCode).toBe(200);
    expect((await neighbour.daughter.get(`/api/circles/${anna.clientId}/help`)).json<{ items: { id: string; status: string; claimedBy: string }[] }>().items).toEqual([expect.objectContaining({ id: help, status: 'claimed', claimedBy: 'Marieke' })]);
    for (const path of ['/plan', '/members', '/messages']) expect((await neighbour.daughter.get(`/api/circles/${anna.clientId}${path}`)).statusCode, path).toBe(404);
    const consents = (await anna.daughter.get(`/api/circles/${anna.clientId}/consents`)).json<{ items: { grantee: { kind: string }; levels: string[]; givenBy: string; giverKind: string }[] }>().items;
    expect(consents.filter((c) => c.grantee.kind === 'member').map(({ levels, givenBy, giverKind }) => ({ levels, givenBy, giverKind }))).toEqual([{ levels: ['circle_tasks'], givenBy: 'Marieke', giverKind: 'representative' }]);
    expect((await other.daughter.get(`/api/circles/${anna.clientId}/tasks`)).statusCode).toBe(404);
    // Taken up, it leaves the neighbourhood list.
    expect((await neighbourhoodHelp(other.daughter)).map((h) => h.id)).not.toContain(help);
  });

  it('audits every look and offer from the neighbourhood in the person’s “who looked at my data”', async () => {
    const anna = await circleAt('7811AB');
    const neighbour = await circleAt('7811PQ');
    const help = await request(anna);
    expect((await anna.daughter.put(`/api/circles/${anna.clientId}/help/${help}/neighbourhood`, { share: true, showFirstName: true })).statusCode).toBe(200);
    await neighbourhoodHelp(neighbour.daughter);
    expect((await neighbour.daughter.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(201);
    const trail = (await anna.daughter.get(`/api/circles/${anna.clientId}/access-log`)).json<{ items: { action: string; resource: string; fields: string[]; purpose: string | null; userName: string; role: string | null }[] }>().items;
    const fromNeighbourhood = trail.filter((e) => e.purpose === 'neighbourhood_help');
    expect(fromNeighbourhood.map((e) => e.action)).toEqual(['read', 'claim_help']);
    expect(fromNeighbourhood[0]).toMatchObject({ resource: 'circle_help', role: 'citizen' });
    expect(fromNeighbourhood[0]?.fields).toEqual(expect.arrayContaining(['first_name', 'postcode_area']));
    expect(trail.some((e) => e.action === 'update' && e.fields.includes('neighbourhood'))).toBe(true);
  });

  it('shows a registered neighbourhood volunteer the help shared there, until the administrator removes them', async () => {
    const centrum = neighbourhoodIds.get('Emmen-Centrum') ?? '';
    const anna = await circleAt('7811AB');
    const elsewhere = await circleAt('7824AB');
    const help = await request(anna);
    const far = await request(elsewhere);
    for (const [circle, id] of [[anna, help], [elsewhere, far]] as const) expect((await circle.daughter.put(`/api/circles/${circle.clientId}/help/${id}/neighbourhood`, { share: true })).statusCode).toBe(200);
    const volunteerEmail = email('vrijwilliger');
    expect((await homeCoordinator.session.post(`/api/neighbourhoods/${centrum}/volunteers`, { name: 'Wim', email: volunteerEmail })).statusCode).toBe(403);
    expect((await admin.session.post(`/api/neighbourhoods/${centrum}/volunteers`, { name: 'Wim', email: 'geen-adres' })).statusCode).toBe(400);
    expect((await admin.session.post(`/api/neighbourhoods/${centrum}/volunteers`, { name: 'Wim', email: volunteerEmail })).statusCode).toBe(204);
    const wim = await citizenFromMail(t.app, smtp, volunteerEmail);
    const seen = (await neighbourhoodHelp(wim)).map((h) => h.id);
    expect(seen).toContain(help);
    expect(seen).not.toContain(far);
    expect((await wim.post(`/api/citizen/neighbourhood-help/${help}/claim`)).statusCode).toBe(201);
    expect((await wim.get(`/api/circles/${anna.clientId}/tasks`)).statusCode).toBe(404);
    const [volunteer] = (await admin.session.get(`/api/neighbourhoods/${centrum}/volunteers`)).json<{ items: { id: string; name: string }[] }>().items;
    expect(volunteer?.name).toBe('Wim');
    expect((await admin.session.delete(`/api/neighbourhoods/${centrum}/volunteers/${volunteer?.id ?? ''}`)).statusCode).toBe(204);
    expect(await neighbourhoodHelp(wim)).toEqual([]);
  });
});
