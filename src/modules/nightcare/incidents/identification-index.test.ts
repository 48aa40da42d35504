import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../alliance/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { addUser, closeNightShift, createWorld, openNightShift, validClient, type World } from '../../../../test/support/world.js';

/** DESIGN.md §6: only the night coordinator on duty searches other organisations' clients, for a purpose, a handful at a time. */

let t: TestApp;
let world: World;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};
let account = '';
const INDEX = '/api/nightcare/identification-index';
const PHONE = 'callerPhone=%2B31591123456';
const BY_NAME = 'familyName=Bakker&dateOfBirth=1938-03-14';

type Answer = { items: { id: string; familyName: string; ownOrganisation: boolean }[]; tooMany: boolean };
const found = async (session: Session, query: string) => {
  const response = await session.get(`${INDEX}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Answer>();
};

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const specs = {
    nightCoordinator: [world.partnerOrg, 'coordinator', true],
    nightNurse: [world.partnerOrg, 'nurse', true],
    partnerCoordinator: [world.partnerOrg, 'coordinator', false],
    dayCoordinator: [world.homeOrg, 'coordinator', false],
    gpTriagist: [world.gpPost, 'coordinator', false],
  } as const;
  for (const [name, [org, role, nightTeam]] of Object.entries(specs)) {
    const user = await addUser(t.db, t.deps.secretBox, org, [role], name);
    if (nightTeam) await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: org });
    s[name] = await login(t.app, user);
  }
  const body = validClient();
  account = body.alarmAccount;
  ids.bakker = (await s.dayCoordinator!.post('/api/clients', body)).json<{ id: string }>().id;
  ids.objector = (await s.dayCoordinator!.post('/api/clients', validClient({ familyName: 'Objector' }))).json<{ id: string }>().id;
  expect((await s.dayCoordinator!.post(`/api/clients/${ids.objector}/objection`, { objected: true })).statusCode).toBe(200);
});

beforeEach(() => openNightShift(t.db, world.allianceId));

describe('who may search the identification index', () => {
  it('lets the night coordinator on duty find a partner client by name and date of birth, by postcode and house number, or by alarm account', async () => {
    for (const query of [BY_NAME, 'familyName=BAKKER&dateOfBirth=1938-03-14', 'postcode=7811ab&houseNumber=12', `alarmAccount=${account.toLowerCase()}`]) {
      const answer = await found(s.nightCoordinator!, `${query}&${PHONE}`);
      expect(answer.items.map((i) => i.id), query).toEqual([ids.bakker]);
      expect(answer.items[0]).toMatchObject({ familyName: 'Bakker', ownOrganisation: false });
      expect(answer.items[0]).not.toHaveProperty('nightSummary');
    }
  });

  it('reads a Dutch date of birth (14-03-1938, 14-3-1938), a postcode with or without a space, and narrows by town', async () => {
    for (const query of ['familyName=Bakker&dateOfBirth=14-03-1938', 'familyName=Bakker&dateOfBirth=14-3-1938', 'postcode=7811%20AB&houseNumber=12', 'postcode=7811ab&houseNumber=12&city=emmen', 'familyName=Bakker&dateOfBirth=1938-03-14&city=Emmen']) {
      expect((await found(s.nightCoordinator!, `${query}&${PHONE}`)).items.map((i) => i.id), query).toEqual([ids.bakker]);
    }
    expect((await found(s.nightCoordinator!, `${BY_NAME}&city=Assen&${PHONE}`)).items).toEqual([]);
  });

  it('refuses a date that does not exist (31-02-1938) and a town without an identifying pair', async () => {
    for (const query of ['familyName=Bakker&dateOfBirth=31-02-1938', 'city=Emmen', 'familyName=Bakker&city=Emmen', 'postcode=7811AB&city=Emmen']) {
      const response = await s.nightCoordinator!.get(`${INDEX}?${query}&${PHONE}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).not.toContain('Bakker');
    }
  });

  it('refuses the night coordinator outside the night shift', async () => {
    await closeNightShift(t.db, world.allianceId);
    expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}&${PHONE}`)).statusCode).toBe(403);
  });

  it('refuses everyone else, night shift or not: a night nurse, a coordinator outside the night team, a day coordinator, a GP triagist', async () => {
    for (const who of ['nightNurse', 'partnerCoordinator', 'dayCoordinator', 'gpTriagist']) {
      const response = await s[who]!.get(`${INDEX}?${BY_NAME}&${PHONE}`);
      expect(response.statusCode, who).toBe(403);
      expect(response.body, who).not.toContain('Bakker');
    }
  });

  it('keeps the client search of everyone else to their own organisation: a GP post finds nobody, and scope=alliance is gone', async () => {
    expect((await s.dayCoordinator!.get('/api/clients?q=Bakker')).json<Answer>().items.map((i) => i.id)).toEqual([ids.bakker]);
    for (const who of ['nightCoordinator', 'partnerCoordinator', 'gpTriagist', 'nightNurse']) {
      expect((await s[who]!.get('/api/clients?q=Bakker')).json<Answer>().items, who).toEqual([]);
      expect((await s[who]!.get('/api/clients')).json<Answer>().items, who).toEqual([]);
      expect((await s[who]!.get('/api/clients?scope=alliance&q=Bakker')).statusCode, who).toBe(400);
    }
  });

  it('never finds a client who objected', async () => {
    expect((await found(s.nightCoordinator!, `familyName=Objector&dateOfBirth=1938-03-14&${PHONE}`)).items).toEqual([]);
  });
});

describe('the purpose of a search', () => {
  it('needs an open incident of the alliance or the number of a phone call, and not both', async () => {
    expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}`)).statusCode).toBe(400);
    const incidentId = (await s.nightCoordinator!.post('/api/nightcare/incidents', { reason: 'fall' })).json<{ incidentId: string }>().incidentId;
    expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}&incidentId=${incidentId}&${PHONE}`)).statusCode).toBe(400);
    expect((await found(s.nightCoordinator!, `${BY_NAME}&incidentId=${incidentId}`)).items.map((i) => i.id)).toEqual([ids.bakker]);
    const entry = await t.db.selectFrom('audit_log').select(['purpose', 'reason']).where('action', '=', 'index_search').where('client_id', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.purpose).toBe('incident');
    expect(JSON.parse(entry.reason ?? '')).toMatchObject({ query: { incidentId }, returned: [ids.bakker] });
    expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}&incidentId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await s.nightCoordinator!.post(`/api/nightcare/incidents/${incidentId}/cancel`, { reason: 'false_alarm' })).statusCode).toBe(200);
    expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}&incidentId=${incidentId}`)).statusCode).toBe(409);
  });

  it("refuses an incident of another alliance as if it did not exist", async () => {
    const other = await createWorld(t.db);
    const coordinator = await addUser(t.db, t.deps.secretBox, other.partnerOrg, ['coordinator'], 'othercoord');
    await addTeamMember(t.db, { allianceId: other.allianceId, teamName: 'Night team', userId: coordinator.id, organisationId: other.partnerOrg });
    const incidentId = (await (await login(t.app, coordinator)).post('/api/nightcare/incidents', { reason: 'fall' })).json<{ incidentId: string }>().incidentId;
    expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}&incidentId=${incidentId}`)).statusCode).toBe(404);
  });
});

describe('enumerating the index', () => {
  it('refuses a search without two identifying fields: empty, one field, one letter, a short name', async () => {
    for (const query of ['', 'familyName=Bakker', 'dateOfBirth=1938-03-14', 'postcode=7811AB', 'houseNumber=12', 'familyName=B&dateOfBirth=1938-03-14', 'familyName=&dateOfBirth=1938-03-14', 'postcode=7811&houseNumber=12']) {
      const response = await s.nightCoordinator!.get(`${INDEX}?${query}&${PHONE}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).not.toContain('Bakker');
    }
  });

  it('treats wildcards as characters and knows no prefixes', async () => {
    for (const name of ['%25%25', 'Ba%25', 'Bak*', 'Bakk_r', '.*', 'Bakke']) expect((await found(s.nightCoordinator!, `familyName=${name}&dateOfBirth=1938-03-14&${PHONE}`)).items, name).toEqual([]);
    expect((await s.nightCoordinator!.get(`${INDEX}?familyName=Bakker&dateOfBirth=1938-%25&${PHONE}`)).statusCode).toBe(400);
  });

  it('has no paging and no limit to raise', async () => {
    for (const extra of ['limit=100', 'offset=5', 'page=2', 'cursor=x', 'scope=alliance']) expect((await s.nightCoordinator!.get(`${INDEX}?${BY_NAME}&${PHONE}&${extra}`)).statusCode, extra).toBe(400);
  });

  it('answers nothing but "too many" when more than five clients fit', async () => {
    for (let i = 0; i < 6; i++) await s.dayCoordinator!.post('/api/clients', validClient({ givenName: `Twin${i}`, familyName: 'Meervoud', dateOfBirth: '1940-01-01' }));
    const answer = await found(s.nightCoordinator!, `familyName=Meervoud&dateOfBirth=1940-01-01&${PHONE}`);
    expect(answer).toEqual({ items: [], tooMany: true });
  });
});

describe('the audit of a search', () => {
  const searches = (userName: string) =>
    t.db.selectFrom('audit_log').select(['purpose', 'reason', 'fields', 'outcome', 'client_id']).where('action', '=', 'index_search').where('resource', '=', 'identification_index').where('user_name', 'like', `${userName}%`).orderBy('id', 'desc');

  it('records each search with its purpose, its query and the ids it returned, and an entry per client shown', async () => {
    const since = (await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;
    await found(s.nightCoordinator!, `${BY_NAME}&${PHONE}`);
    const entry = await searches('nightCoordinator').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ purpose: 'phone_call', outcome: 'allowed', client_id: null });
    expect(entry.fields.sort()).toEqual(['callerPhone', 'dateOfBirth', 'familyName']);
    expect(JSON.parse(entry.reason ?? '')).toEqual({ query: { familyName: 'Bakker', dateOfBirth: '1938-03-14', callerPhone: '+31591123456' }, returned: [ids.bakker] });
    const perClient = await t.db.selectFrom('audit_log').select(['action', 'outcome', 'purpose']).where('id', '>', since).where('client_id', '=', ids.bakker!).execute();
    expect(perClient).toEqual([{ action: 'index_search', outcome: 'allowed', purpose: 'phone_call' }]);
  });

  it('records a refused search too, without looking for candidates', async () => {
    await s.gpTriagist!.get(`${INDEX}?${BY_NAME}&${PHONE}`);
    const entry = await searches('gpTriagist').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ outcome: 'refused', client_id: null });
    expect(JSON.parse(entry.reason ?? '')).toMatchObject({ returned: [] });
  });
});
