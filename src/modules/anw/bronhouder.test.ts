import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { anwJson, registerPartnerSystem, type PartnerSystem } from '../../../test/support/anw.js';
import { addUser, closeNightShift, createWorld, openNightShift, validClient, type TestUser, type World } from '../../../test/support/world.js';
import { addTeamMember } from '../alliance/index.js';
import { ZIB } from './stu3/profiles.js';

let t: TestApp;
let world: World;
let regisseur: PartnerSystem;
let homeSystem: PartnerSystem;
let nurse: TestUser;
let otherNurse: TestUser;
let clientId: string;
let otherClientId: string;

const HOME_DID = 'did:nuts:home-care';
const PARTNER_DID = 'did:nuts:partner-care';
const SCOPES = ['system/*.read', 'system/Task.write', 'system/Observation.write'];
type Json = Record<string, unknown> & { entry?: { resource: Record<string, unknown> }[]; issue?: { diagnostics: string }[] };

const anw = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/anw/stu3${url}`, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/fhir+json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });

/** The guide's Task example, its placeholders filled in for this world; the missing status added as the text says. */
function exampleTask(overrides: { patient?: string; practitioner?: string; owner?: string; authorizer?: string; file?: string } = {}): Record<string, unknown> {
  const raw = JSON.stringify(anwJson(overrides.file ?? 'examples-extracted/task-authorization-request.json'))
    .replaceAll('{patientId}', overrides.patient ?? clientId)
    .replaceAll('{DID regiseur}', PARTNER_DID)
    .replaceAll('{DID zorgverlener}', PARTNER_DID)
    .replaceAll('{DID authorizing party}', overrides.authorizer ?? HOME_DID)
    .replaceAll('{DID accessing party}', overrides.owner ?? PARTNER_DID)
    .replaceAll('{practitioner with access Id}', overrides.practitioner ?? nurse.id);
  const task = JSON.parse(raw) as Record<string, unknown> & { restriction: { period: { start: string; end: string } } };
  task.restriction.period = { start: new Date().toISOString(), end: new Date(Date.now() + 72 * 3600_000).toISOString() };
  return { ...task, status: 'requested' };
}

async function nurseToken(system: PartnerSystem, forNurse: TestUser, client: string, scope = 'system/*.read system/Observation.write') {
  return system.token(scope, { on_behalf_of: forNurse.id, patient: client });
}

const fixedQueries = (id: string) => [
  `/Patient?_id=${id}&_include=Patient:general-practitioner&_include:iterate=PractitionerRole:organization`,
  `/Observation?patient=Patient/${id}&_profile=${ZIB.bloodPressure}&_sort=-date&_count=5`,
  `/Observation?patient=${id}&_profile=${ZIB.nursingReport}&_sort=-date&_count=10`,
  `/Observation?patient=${id}&_profile=${ZIB.livingSituation}`,
  `/Flag?patient=${id}&_profile=${ZIB.alert}`,
  `/Consent?patient=${id}&_profile=${ZIB.advanceDirective}`,
  `/AllergyIntolerance?patient=${id}&_profile=${ZIB.allergyIntolerance}`,
];

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const homeAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'home-admin'));
  const partnerAdmin: Session = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'partner-admin'));
  nurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'anw-nurse');
  otherNurse = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'anw-other-nurse');
  regisseur = await registerPartnerSystem(t.app, partnerAdmin, SCOPES);
  homeSystem = await registerPartnerSystem(t.app, homeAdmin, SCOPES);
  await t.db.insertInto('anw_organisation_setting').values([{ organisation_id: world.homeOrg, did: HOME_DID }, { organisation_id: world.partnerOrg, did: PARTNER_DID }]).execute();
  const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coordinator'));
  clientId = (await coordinator.post('/api/clients', validClient({ familyName: 'Anw' }))).json<{ id: string }>().id;
  otherClientId = (await coordinator.post('/api/clients', validClient({ familyName: 'Elsewhere' }))).json<{ id: string }>().id;
  await coordinator.post('/api/clients', validClient({ familyName: 'Daytime', personalAlarm: false, districtNursing: false, alarmAccount: undefined }));
});

describe('ANW Bronhouder: metadata and lists', () => {
  it('publishes an STU3 CapabilityStatement that instantiates the Bronhouder role and covers its contract', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/anw/stu3/metadata' });
    expect(response.statusCode).toBe(200);
    const ours = response.json<{ fhirVersion: string; instantiates: string[]; rest: { resource: { type: string; searchParam?: { name: string }[] }[] }[] }>();
    expect(ours.fhirVersion).toBe('3.0.2');
    expect(ours.instantiates).toEqual(['https://nuts-foundation.github.io/nl-anw-ig/CapabilityStatement-ANWBronhouderCapabilityStatement-v1.1.0.json']);
    const contract = anwJson<{ fhirVersion: string; rest: { resource: { type: string; searchParam?: { name: string }[] }[] }[] }>('generated/CapabilityStatement-ANWBronhouderCapabilityStatement-v1.0.0.json');
    expect(contract.fhirVersion).toBe('3.0.2');
    const served = ours.rest[0]!.resource;
    for (const wanted of contract.rest[0]!.resource) {
      const mine = served.find((r) => r.type === wanted.type);
      expect(mine, wanted.type).toBeDefined();
      for (const param of wanted.searchParam ?? []) expect(mine!.searchParam?.map((p) => p.name), `${wanted.type}?${param.name}`).toContain(param.name);
    }
  });

  it('lists the calling organisation\'s night-care clients and nurses for the ANW-zorg query, and nothing without a token', async () => {
    const { token } = await homeSystem.token('system/Patient.read system/Practitioner.read');
    const clients = (await anw(token!, 'GET', '/Patient?_query=ANW-zorg')).json<Json>();
    const names = clients.entry!.map((e) => (e.resource.name as { family: string }[])[0]!.family);
    expect(names).toEqual(expect.arrayContaining(['Anw', 'Elsewhere']));
    expect(names).not.toContain('Daytime');
    const { token: partnerToken } = await regisseur.token('system/Practitioner.read');
    const staff = (await anw(partnerToken!, 'GET', '/Practitioner?_query=ANW-zorg')).json<Json>();
    expect(staff.entry!.map((e) => e.resource.id)).toEqual(expect.arrayContaining([nurse.id, otherNurse.id]));
    // The partner's system sees no list of another organisation's clients.
    const { token: partnerPatients } = await regisseur.token('system/Patient.read');
    expect((await anw(partnerPatients!, 'GET', '/Patient?_query=ANW-zorg')).json<Json>().entry).toEqual([]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/anw/stu3/Patient?_query=ANW-zorg' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<Json>().resourceType).toBe('OperationOutcome');
  });
});

describe('ANW Bronhouder: the authorization Task and the fixed queries', () => {
  it('accepts the guide\'s Task as ready with a 48-hour grant for exactly that nurse and client, audited', async () => {
    const { token } = await regisseur.token('system/Task.write system/Task.read');
    const response = await anw(token!, 'POST', '/Task', exampleTask());
    expect(response.statusCode, response.body).toBe(201);
    const task = response.json<{ id: string; status: string; output: { type: { coding: { code: string }[] }; valueString: string }[]; input: { valueReference: { reference: string } }[] }>();
    expect(task.status).toBe('ready');
    expect(task.output[0]!.type.coding[0]!.code).toBe('vc-id');
    expect(task.input[0]!.valueReference.reference).toMatch(new RegExp(`/anw/stu3/Location/${clientId}-house-access$`));
    const grant = await t.db.selectFrom('access_grant').selectAll().where('id', '=', task.output[0]!.valueString).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ kind: 'assignment', purpose: 'nightcare', client_id: clientId, user_id: nurse.id, organisation_id: world.partnerOrg, reference: `anw-task:${task.id}` });
    const hours = (grant.expires_at.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'resource', 'outcome', 'grant_id', 'organisation_id']).where('client_id', '=', clientId).where('resource', '=', 'access_grant').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'create', outcome: 'allowed', grant_id: grant.id, organisation_id: world.partnerOrg });
    const read = (await anw(token!, 'GET', `/Task/${task.id}`)).json<{ status: string }>();
    expect(read.status).toBe('ready');
  });

  it('answers every query of the list to the nurse\'s token, and the house access only under the grant', async () => {
    const { token } = await nurseToken(regisseur, nurse, clientId, 'system/*.read');
    expect(token).toBeDefined();
    const [patient, bloodPressure, reports, living, flags, wishes, allergies] = await Promise.all(fixedQueries(clientId).map((url) => anw(token!, 'GET', url)));
    for (const r of [patient, bloodPressure, reports, living, flags, wishes, allergies]) expect(r!.statusCode, r!.body).toBe(200);
    const p = patient!.json<Json>().entry![0]!.resource;
    expect(p).toMatchObject({ resourceType: 'Patient', id: clientId, birthDate: '1938-03-14' });
    expect(flags!.json<Json>().entry!.map((e) => e.resource.code)).toEqual([expect.objectContaining({ coding: [expect.objectContaining({ code: 'fall_risk' })] })]);
    expect(allergies!.json<Json>().entry![0]!.resource).toMatchObject({ verificationStatus: 'unconfirmed', code: { text: 'Penicillin' } });
    expect(wishes!.json<Json>().entry![0]!.resource).toMatchObject({ resourceType: 'Consent', status: 'active' });
    const location = await anw(token!, 'GET', `/Location/${clientId}-house-access`);
    expect(location.statusCode, location.body).toBe(200);
    expect(location.json<{ description: string }>().description).toBe('Left of the front door: 4321');
    const reveal = await t.db.selectFrom('audit_log').select(['outcome', 'user_id']).where('client_id', '=', clientId).where('action', '=', 'reveal').executeTakeFirstOrThrow();
    expect(reveal).toMatchObject({ outcome: 'allowed', user_id: nurse.id });
    // A system token (no nurse, no grant) gets no house access.
    const { token: system } = await regisseur.token('system/Location.read');
    expect((await anw(system!, 'GET', `/Location/${clientId}-house-access`)).statusCode).toBe(404);
  });

  it('refuses any request off the list: an extra parameter, an _include, a wider count, a missing parameter', async () => {
    const { token } = await nurseToken(regisseur, nurse, clientId, 'system/*.read');
    const off = [
      `/Flag?patient=${clientId}&_profile=${ZIB.alert}&_include=Flag:author`,
      `/Flag?patient=${clientId}`,
      `/Observation?patient=${clientId}&_profile=${ZIB.nursingReport}&_sort=-date&_count=50`,
      `/Observation?patient=${clientId}&_profile=${ZIB.bloodPressure}&_sort=-date&_count=5&_format=json`,
      `/Patient?_id=${clientId}`,
      `/Patient?_id=${clientId}&_include=Patient:general-practitioner&_include:iterate=PractitionerRole:organization&_revinclude=Observation:subject`,
      `/AllergyIntolerance?patient=${clientId}&patient=${otherClientId}&_profile=${ZIB.allergyIntolerance}`,
    ];
    for (const url of off) {
      const response = await anw(token!, 'GET', url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<Json>().resourceType).toBe('OperationOutcome');
    }
  });

  it('refuses the wrong nurse: a Task naming someone else\'s staff, a token for an unassigned nurse, another client', async () => {
    const { token } = await regisseur.token('system/Task.write');
    const homeNurse = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'home-nurse');
    expect((await anw(token!, 'POST', '/Task', exampleTask({ practitioner: homeNurse.id }))).statusCode).toBe(400);
    // Access for another organisation's nurse is the owner's to ask.
    expect((await anw(token!, 'POST', '/Task', exampleTask({ owner: HOME_DID }))).statusCode).toBe(403);
    // The data owner named wrongly reads as an unknown client, audited as refused.
    expect((await anw(token!, 'POST', '/Task', exampleTask({ authorizer: 'did:nuts:nobody' }))).statusCode).toBe(404);
    const unassigned = await nurseToken(regisseur, otherNurse, clientId);
    expect(unassigned.body).toMatchObject({ error: 'invalid_grant' });
    const { token: bound } = await nurseToken(regisseur, nurse, clientId, 'system/*.read');
    expect((await anw(bound!, 'GET', `/Flag?patient=${otherClientId}&_profile=${ZIB.alert}`)).statusCode).toBe(404);
  });

  it('writes back a nursing report and a blood pressure that the list then returns, and refuses an invalid one', async () => {
    const { token } = await nurseToken(regisseur, nurse, clientId);
    const report = { resourceType: 'Observation', meta: { profile: [ZIB.nursingReport] }, status: 'final', subject: { reference: `Patient/${clientId}` }, effectiveDateTime: new Date().toISOString(), valueString: 'Helped to bed, slept well.' };
    const written = await anw(token!, 'POST', '/Observation', report);
    expect(written.statusCode, written.body).toBe(201);
    const pressure = {
      resourceType: 'Observation',
      meta: { profile: [ZIB.bloodPressure] },
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: `Patient/${clientId}` },
      effectiveDateTime: new Date().toISOString(),
      component: [
        { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 132, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
        { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 84, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
      ],
    };
    expect((await anw(token!, 'POST', '/Observation', pressure)).statusCode).toBe(201);
    const [, bp, reports] = await Promise.all(fixedQueries(clientId).slice(0, 3).map((url) => anw(token!, 'GET', url)));
    expect(reports!.json<Json>().entry!.map((e) => e.resource.valueString)).toEqual(['Helped to bed, slept well.']);
    expect(bp!.json<Json>().entry![0]!.resource.component).toHaveLength(2);
    const stored = await t.db.selectFrom('anw_observation').select(['written_by', 'written_by_organisation_id', 'organisation_id']).where('client_id', '=', clientId).where('kind', '=', 'nursing_report').executeTakeFirstOrThrow();
    expect(stored).toEqual({ written_by: nurse.id, written_by_organisation_id: world.partnerOrg, organisation_id: world.homeOrg });
    const bad = await anw(token!, 'POST', '/Observation', { ...report, valueString: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Json>().resourceType).toBe('OperationOutcome');
    // A report on another client, or from a token without the nurse, is refused.
    expect((await anw(token!, 'POST', '/Observation', { ...report, subject: { reference: `Patient/${otherClientId}` } })).statusCode).toBe(404);
    const { token: system } = await regisseur.token('system/Observation.write');
    expect((await anw(system!, 'POST', '/Observation', report)).statusCode).toBe(403);
  });

  it('closes with the grant: an expired grant refuses the token already issued and any new one', async () => {
    const { token: taskToken } = await regisseur.token('system/Task.write system/Task.read');
    const task = (await anw(taskToken!, 'POST', '/Task', exampleTask({ patient: otherClientId, practitioner: otherNurse.id }))).json<{ id: string; output: { valueString: string }[] }>();
    const { token } = await nurseToken(regisseur, otherNurse, otherClientId, 'system/*.read');
    expect((await anw(token!, 'GET', `/Flag?patient=${otherClientId}&_profile=${ZIB.alert}`)).statusCode).toBe(200);
    await t.db.updateTable('access_grant').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', task.output[0]!.valueString).execute();
    const refused = await anw(token!, 'GET', `/Flag?patient=${otherClientId}&_profile=${ZIB.alert}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json<Json>().resourceType).toBe('OperationOutcome');
    expect((await nurseToken(regisseur, otherNurse, otherClientId)).body).toMatchObject({ error: 'invalid_grant' });
    expect((await anw(taskToken!, 'GET', `/Task/${task.id}`)).json<{ status: string }>().status).toBe('completed');
  });
});

describe('ANW Bronhouder: break the glass', () => {
  const btg = (reason: string | undefined, patient: string, practitioner: TestUser) => ({
    ...exampleTask({ file: 'examples-extracted/task-btg-authorization-request.json', patient, practitioner: practitioner.id }),
    reason: reason === undefined ? undefined : { text: reason },
  });

  it('takes the BTG Task from the nurse\'s system with a reason, as ours: a night-shift grant queued for review, no house access', async () => {
    const onDuty = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'btg-nurse');
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: onDuty.id, organisationId: world.partnerOrg });
    const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'btg-coordinator'));
    const client = (await coordinator.post('/api/clients', validClient({ familyName: 'Glass' }))).json<{ id: string }>().id;
    const { token } = await regisseur.token('system/Task.write');
    await openNightShift(t.db, world.allianceId);
    const withoutReason = await anw(token!, 'POST', '/Task', btg(undefined, client, onDuty));
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json<Json>().issue![0]!.diagnostics).toMatch(/ANW authorization request/);
    const response = await anw(token!, 'POST', '/Task', btg('Client fell, home organisation unreachable', client, onDuty));
    expect(response.statusCode, response.body).toBe(201);
    const grantId = response.json<{ output: { valueString: string }[] }>().output[0]!.valueString;
    const grant = await t.db.selectFrom('access_grant').selectAll().where('id', '=', grantId).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ kind: 'emergency', review_status: 'pending', user_id: onDuty.id, reason: 'Client fell, home organisation unreachable' });
    expect((grant.expires_at.getTime() - Date.now()) / 3600_000).toBeLessThanOrEqual(8);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'user_id', 'user_name', 'outcome']).where('grant_id', '=', grantId).where('action', '=', 'emergency_access').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ user_id: onDuty.id, outcome: 'allowed' });
    expect(audit.user_name).toMatch(/via fhir-client:Partner ECD/);
    const { token: bound } = await nurseToken(regisseur, onDuty, client, 'system/*.read');
    expect((await anw(bound!, 'GET', `/Flag?patient=${client}&_profile=${ZIB.alert}`)).statusCode).toBe(200);
    expect((await anw(bound!, 'GET', `/Location/${client}-house-access`)).statusCode).toBe(404);
  });

  it('refuses break the glass to a nurse off duty, as an unknown client', async () => {
    const offDuty = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'btg-off');
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: offDuty.id, organisationId: world.partnerOrg });
    await closeNightShift(t.db, world.allianceId);
    const { token } = await regisseur.token('system/Task.write');
    expect((await anw(token!, 'POST', '/Task', btg('Client fell, home organisation unreachable', clientId, offDuty))).statusCode).toBe(404);
    const refused = await t.db.selectFrom('audit_log').select('outcome').where('user_id', '=', offDuty.id).where('action', '=', 'emergency_access').executeTakeFirstOrThrow();
    expect(refused.outcome).toBe('refused');
  });
});
