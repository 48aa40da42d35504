import { beforeAll, describe, expect, it } from 'vitest';
import { grantAssignmentAccess } from '../../platform/access/index.js';
import { login, startTestApp, type Session, type TestApp } from '../../../test/support/app.js';
import { validateR4 } from '../../../test/support/fhir.js';
import { addUser, createWorld, validClient, type World } from '../../../test/support/world.js';

let t: TestApp;
let world: World;
let clientId: string;
let nurse: Session;
let admin: Session;

interface Bundle {
  resourceType: 'Bundle';
  entry: { resource: { resourceType: string; id: string } & Record<string, unknown> }[];
}

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  const coordinator = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'coordinator');
  const adminUser = await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'admin');
  const nurseUser = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'nurse');
  admin = await login(t.app, adminUser);
  nurse = await login(t.app, nurseUser);
  const created = await (await login(t.app, coordinator)).post(
    '/api/clients',
    validClient({ nightSummary: { risks: ['fall_risk', 'dementia', 'anticoagulants'], allergies: 'Penicillin, latex', medication: 'Metoprolol', wishes: 'No resuscitation', instructions: 'Hearing aid' } }),
  );
  clientId = created.json<{ id: string }>().id;
  // Two nights' incidents, one with its visit report: the assigned nurse's whole view of the client.
  for (const [status, hoursAgo] of [['completed', 30], ['on_site', 1]] as const) {
    const at = new Date(Date.now() - hoursAgo * 3600_000);
    const { id } = await t.db
      .insertInto('incident')
      .values({ alliance_id: world.allianceId, client_id: clientId, organisation_id: world.homeOrg, status, reason: 'fall', urgency: 'U2', received_at: at, on_site_at: at, closed_at: status === 'completed' ? new Date(at.getTime() + 3600_000) : null, outcome: status === 'completed' ? 'completed' : null, assigned_user_id: nurseUser.id, assigned_organisation_id: world.partnerOrg })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status === 'completed') {
      await t.db.insertInto('visit_report').values({ incident_id: id, actions: ['wound_care', 'reassured'], minutes_on_site: 35, follow_up_needed: true, follow_up: 'GP to check the wrist', notes: 'Found on the floor, helped up', written_by: nurseUser.id }).execute();
    }
  }
  await grantAssignmentAccess(t.db, { allianceId: world.allianceId, clientId, userId: nurseUser.id, organisationId: world.partnerOrg, reference: 'visit:validate', expiresAt: new Date(Date.now() + 3600_000) });
});

describe('every resource the FHIR API returns validates against the R4 base definitions', () => {
  it("walks the assigned nurse's view of a client's compartment and validates each resource", async () => {
    const seen: Record<string, number> = {};
    const check = (resource: { resourceType: string }) => {
      expect(() => validateR4(resource), JSON.stringify(resource)).not.toThrow();
      seen[resource.resourceType] = (seen[resource.resourceType] ?? 0) + 1;
    };
    const patient = await nurse.get(`/fhir/R4/Patient/${clientId}`);
    expect(patient.statusCode).toBe(200);
    check(patient.json());
    for (const type of ['Flag', 'AllergyIntolerance', 'Encounter', 'Observation']) {
      const bundle = await nurse.get(`/fhir/R4/${type}?patient=Patient/${clientId}`);
      expect(bundle.statusCode, type).toBe(200);
      check(bundle.json<Bundle>());
      for (const { resource } of bundle.json<Bundle>().entry) {
        check(resource);
        // Each found resource reads back by its id, identical.
        expect((await nurse.get(`/fhir/R4/${type}/${resource.id}`)).json(), `${type}/${resource.id}`).toEqual(resource);
      }
    }
    const organisation = await nurse.get(`/fhir/R4/Organization/${world.homeOrg}`);
    check(organisation.json());
    expect(seen).toEqual({ Patient: 1, Bundle: 4, Flag: 3, AllergyIntolerance: 1, Encounter: 2, Observation: 1, Organization: 1 });
  });

  it('validates the directory (with respite locations), the CapabilityStatement and an OperationOutcome', async () => {
    const capability = await admin.get('/fhir/R4/metadata');
    expect(() => validateR4(capability.json())).not.toThrow();
    expect(capability.json<{ rest: { resource: { type: string }[] }[] }>().rest[0]!.resource.map((r) => r.type)).toContain('Patient');
    await t.db
      .insertInto('respite_location')
      .values({ alliance_id: world.allianceId, organisation_id: world.homeOrg, name: 'Logeerhuis De Linde', offer_type: 'respite_house', description: 'Three rooms', street: 'Lindelaan 4', city: 'Assen', municipality: 'Assen', latitude: 52.99, longitude: 6.56, price_per_night_cents: 9500 })
      .execute();
    for (const type of ['Organization', 'Practitioner', 'PractitionerRole', 'Location']) {
      const bundle = (await admin.get(`/fhir/R4/${type}`)).json<Bundle>();
      expect(bundle.entry.length, type).toBeGreaterThan(0);
      for (const { resource } of bundle.entry) expect(() => validateR4(resource), JSON.stringify(resource)).not.toThrow();
    }
    const outcome: unknown = (await admin.get('/fhir/R4/Patient/not-a-client')).json();
    expect(() => validateR4(outcome)).not.toThrow();
  });

  it('refuses the staff directory to a nurse, as REST does', async () => {
    expect((await nurse.get('/api/staff')).statusCode).toBe(403);
    const fhir = await nurse.get('/fhir/R4/Practitioner');
    expect(fhir.statusCode).toBe(403);
    expect(fhir.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    const refusals = await t.db.selectFrom('audit_log').select(['resource', 'outcome']).where('resource', 'like', '/%').orderBy('id', 'desc').limit(2).execute();
    expect(refusals).toEqual([
      { resource: '/fhir/R4/:type', outcome: 'refused' },
      { resource: '/api/staff', outcome: 'refused' },
    ]);
  });
});
