import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, staffContext, validClient, type World } from '../../../test/support/world.js';
import { auditActionSchema, auditResourceSchema } from '../audit/index.js';
import { authorizeClients, recordConsent, withdrawConsent, type AccessContext, type AccessRequest, type StaffContext } from './index.js';

let t: TestApp;
let world: World;
let registrar: StaffContext;
let partnerNurse: StaffContext;
let client: string;

const staff = (user: { id: string }, organisationId: string, roles: StaffContext['roles']): StaffContext => staffContext({ id: user.id, organisationId }, roles, world.allianceId);
const summary: AccessRequest = { level: 'night_summary', action: 'read', resource: 'night_summary' };
const basisOf = async (ctx: AccessContext, request: AccessRequest, clientId = client) => (await authorizeClients(t.db, ctx, [clientId], request)).get(clientId)?.basis;
const given = { givenBy: 'the client', givenAt: new Date(Date.now() - 60_000) };

const respiteAgreement = (organisationId: string) =>
  t.db.insertInto('data_sharing_agreement').values({ alliance_id: world.allianceId, organisation_id: organisationId, purposes: ['respite'], starts_on: '2020-01-01', signed_by: 'Director' }).execute();

async function newClient(familyName: string): Promise<string> {
  const session = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], `reg-${familyName}`));
  return (await session.post('/api/clients', validClient({ familyName }))).json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  registrar = staff(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'registrar'), world.homeOrg, ['coordinator']);
  partnerNurse = staff(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'partner-nurse'), world.partnerOrg, ['nurse']);
  client = await newClient('Consenter');
});

describe('recorded consent, the third basis', () => {
  it('opens the levels it names to the named organisation until it is withdrawn', async () => {
    expect(await basisOf(partnerNurse, summary)).toBeUndefined();
    const consentId = await recordConsent(t.db, registrar, { clientId: client, granteeOrganisationId: world.partnerOrg, purpose: 'nightcare', levels: ['night_summary'], ...given });
    expect(await basisOf(partnerNurse, summary)).toBe('consent');
    expect(await basisOf(partnerNurse, { level: 'record', action: 'read', resource: 'client' })).toBeUndefined();
    expect(await basisOf(partnerNurse, { level: 'key_safe', action: 'reveal', resource: 'key_safe' })).toBeUndefined();
    const entries = await t.db.selectFrom('audit_log').select(['purpose', 'outcome']).where('user_id', '=', partnerNurse.actorId).where('client_id', '=', client).where('resource', '=', 'night_summary').orderBy('id').execute();
    expect(entries).toEqual([{ purpose: null, outcome: 'refused' }, { purpose: 'consent', outcome: 'allowed' }]);
    await withdrawConsent(t.db, registrar, client, consentId);
    expect(await basisOf(partnerNurse, summary)).toBeUndefined();
    await expect(withdrawConsent(t.db, registrar, client, consentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('opens nothing to another organisation, to an organisation without an agreement, or to a colleague of the one person it names', async () => {
    const clientId = await newClient('Personal');
    const named = staff(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'named'), world.partnerOrg, ['nurse']);
    const outsider = staff(await addUser(t.db, t.deps.secretBox, world.outsiderOrg, ['nurse'], 'outsider'), world.outsiderOrg, ['nurse']);
    await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.partnerOrg, granteeUserId: named.actorId, purpose: 'nightcare', levels: ['night_summary'], ...given });
    await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.outsiderOrg, purpose: 'nightcare', levels: ['night_summary'], ...given });
    expect(await basisOf(named, summary, clientId)).toBe('consent');
    expect(await basisOf(partnerNurse, summary, clientId)).toBeUndefined();
    expect(await basisOf(outsider, summary, clientId)).toBeUndefined();
  });

  it('yields to an objection', async () => {
    const clientId = await newClient('Objecting');
    await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.partnerOrg, purpose: 'nightcare', levels: ['night_summary'], ...given });
    await t.db.updateTable('client').set({ objected_at: new Date() }).where('id', '=', clientId).execute();
    expect(await basisOf(partnerNurse, summary, clientId)).toBeUndefined();
  });

  it('is recorded only by the client’s own organisation, and only for an organisation of the client’s alliance', async () => {
    const partnerCoordinator = staff(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'partner-coord'), world.partnerOrg, ['coordinator']);
    await expect(recordConsent(t.db, partnerCoordinator, { clientId: client, granteeOrganisationId: world.partnerOrg, purpose: 'nightcare', levels: ['record'], ...given })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stranger = await createWorld(t.db);
    await expect(recordConsent(t.db, registrar, { clientId: client, granteeOrganisationId: stranger.homeOrg, purpose: 'nightcare', levels: ['record'], ...given })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.db.selectFrom('client_consent').select('id').where('grantee_organisation_id', 'in', [stranger.homeOrg, world.partnerOrg]).where('client_id', '=', client).where(sql<boolean>`levels @> ARRAY['record']`).execute()).toEqual([]);
  });
});

describe('the sharing purpose is a parameter', () => {
  it('opens a consent only for its own purpose, and only where both organisations’ agreements cover that purpose', async () => {
    const clientId = await newClient('Respite');
    await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.partnerOrg, purpose: 'respite', levels: ['night_summary'], ...given });
    const respite: AccessRequest = { ...summary, sharingPurpose: 'respite' };
    expect(await basisOf(partnerNurse, summary, clientId)).toBeUndefined();
    // The world's agreements cover night care only.
    expect(await basisOf(partnerNurse, respite, clientId)).toBeUndefined();
    await respiteAgreement(world.homeOrg);
    expect(await basisOf(partnerNurse, respite, clientId)).toBeUndefined();
    await respiteAgreement(world.partnerOrg);
    expect(await basisOf(partnerNurse, respite, clientId)).toBe('consent');
    expect(await basisOf(partnerNurse, summary, clientId)).toBeUndefined();
  });
});

describe('actor kinds the decision does not handle yet', () => {
  it('refuses a citizen, and a machine acting for a person without its bound grant, even for a client of their own organisation with a consent naming it, and audits the refusal', async () => {
    const clientId = await newClient('Citizen');
    await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.homeOrg, purpose: 'nightcare', levels: ['identification', 'night_summary', 'record'], ...given });
    const base = { actorName: 'reserved', organisationId: world.homeOrg, roles: ['coordinator' as const], allianceIds: [world.allianceId], allianceId: world.allianceId };
    const citizen: AccessContext = { ...base, actorKind: 'citizen', actorId: registrar.actorId, citizenKind: 'informal_caregiver', clientId };
    const machine: AccessContext = { ...base, actorKind: 'machine_for_person', actorId: registrar.actorId, onBehalfOf: { name: 'A. Nurse', identifier: 'uzi:1' }, personUserId: registrar.actorId, grantId: '00000000-0000-4000-8000-000000000000', credentialExpiresAt: new Date(Date.now() + 60_000) };
    for (const ctx of [citizen, machine]) {
      for (const level of ['identification', 'night_summary', 'record'] as const) {
        expect(await basisOf(ctx, { level, action: 'read', resource: 'client' }, clientId), `${ctx.actorKind} ${level}`).toBeUndefined();
      }
    }
    expect(await basisOf(registrar, { level: 'record', action: 'read', resource: 'client' }, clientId)).toBe('own_organisation');
    const refusals = await t.db.selectFrom('audit_log').select('outcome').where('client_id', '=', clientId).where('user_name', '=', 'reserved').execute();
    expect(refusals).toHaveLength(6);
    expect(refusals.every((r) => r.outcome === 'refused')).toBe(true);
  });
});

describe('the audit vocabulary is closed', () => {
  it('accepts the listed words and a refused route, and refuses any other', () => {
    expect(auditActionSchema.parse('reveal')).toBe('reveal');
    expect(() => auditActionSchema.parse('view')).toThrow();
    expect(auditResourceSchema.parse('night_summary')).toBe('night_summary');
    expect(auditResourceSchema.parse('/api/clients/:id/key-safe/reveal')).toBe('/api/clients/:id/key-safe/reveal');
    expect(() => auditResourceSchema.parse('nightSummary')).toThrow();
  });

  it('refuses an audit filter with an action outside the vocabulary', async () => {
    const admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'auditor'));
    expect((await admin.get('/api/audit?action=read')).statusCode).toBe(200);
    expect((await admin.get('/api/audit?action=view')).statusCode).toBe(400);
  });
});
