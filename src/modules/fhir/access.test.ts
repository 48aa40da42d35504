import { beforeAll, describe, expect, it } from 'vitest';
import { grantAssignmentAccess } from '../../platform/access/index.js';
import { signInCast } from '../../../test/support/cast.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';
import { validateR4 } from '../../../test/support/fhir.js';

let t: TestApp;
let world: World;
let clientA: string;
let incidentId: string;
const s: Record<string, Session> = {};
const users: Record<string, { id: string; organisationId: string }> = {};

/** The audit entries written after `since`, without their ids and times: what two roads must write alike. */
async function entriesAfter(since: number) {
  const rows = await t.db
    .selectFrom('audit_log')
    .select(['user_id', 'organisation_id', 'role', 'client_id', 'client_organisation_id', 'action', 'resource', 'fields', 'purpose', 'reason', 'grant_id', 'outcome'])
    .where('id', '>', since)
    .orderBy('id')
    .execute();
  return rows;
}
const lastAuditId = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

/** Runs one call and returns its status with the audit entries it wrote. */
async function audited(call: () => Promise<{ statusCode: number }>) {
  const since = await lastAuditId();
  const response = await call();
  return { status: response.statusCode, entries: await entriesAfter(since) };
}

const grant = (who: string, expiresAt: Date) =>
  grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId: clientA, userId: users[who]!.id, organisationId: users[who]!.organisationId, reference: `incident:${incidentId}`, expiresAt });

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const cast = await signInCast(t, {
    homeCoordinator: [world.homeOrg, ['coordinator']],
    homeNurse: [world.homeOrg, ['nurse']],
    assignedNurse: [world.partnerOrg, ['nurse']],
    unassignedNurse: [world.partnerOrg, ['nurse']],
    expiredNurse: [world.partnerOrg, ['nurse']],
    outsiderNurse: [world.outsiderOrg, ['nurse']],
  });
  Object.assign(users, cast.users);
  Object.assign(s, cast.sessions);
  clientA = (await s.homeCoordinator!.post('/api/clients', validClient({ familyName: 'Matrix' })).then((r) => r.json<{ id: string }>())).id;
  const incident = await t.db
    .insertInto('incident')
    .values({ alliance_id: world.allianceId, client_id: clientA, organisation_id: world.homeOrg, status: 'accepted', reason: 'fall', urgency: 'U2', received_at: new Date(), assigned_user_id: users.assignedNurse!.id, assigned_organisation_id: world.partnerOrg })
    .returning('id')
    .executeTakeFirstOrThrow();
  incidentId = incident.id;
  await grant('assignedNurse', new Date(Date.now() + 3600_000));
  await grant('expiredNurse', new Date(Date.now() - 60_000));
});

const actors = ['homeNurse', 'assignedNurse', 'unassignedNurse', 'outsiderNurse', 'expiredNurse'] as const;
const expected: Record<(typeof actors)[number], number> = { homeNurse: 200, assignedNurse: 200, unassignedNurse: 404, outsiderNurse: 404, expiredNurse: 404 };

describe('the FHIR access matrix gives the REST answers', () => {
  it('reads a Patient exactly when REST reads the night summary, with the same audit entries', async () => {
    for (const who of actors) {
      const rest = await audited(() => s[who]!.get(`/api/clients/${clientA}/night-summary`));
      const fhir = await audited(() => s[who]!.get(`/fhir/R4/Patient/${clientA}`));
      expect(rest.status, who).toBe(expected[who]);
      expect(fhir.status, who).toBe(rest.status);
      expect(fhir.entries, who).toEqual(rest.entries);
      expect(fhir.entries, who).toHaveLength(1);
    }
  });

  it('answers Flag and AllergyIntolerance searches as the night summary: same refusals, same entries', async () => {
    for (const who of actors) {
      const rest = await audited(() => s[who]!.get(`/api/clients/${clientA}/night-summary`));
      for (const type of ['Flag', 'AllergyIntolerance']) {
        const fhir = await audited(() => s[who]!.get(`/fhir/R4/${type}?patient=Patient/${clientA}`));
        expect(fhir.status, `${who} ${type}`).toBe(200);
        const entries = fhir.status === 200 ? (await s[who]!.get(`/fhir/R4/${type}?patient=${clientA}`)).json<{ entry: unknown[] }>().entry : [];
        expect(entries.length > 0, `${who} ${type}`).toBe(rest.status === 200);
        expect(fhir.entries, `${who} ${type}`).toEqual(rest.entries);
      }
    }
  });

  it('reads an Encounter and its Observation exactly when REST reads the incident, with the same audit entries', async () => {
    await t.db.insertInto('visit_report').values({ incident_id: incidentId, actions: ['wound_care'], minutes_on_site: 20, follow_up_needed: false, notes: 'Helped up, no injury', written_by: users.assignedNurse!.id }).execute();
    const encounterExpected = { ...expected, homeNurse: 404 };
    for (const who of actors) {
      const rest = await audited(() => s[who]!.get(`/api/nightcare/incidents/${incidentId}`));
      expect(rest.status, who).toBe(encounterExpected[who]);
      for (const type of ['Encounter', 'Observation']) {
        const fhir = await audited(() => s[who]!.get(`/fhir/R4/${type}/${incidentId}`));
        expect(fhir.status, `${who} ${type}`).toBe(rest.status);
        expect(fhir.entries, `${who} ${type}`).toEqual(rest.entries);
      }
    }
  });
});

describe('a FHIR search reveals no client REST would not', () => {
  it('finds the own organisation client by identifier and birth date, audited as the REST search', async () => {
    const account = (await s.homeNurse!.get(`/api/clients/${clientA}`)).json<{ alarmAccount: string }>().alarmAccount;
    const rest = await audited(() => s.homeNurse!.get(`/api/clients?alarmAccount=${account}`));
    const fhir = await audited(() => s.homeNurse!.get(`/fhir/R4/Patient?identifier=https://samenzorg.nl/fhir/sid/alarm-account|${account}`));
    expect(fhir.entries).toEqual(rest.entries);
    expect(fhir.entries).toMatchObject([{ client_id: clientA, action: 'search', outcome: 'allowed' }]);
    const byBirth = await s.homeNurse!.get('/fhir/R4/Patient?birthdate=1938-03-14&name=Matrix');
    expect(byBirth.json<{ entry: { resource: { id: string } }[] }>().entry.map((e) => e.resource.id)).toEqual([clientA]);
  });

  it('returns an empty Bundle and reads nothing of a client outside the caller organisation, assigned or not', async () => {
    const account = (await s.homeNurse!.get(`/api/clients/${clientA}`)).json<{ alarmAccount: string }>().alarmAccount;
    for (const who of ['assignedNurse', 'unassignedNurse', 'outsiderNurse', 'expiredNurse']) {
      for (const url of [`/fhir/R4/Patient?identifier=${account}`, '/fhir/R4/Patient?birthdate=1938-03-14', '/fhir/R4/Patient?name=Matrix']) {
        const since = await lastAuditId();
        const response = await s[who]!.get(url);
        expect(response.statusCode, `${who} ${url}`).toBe(200);
        expect(response.headers['content-type']).toContain('application/fhir+json');
        expect(response.json<{ resourceType: string; entry: unknown[] }>(), `${who} ${url}`).toMatchObject({ resourceType: 'Bundle', type: 'searchset', entry: [] });
        const touched = (await entriesAfter(since)).filter((e) => e.client_id === clientA);
        expect(touched, `${who} ${url}`).toEqual([]);
      }
    }
  });
});

describe('FHIR paging and errors', () => {
  it('pages a search with next and previous links that carry the search', async () => {
    for (const given of ['Anna', 'Bert', 'Cor']) {
      expect((await s.homeCoordinator!.post('/api/clients', validClient({ familyName: 'Pagina', givenName: given }))).statusCode).toBe(201);
    }
    const first = (await s.homeNurse!.get('/fhir/R4/Patient?name=Pagina&_count=2')).json<{ entry: { resource: { name: { given: string[] }[] } }[]; link: { relation: string; url: string }[] }>();
    expect(first.entry.map((e) => e.resource.name[0]!.given[0])).toEqual(['Anna', 'Bert']);
    const next = first.link.find((l) => l.relation === 'next')!.url;
    expect(next).toContain('name=Pagina');
    const second = (await s.homeNurse!.get(new URL(next).pathname + new URL(next).search)).json<{ entry: { resource: { name: { given: string[] }[] } }[]; link: { relation: string }[] }>();
    expect(second.entry.map((e) => e.resource.name[0]!.given[0])).toEqual(['Cor']);
    expect(second.link.map((l) => l.relation)).toEqual(['self', 'previous']);
  });

  it('answers errors as OperationOutcomes in application/fhir+json', async () => {
    const unknownType = await s.homeNurse!.get('/fhir/R4/Spaceship/1');
    expect(unknownType.statusCode).toBe(404);
    expect(unknownType.headers['content-type']).toContain('application/fhir+json');
    expect(unknownType.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    const extraParameter = await s.homeNurse!.get('/fhir/R4/Patient?_include=Patient:organization');
    expect(extraParameter.statusCode).toBe(400);
    expect(extraParameter.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
    const noPatient = await s.homeNurse!.get('/fhir/R4/Flag');
    expect(noPatient.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid', expression: ['patient'] }] });
    const anonymous = await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${clientA}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    const noRoute = await t.app.inject({ method: 'DELETE', url: `/fhir/R4/Patient/${clientA}` });
    expect(noRoute.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
  });

  it('keeps the FHIR routes out of the REST OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/fhir'))).toEqual([]);
  });
});

describe('planned visits as Encounters (status planned) give the REST answers', () => {
  let visitId: string;
  beforeAll(async () => {
    for (const name of ['visitNurse', 'otherNurse']) {
      const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], name);
      users[name] = user;
      s[name] = await login(t.app, user);
    }
    const start = new Date(Date.now() + 3600_000);
    const visit = await t.db
      .insertInto('planned_visit')
      .values({ alliance_id: world.allianceId, organisation_id: world.homeOrg, client_id: clientA, night: start.toISOString().slice(0, 10), task: 'Wisselligging', window_start: start, window_end: new Date(start.getTime() + 3600_000), duration_minutes: 20, latitude: 52.78, longitude: 6.9, assigned_user_id: users.visitNurse!.id, created_by: users.homeCoordinator!.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    visitId = visit.id;
    await grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId: clientA, userId: users.visitNurse!.id, organisationId: world.partnerOrg, reference: `visit:${visitId}`, expiresAt: new Date(Date.now() + 3 * 3600_000) });
  });

  it('reads the Encounter exactly when REST reads the planned visit, with the same audit entries, and it validates', async () => {
    const expect200 = new Set(['homeCoordinator', 'homeNurse', 'visitNurse']);
    for (const who of ['homeCoordinator', 'homeNurse', 'visitNurse', 'otherNurse', 'outsiderNurse']) {
      const rest = await audited(() => s[who]!.get(`/api/planning/visits/${visitId}`));
      const response = await s[who]!.get(`/fhir/R4/Encounter/visit-${visitId}`);
      const fhir = await audited(() => s[who]!.get(`/fhir/R4/Encounter/visit-${visitId}`));
      expect(rest.status, who).toBe(expect200.has(who) ? 200 : 404);
      expect(fhir.status, who).toBe(rest.status);
      expect(fhir.entries, who).toEqual(rest.entries);
      expect(fhir.entries, who).toHaveLength(1);
      if (fhir.status === 200) {
        const encounter = response.json<{ status: string; subject: { reference: string }; reasonCode: { text: string }[] }>();
        expect(encounter).toMatchObject({ status: 'planned', subject: { reference: `Patient/${clientA}` }, reasonCode: [{ text: 'Wisselligging' }] });
        validateR4(encounter);
      }
    }
  });

  it('lists the planned visit in an Encounter search for those who may read it, and nothing of it for others', async () => {
    const ids = async (who: string) => (await s[who]!.get(`/fhir/R4/Encounter?patient=Patient/${clientA}`)).json<{ entry?: { resource: { id: string } }[] }>().entry?.map((e) => e.resource.id) ?? [];
    expect(await ids('visitNurse')).toEqual([`visit-${visitId}`]);
    expect(await ids('homeNurse')).toContain(`visit-${visitId}`);
    expect(await ids('otherNurse')).toEqual([]);
  });
});

describe('_lastUpdated', () => {
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const patientIds = async (query: string) => {
    const response = await s.homeCoordinator!.get(`/fhir/R4/Patient?name=Matrix&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ entry?: { resource: { id: string } }[] }>().entry?.map((e) => e.resource.id) ?? [];
  };

  it('filters a Patient search on the record update time with ge, gt, le, lt and a day, and carries the range in its links', async () => {
    expect(await patientIds(`_lastUpdated=ge${day(-1)}`)).toEqual([clientA]);
    expect(await patientIds(`_lastUpdated=gt${day(0)}`)).toEqual([]);
    expect(await patientIds(`_lastUpdated=${day(0)}`)).toEqual([clientA]);
    expect(await patientIds(`_lastUpdated=le${day(-1)}`)).toEqual([]);
    expect(await patientIds(`_lastUpdated=lt${day(1)}`)).toEqual([clientA]);
    expect(await patientIds(`_lastUpdated=ge${day(-1)}&_lastUpdated=lt${day(-1)}`)).toEqual([]);
    // Instants compare exactly; a `+` in the zone is sent encoded, as a query string needs it.
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    expect(await patientIds(`_lastUpdated=ge${at}&_lastUpdated=lt${day(1)}`)).toEqual([clientA]);
    expect(await patientIds(`_lastUpdated=lt${encodeURIComponent(at.replace('Z', '+00:00'))}`)).toEqual([]);
    const bundle = (await s.homeCoordinator!.get(`/fhir/R4/Patient?name=Matrix&_lastUpdated=ge${day(-1)}&_lastUpdated=lt${day(1)}`)).json<{ link: { relation: string; url: string }[] }>();
    expect(new URL(bundle.link[0]?.url ?? '').searchParams.getAll('_lastUpdated')).toEqual([`ge${day(-1)}`, `lt${day(1)}`]);
    const patient = (await s.homeCoordinator!.get(`/fhir/R4/Patient/${clientA}`)).json<{ meta: { lastUpdated: string } }>();
    expect(Date.parse(patient.meta.lastUpdated)).toBeGreaterThan(Date.now() - 86_400_000);
  });

  it('moves with a change to the client, and filters Flags alike; a malformed value is a 400 OperationOutcome', async () => {
    const before = new Date().toISOString();
    expect(await patientIds(`_lastUpdated=gt${before}`)).toEqual([]);
    expect((await s.homeCoordinator!.patch(`/api/clients/${clientA}`, { phone: '+31 591 123456' })).statusCode).toBe(200);
    expect(await patientIds(`_lastUpdated=gt${before}`)).toEqual([clientA]);
    const flags = async (query: string) => (await s.homeNurse!.get(`/fhir/R4/Flag?patient=Patient/${clientA}&${query}`)).json<{ entry?: unknown[] }>().entry?.length ?? 0;
    expect(await flags(`_lastUpdated=gt${before}`)).toBe(1);
    expect(await flags(`_lastUpdated=lt${before}`)).toBe(0);
    const bad = await s.homeCoordinator!.get('/fhir/R4/Patient?_lastUpdated=sa2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });
});
