import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Session, type TestApp } from '../../../../test/support/app.js';
import { addUser, createWorld, type TestUser, type World } from '../../../../test/support/world.js';
import { SYSTEM } from '../resource.js';
import { importLimits, sweepImports } from './plugin.js';
import { HOUSE_ACCESS_EXTENSION } from './map-client.js';

/** Issue 17 item 5: an organisation loads its clients from its own system's FHIR endpoint, on a schedule, as the CSV update does. */

const NUMBERS = 'https://ecd.example/fhir/sid/client-number';
const TOKEN = 'ecd-secret-token-1234';
/** Small pages, so every sync follows next links. */
const PAGE = 2;

type Resource = { resourceType: string; id: string } & Record<string, unknown>;

/** The partner's record system: a FHIR server on loopback serving paged Bundles, behind a bearer token (or client credentials). */
class FakeEcd {
  patients: Resource[] = [];
  related: Resource[] = [];
  locations: Resource[] = [];
  down = false;
  requests = 0;
  /** Misbehaviours the import's guard must stop: a redirect elsewhere, a slow answer, an endless one. */
  redirectTo: string | undefined;
  delayMs = 0;
  paddingBytes = 0;
  server: FastifyInstance = Fastify();
  url = '';

  async start() {
    this.server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    this.server.post('/token', async (request, reply) => {
      const basic = Buffer.from(`ecd-client:${encodeURIComponent('client-secret')}`).toString('base64');
      if (request.headers.authorization !== `Basic ${basic}` || !String(request.body).includes('grant_type=client_credentials')) return reply.status(401).send({ error: 'invalid_client' });
      return { access_token: TOKEN, token_type: 'bearer', expires_in: 300 };
    });
    this.server.get<{ Querystring: Record<string, string> }>('/fhir/:type', async (request, reply) => {
      this.requests++;
      if (this.down) return reply.status(503).send({ resourceType: 'OperationOutcome', issue: [] });
      if (this.redirectTo) return reply.redirect(this.redirectTo, 302);
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (this.paddingBytes) return { ...this.bundle([], []), padding: 'x'.repeat(this.paddingBytes) };
      if (request.headers.authorization !== `Bearer ${TOKEN}`) return reply.status(401).send({});
      const { type } = request.params as { type: string };
      if (type === 'Location') {
        const ids = (request.query._id ?? '').split(',');
        return this.bundle(this.locations.filter((l) => ids.includes(l.id)), []);
      }
      const offset = Number(request.query._offset ?? 0);
      const page = this.patients.slice(offset, offset + PAGE);
      const included = this.related.filter((r) => page.some((p) => JSON.stringify(r).includes(`Patient/${p.id}"`)));
      const next = offset + PAGE < this.patients.length ? `${this.url}/fhir/Patient?_count=${PAGE}&_offset=${offset + PAGE}` : undefined;
      return this.bundle(page, included, next);
    });
    this.url = await this.server.listen({ host: '127.0.0.1', port: 0 });
  }

  bundle(matches: Resource[], included: Resource[], next?: string) {
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      link: next ? [{ relation: 'next', url: next }] : [],
      entry: [...matches.map((resource) => ({ resource, search: { mode: 'match' } })), ...included.map((resource) => ({ resource, search: { mode: 'include' } }))],
    };
  }
}

const patient = (n: number, overrides: Record<string, unknown> = {}): Resource => ({
  resourceType: 'Patient',
  id: `p${n}`,
  identifier: [{ system: NUMBERS, value: `E-${n}` }],
  active: true,
  name: [{ use: 'official', family: `Sync${n}`, given: ['Geesje'] }],
  birthDate: '1940-05-06',
  telecom: [{ system: 'phone', value: '+31 528 123456', use: 'home' }],
  address: [{ use: 'home', line: [`Esweg ${n}`], postalCode: '7921 AB', city: 'Zuidwolde', district: 'De Wolden' }],
  ...overrides,
});

const flag = (n: number, risk: string): Resource => ({
  resourceType: 'Flag',
  id: `f${n}-${risk.replaceAll('_', '-')}`,
  status: 'active',
  code: { coding: [{ system: SYSTEM.risk, code: risk }] },
  subject: { reference: `Patient/p${n}` },
});

let t: TestApp;
let world: World;
let ecd: FakeEcd;
let admin: Session;
let adminUser: TestUser;

type Run = { status: string; created: number; updated: number; ended: number; unchanged: number; errors: { reference?: string; clientNumber?: string; code: string; message: string }[] };

const clientOf = (organisationId: string, n: number) => t.db.selectFrom('client').selectAll().where('organisation_id', '=', organisationId).where('client_number', '=', `E-${n}`).executeTakeFirst();
const runNow = async (session = admin) => {
  const response = await session.post('/api/fhir-import/run');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Run>();
};
type SourceFailure = { code: string; message: string; details: { reason: string; runId: string } };

/**
 * "Sync now" against a source that could not be read: an error status (not a 200 with a failed report),
 * whose details name the reason and the run, and that run kept in the history with the same reason.
 */
async function sourceFailure(session: Session, status: number): Promise<{ failure: SourceFailure; run: Run & { id: string } }> {
  const response = await session.post('/api/fhir-import/run');
  expect(response.statusCode, response.body).toBe(status);
  const failure = response.json<{ error: SourceFailure }>().error;
  const run = (await session.get('/api/fhir-import')).json<{ runs: (Run & { id: string })[] }>().runs[0]!;
  expect(failure.details.runId).toBe(run.id);
  expect(failure.details.reason).toBe(run.errors[0]?.code);
  expect(failure.message).toBe(run.errors[0]?.message);
  return { failure, run };
}

const configure = (session: Session, body: Record<string, unknown> = {}) =>
  session.put('/api/fhir-import/source', { baseUrl: `${ecd.url}/fhir`, clientNumberSystem: NUMBERS, auth: { kind: 'bearer', token: TOKEN }, intervalMinutes: 30, ...body });

/** The fake ECD listens on loopback: the server must allow private addresses (FHIR_IMPORT_ALLOW_PRIVATE) and the alliance list the host. */
const LOOPBACK = { allowPrivate: true };

beforeAll(async () => {
  t = await startTestApp({ fhirImport: { allowHttp: true, sweep: false, limits: LOOPBACK } });
  world = await createWorld(t.db);
  adminUser = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'admin');
  admin = await login(t.app, adminUser);
  const allianceAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'alliance-admin'));
  expect((await allianceAdmin.put('/api/fhir-import/allowed-hosts', { hosts: ['127.0.0.1'] })).statusCode).toBe(200);
  ecd = new FakeEcd();
  await ecd.start();
  ecd.patients = [
    patient(1, { extension: [{ url: HOUSE_ACCESS_EXTENSION, valueReference: { reference: `${ecd.url}/fhir/Location/101` } }], contact: [{ relationship: [{ text: 'zoon' }], name: { text: 'Roelof Sync' }, telecom: [{ system: 'phone', value: '+31612345678' }] }] }),
    patient(2, { identifier: [{ system: NUMBERS, value: 'E-2' }, { system: SYSTEM.alarmAccount, value: 'a1b2c3' }] }),
    patient(3),
  ];
  ecd.related = [
    flag(1, 'fall_risk'),
    flag(1, 'dementia'),
    { resourceType: 'Flag', id: 'other-code', status: 'active', code: { coding: [{ system: 'https://ecd.example/flags', code: 'x' }] }, subject: { reference: 'Patient/p1' } },
    { resourceType: 'AllergyIntolerance', id: 'a1', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, code: { text: 'Penicilline' }, patient: { reference: 'Patient/p1' } },
    {
      resourceType: 'Consent',
      id: 'c1',
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'adr' }] },
      category: [{ text: 'Niet reanimeren' }],
      patient: { reference: 'Patient/p1' },
      policyRule: { text: 'Wilsverklaring' },
    },
    { resourceType: 'RelatedPerson', id: 'r1', patient: { reference: 'Patient/p1' }, relationship: [{ text: 'dochter' }], name: [{ text: 'Anna Sync' }], telecom: [{ system: 'phone', value: '+31687654321' }] },
  ];
  ecd.locations = [{ resourceType: 'Location', id: '101', description: 'Sleutel onder de tuinkabouter' }];
  const configured = await configure(admin);
  expect(configured.statusCode, configured.body).toBe(200);
});

afterAll(async () => {
  await ecd.server.close();
});

describe('the FHIR endpoint set-up', () => {
  it('keeps the secret sealed and never returns it, and is for the organisation administrator only', async () => {
    const answer = await admin.get('/api/fhir-import');
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain(TOKEN);
    expect(answer.json<{ source: { auth: { kind: string; hasSecret: boolean } } }>().source.auth).toMatchObject({ kind: 'bearer', hasSecret: true });
    const stored = await t.db.selectFrom('fhir_import_source').select('secret_enc').where('organisation_id', '=', world.homeOrg).executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(TOKEN);
    const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coord'));
    expect((await coordinator.get('/api/fhir-import')).statusCode).toBe(403);
    expect((await configure(coordinator)).statusCode).toBe(403);
  });

  it('refuses a plain-http endpoint unless the server allows it, and bearer authentication without a token', async () => {
    const other = await startTestApp({ fhirImport: { sweep: false } });
    try {
      const otherWorld = await createWorld(other.db);
      const otherAdmin = await login(other.app, await addUser(other.db, other.deps.secretBox, otherWorld.homeOrg, ['organisation_admin'], 'admin'));
      const refused = await otherAdmin.put('/api/fhir-import/source', { baseUrl: 'http://ecd.example/fhir', clientNumberSystem: NUMBERS, auth: { kind: 'none' } });
      expect(refused.statusCode).toBe(400);
      const noToken = await otherAdmin.put('/api/fhir-import/source', { baseUrl: 'https://ecd.example/fhir', clientNumberSystem: NUMBERS, auth: { kind: 'bearer' } });
      expect(noToken.statusCode).toBe(400);
    } finally {
      await other.app.close();
    }
  });
});

describe('a sync from the FHIR endpoint', () => {
  it('creates the clients of every page with the night summary from their Flags, AllergyIntolerances, Consents, RelatedPersons and house access, audited under the administrator', async () => {
    const run = await runNow();
    expect(run).toMatchObject({ status: 'ok', created: 3, updated: 0, ended: 0, errors: [] });
    const first = await clientOf(world.homeOrg, 1);
    expect(first).toMatchObject({ given_name: 'Geesje', family_name: 'Sync1', street: 'Esweg', house_number: '1', postcode: '7921 AB', municipality: 'De Wolden', district_nursing: true, personal_alarm: false, key_safe_location: 'Sleutel onder de tuinkabouter' });
    expect(first?.night_summary).toMatchObject({ risks: ['fall_risk', 'dementia'], allergies: 'Penicilline', wishes: 'Niet reanimeren' });
    const contacts = await t.db.selectFrom('client_contact').select(['name', 'relation']).where('client_id', '=', first?.id ?? '').orderBy('position').execute();
    expect(contacts.map((c) => [c.name, c.relation])).toEqual([
      ['Roelof Sync', 'zoon'],
      ['Anna Sync', 'dochter'],
    ]);
    expect(await clientOf(world.homeOrg, 2)).toMatchObject({ personal_alarm: true, alarm_account: 'A1B2C3' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'user_id']).where('client_id', '=', first?.id ?? '').execute();
    expect(audit).toContainEqual({ action: 'import', user_id: adminUser.id });
  });

  it('updates a changed Patient, leaves an unchanged one alone and ends care for one no longer listed or listed inactive', async () => {
    const before = await clientOf(world.homeOrg, 1);
    const saved = ecd.patients;
    ecd.patients = [saved[0] as Resource, patient(2, { identifier: [{ system: NUMBERS, value: 'E-2' }, { system: SYSTEM.alarmAccount, value: 'a1b2c3' }], address: [{ use: 'home', line: ['Brink 7a'], postalCode: '7921 AB', city: 'Zuidwolde', district: 'De Wolden' }] }), patient(4), patient(5, { active: false })];
    try {
      const run = await runNow();
      expect(run).toMatchObject({ status: 'ok', created: 1, updated: 1, unchanged: 1, ended: 1 });
      expect(await clientOf(world.homeOrg, 2)).toMatchObject({ street: 'Brink', house_number: '7a' });
      expect((await clientOf(world.homeOrg, 1))?.updated_at).toEqual(before?.updated_at);
      expect((await clientOf(world.homeOrg, 3))?.care_ended_on).toBe(new Date().toISOString().slice(0, 10));
      expect(await clientOf(world.homeOrg, 5)).toBeUndefined();
    } finally {
      ecd.patients = saved;
    }
    // Listed again: care resumes, as with a CSV file.
    const back = await runNow();
    expect(back).toMatchObject({ status: 'ok', updated: 2 });
    expect((await clientOf(world.homeOrg, 3))?.care_ended_on).toBeNull();
  });

  it('reports a Patient whose resources fail validation and leaves that client as it was, neither updated nor ended', async () => {
    const saved = { patients: ecd.patients, related: ecd.related };
    // Flag.code is required (1..1) in R4; the Patient's new street must not arrive without it.
    ecd.patients = ecd.patients.map((p) => (p.id === 'p3' ? patient(3, { address: [{ use: 'home', line: ['Nieuweweg 1'], postalCode: '7921 AB', city: 'Zuidwolde', district: 'De Wolden' }] }) : p));
    ecd.related = [...ecd.related, { resourceType: 'Flag', id: 'broken', status: 'active', subject: { reference: 'Patient/p3' } }];
    const noNumber = patient(6, { identifier: [] });
    const noMunicipality = patient(7, { address: [{ use: 'home', line: ['Esweg 7'], postalCode: '7921 AB', city: 'Zuidwolde' }] });
    ecd.patients = [...ecd.patients, noNumber, noMunicipality];
    try {
      const run = await runNow();
      expect(run.status).toBe('partial');
      expect(run.ended).toBe(0);
      expect(run.errors.map((e) => [e.reference, e.code])).toEqual([
        ['Patient/p3', 'invalid_resource'],
        ['Patient/p6', 'no_client_number'],
        ['Patient/p7', 'invalid_client'],
      ]);
      expect(run.errors[0]?.message).toContain('Flag/broken');
      const third = await clientOf(world.homeOrg, 3);
      expect(third).toMatchObject({ street: 'Esweg', care_ended_on: null });
      expect(await clientOf(world.homeOrg, 7)).toBeUndefined();
    } finally {
      Object.assign(ecd, saved);
    }
  });

  it('changes nothing and reports the error when the endpoint is down or refuses the credentials', async () => {
    const count = async () => Number((await t.db.selectFrom('client').select((eb) => eb.fn.countAll<string>().as('n')).where('organisation_id', '=', world.homeOrg).where('care_ended_on', 'is', null).executeTakeFirstOrThrow()).n);
    const before = await count();
    ecd.down = true;
    try {
      const { failure, run } = await sourceFailure(admin, 502);
      expect(failure.code).toBe('SOURCE_FAILED');
      expect(run).toMatchObject({ status: 'failed', created: 0, updated: 0, ended: 0, errors: [{ code: 'http_error' }] });
    } finally {
      ecd.down = false;
    }
    expect(await count()).toBe(before);
    expect((await configure(admin, { auth: { kind: 'bearer', token: 'wrong-token' } })).statusCode).toBe(200);
    try {
      expect((await sourceFailure(admin, 502)).run).toMatchObject({ status: 'failed', errors: [{ code: 'auth_failed' }] });
    } finally {
      await configure(admin);
    }
    await ecd.server.close();
    const closed = (await sourceFailure(admin, 502)).run;
    expect(closed).toMatchObject({ status: 'failed', errors: [{ code: 'unreachable' }] });
    expect(await count()).toBe(before);
    const report = (await admin.get('/api/fhir-import')).json<{ runs: Run[] }>();
    expect(report.runs[0]).toMatchObject({ status: 'failed' });
    ecd = Object.assign(new FakeEcd(), { patients: ecd.patients, related: ecd.related, locations: ecd.locations });
    await ecd.start();
    await configure(admin);
  });

  it('signs in with client credentials and runs once per due source however many sweeps run at once', async () => {
    const saved = await configure(admin, { auth: { kind: 'client_credentials', tokenUrl: `${ecd.url}/token`, clientId: 'ecd-client', clientSecret: 'client-secret' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain('client-secret');
    const runsBefore = (await t.db.selectFrom('fhir_import_run').select('id').where('organisation_id', '=', world.homeOrg).execute()).length;
    const swept = await Promise.all([sweepImports(t.deps, importLimits({ limits: LOOPBACK })), sweepImports(t.deps, importLimits({ limits: LOOPBACK })), sweepImports(t.deps, importLimits({ limits: LOOPBACK }))]);
    expect(swept.reduce((a, b) => a + b, 0)).toBe(1);
    const runs = await t.db.selectFrom('fhir_import_run').selectAll().where('organisation_id', '=', world.homeOrg).orderBy('started_at', 'desc').execute();
    expect(runs.length).toBe(runsBefore + 1);
    expect(runs[0]).toMatchObject({ status: 'ok', unchanged: 3 });
    // Not due again until its interval has passed.
    expect(await sweepImports(t.deps, importLimits({ limits: LOOPBACK }))).toBe(0);
    expect(await sweepImports(t.deps, importLimits({ limits: LOOPBACK }), new Date(Date.now() + 31 * 60_000))).toBe(1);
  });
});

describe('organisations apart', () => {
  it("never touches another organisation's clients with the same client numbers, and shows its reports to its own administrator only", async () => {
    const partnerAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['organisation_admin'], 'partner-admin'));
    expect((await partnerAdmin.get('/api/fhir-import')).json<{ source: unknown; runs: unknown[] }>()).toEqual({ source: null, runs: [] });
    expect((await partnerAdmin.post('/api/fhir-import/run')).statusCode).toBe(404);
    // The partner has its own clients under the same numbers; the home organisation's sync ends one of its own.
    const partnerCoordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'partner-coord'));
    const csv = ['client_number;given_name;family_name;date_of_birth;street;house_number;postcode;city;municipality;district_nursing', 'E-1;Partner;One;1939-01-01;Dorpsstraat;1;7921 AB;Zuidwolde;De Wolden;ja', 'E-9;Partner;Nine;1939-01-01;Dorpsstraat;9;7921 AB;Zuidwolde;De Wolden;ja'].join('\n');
    expect((await partnerCoordinator.post('/api/clients/import', csv, { 'content-type': 'text/csv' })).statusCode).toBe(200);
    const partnerBefore = await t.db.selectFrom('client').selectAll().where('organisation_id', '=', world.partnerOrg).orderBy('client_number').execute();
    const saved = ecd.patients;
    ecd.patients = [patient(1, { name: [{ family: 'Renamed', given: ['Geesje'] }] })];
    try {
      const run = await runNow();
      expect(run).toMatchObject({ status: 'ok', updated: 1, ended: 2 });
    } finally {
      ecd.patients = saved;
    }
    const partnerAfter = await t.db.selectFrom('client').selectAll().where('organisation_id', '=', world.partnerOrg).orderBy('client_number').execute();
    expect(partnerAfter).toEqual(partnerBefore);
    expect(await clientOf(world.homeOrg, 1)).toMatchObject({ family_name: 'Renamed' });
    await runNow();
  });
});

describe('the guard against pointing the sync elsewhere (SSRF)', () => {
  type Refusal = { error: { code: string; message: string; fields?: { path: string; code: string; message: string }[] } };

  it('keeps the allowed hosts per alliance, set by its alliance administrator only', async () => {
    expect((await admin.put('/api/fhir-import/allowed-hosts', { hosts: ['evil.example'] })).statusCode).toBe(403);
    expect((await admin.get('/api/fhir-import/allowed-hosts')).json()).toEqual({ hosts: ['127.0.0.1'] });
    const other = await createWorld(t.db);
    const otherAlliance = await login(t.app, await addUser(t.db, t.deps.secretBox, other.homeOrg, ['alliance_admin'], 'other-alliance-admin'));
    expect((await otherAlliance.get('/api/fhir-import/allowed-hosts')).json()).toEqual({ hosts: [] });
    expect((await otherAlliance.put('/api/fhir-import/allowed-hosts', { hosts: ['not a host'] })).statusCode).toBe(400);
  });

  it('refuses an endpoint whose host is not on the alliance list, saying so', async () => {
    const refused = await configure(admin, { baseUrl: 'https://ecd.elsewhere.example/fhir' });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<Refusal>();
    expect(body.error.message).toContain("ecd.elsewhere.example is not on the alliance's list");
    expect(body.error.fields).toEqual([{ path: 'baseUrl', code: 'host_not_allowed', message: 'ecd.elsewhere.example' }]);
    const tokenElsewhere = await configure(admin, { auth: { kind: 'client_credentials', tokenUrl: 'https://login.elsewhere.example/token', clientId: 'c', clientSecret: 's' } });
    expect(tokenElsewhere.json<Refusal>().error.fields).toEqual([{ path: 'auth.tokenUrl', code: 'host_not_allowed', message: 'login.elsewhere.example' }]);
    expect((await t.db.selectFrom('fhir_import_source').select('base_url').where('organisation_id', '=', world.homeOrg).executeTakeFirstOrThrow()).base_url).toBe(`${ecd.url}/fhir`);
  });

  it('refuses the run (and the sweep reports it) once the alliance has taken the host off its list', async () => {
    const allianceAdmin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['alliance_admin'], 'alliance-admin-2'));
    await allianceAdmin.put('/api/fhir-import/allowed-hosts', { hosts: [] });
    const requests = ecd.requests;
    try {
      const refused = await admin.post('/api/fhir-import/run');
      expect(refused.statusCode).toBe(400);
      expect(refused.json<Refusal>().error.fields?.[0]?.code).toBe('host_not_allowed');
      await t.db.updateTable('fhir_import_source').set({ next_run_at: new Date(0) }).where('organisation_id', '=', world.homeOrg).execute();
      expect(await sweepImports(t.deps, importLimits({ limits: LOOPBACK }))).toBe(1);
      const run = await t.db.selectFrom('fhir_import_run').select(['status', 'errors']).where('organisation_id', '=', world.homeOrg).orderBy('started_at', 'desc').executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'failed', errors: [{ code: 'host_not_allowed' }] });
      expect(ecd.requests).toBe(requests);
    } finally {
      await allianceAdmin.put('/api/fhir-import/allowed-hosts', { hosts: ['127.0.0.1'] });
    }
  });

  it('refuses private, loopback and link-local addresses, also by name after DNS resolution, unless the server allows them', async () => {
    const strict = await startTestApp({ fhirImport: { allowHttp: true, sweep: false } });
    try {
      const strictWorld = await createWorld(strict.db);
      const strictAdmin = await login(strict.app, await addUser(strict.db, strict.deps.secretBox, strictWorld.homeOrg, ['organisation_admin'], 'admin'));
      const allianceAdmin = await login(strict.app, await addUser(strict.db, strict.deps.secretBox, strictWorld.homeOrg, ['alliance_admin'], 'alliance-admin'));
      await allianceAdmin.put('/api/fhir-import/allowed-hosts', { hosts: ['127.0.0.1', 'localhost', '169.254.169.254', '10.1.2.3'] });
      for (const [url, host] of [[`${ecd.url}/fhir`, '127.0.0.1'], ['http://localhost:9/fhir', 'localhost'], ['http://169.254.169.254/latest', '169.254.169.254'], ['https://10.1.2.3/fhir', '10.1.2.3']]) {
        const refused = await strictAdmin.put('/api/fhir-import/source', { baseUrl: url, clientNumberSystem: NUMBERS, auth: { kind: 'none' } });
        expect(refused.statusCode, url).toBe(400);
        expect(refused.json<Refusal>().error.fields, url).toEqual([{ path: 'baseUrl', code: 'private_address', message: host }]);
        expect(refused.json<Refusal>().error.message).toContain('private, loopback or link-local');
      }
    } finally {
      await strict.app.close();
    }
  });

  describe('a source that misbehaves during the run', () => {
    let limited: TestApp;
    let limitedAdmin: Session;
    beforeAll(async () => {
      limited = await startTestApp({ fhirImport: { allowHttp: true, sweep: false, limits: { allowPrivate: true, maxResponseBytes: 64 * 1024, requestTimeoutMs: 400 } } });
      const limitedWorld = await createWorld(limited.db);
      limitedAdmin = await login(limited.app, await addUser(limited.db, limited.deps.secretBox, limitedWorld.homeOrg, ['organisation_admin'], 'admin'));
      const allianceAdmin = await login(limited.app, await addUser(limited.db, limited.deps.secretBox, limitedWorld.homeOrg, ['alliance_admin'], 'alliance-admin'));
      await allianceAdmin.put('/api/fhir-import/allowed-hosts', { hosts: ['127.0.0.1'] });
      expect((await configure(limitedAdmin)).statusCode).toBe(200);
    });
    afterAll(async () => limited.app.close());

    it('follows no redirect, not even one to another host, and answers 502 with the failed run kept in the history', async () => {
      ecd.redirectTo = 'http://169.254.169.254/latest/meta-data/';
      try {
        const { failure, run } = await sourceFailure(limitedAdmin, 502);
        expect(failure).toMatchObject({ code: 'SOURCE_FAILED', details: { reason: 'redirect' } });
        expect(run).toMatchObject({ status: 'failed', created: 0, errors: [{ code: 'redirect' }] });
        expect(run.errors[0]!.message).toContain('redirects are not followed');
      } finally {
        ecd.redirectTo = undefined;
      }
    });

    it('stops reading an answer larger than the limit, and answers 502', async () => {
      ecd.paddingBytes = 200 * 1024;
      try {
        const { failure, run } = await sourceFailure(limitedAdmin, 502);
        expect(failure).toMatchObject({ code: 'SOURCE_FAILED', details: { reason: 'too_large' } });
        expect(run).toMatchObject({ status: 'failed', errors: [{ code: 'too_large' }] });
        expect(run.errors[0]!.message).toContain(`more than ${64 * 1024} bytes`);
      } finally {
        ecd.paddingBytes = 0;
      }
    });

    it('gives up on an answer slower than the limit, and answers 504', async () => {
      ecd.delayMs = 1500;
      const started = Date.now();
      try {
        const { failure, run } = await sourceFailure(limitedAdmin, 504);
        expect(failure).toMatchObject({ code: 'SOURCE_TIMEOUT', details: { reason: 'timeout' } });
        expect(run).toMatchObject({ status: 'failed', errors: [{ code: 'timeout' }] });
        expect(Date.now() - started).toBeLessThan(1400);
      } finally {
        ecd.delayMs = 0;
      }
    });

    it('logs the same reason when the scheduled sync meets such a source, and keeps the run in the history', async () => {
      const logged: { fields: { runId: string; errors: { code: string }[] }; message: string }[] = [];
      const log = { warn: (fields: unknown, message?: string) => void logged.push({ fields: fields as (typeof logged)[number]['fields'], message: message ?? '' }) };
      const limits = importLimits({ limits: { allowPrivate: true, maxResponseBytes: 64 * 1024, requestTimeoutMs: 400 } });
      for (const [misbehave, reason] of [[() => (ecd.paddingBytes = 200 * 1024), 'too_large'], [() => (ecd.redirectTo = `${ecd.url}/elsewhere`), 'redirect'], [() => (ecd.delayMs = 1500), 'timeout']] as const) {
        misbehave();
        try {
          await limited.db.updateTable('fhir_import_source').set({ next_run_at: new Date(0) }).execute();
          expect(await sweepImports(limited.deps, limits, new Date(), log)).toBe(1);
        } finally {
          Object.assign(ecd, { paddingBytes: 0, redirectTo: undefined, delayMs: 0 });
        }
        const run = (await limitedAdmin.get('/api/fhir-import')).json<{ runs: (Run & { id: string })[] }>().runs[0]!;
        expect(run).toMatchObject({ status: 'failed', errors: [{ code: reason }] });
        expect(logged.at(-1)).toEqual({ message: 'FHIR import sync failed', fields: expect.objectContaining({ runId: run.id, errors: run.errors }) as unknown });
      }
      expect(logged).toHaveLength(3);
    });

    it('still syncs a source that behaves', async () => {
      const response = await limitedAdmin.post('/api/fhir-import/run');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<Run>()).toMatchObject({ status: 'ok', created: 3 });
    });
  });
});
