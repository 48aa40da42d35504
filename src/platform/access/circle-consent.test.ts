import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, staffContext, validClient, type World } from '../../../test/support/world.js';
import { authorizeClients, recordConsent, withdrawConsent, type AccessRequest, type CitizenContext, type ClientAccessLevel, type StaffContext } from './index.js';

let t: TestApp;
let world: World;
let registrar: StaffContext;

const request = (level: ClientAccessLevel): AccessRequest => ({ level, action: 'read', resource: 'client', sharingPurpose: 'care_network' });
const decide = async (ctx: CitizenContext | StaffContext, clientId: string, level: ClientAccessLevel) => (await authorizeClients(t.db, ctx, [clientId], request(level))).get(clientId);

async function newClient(familyName: string): Promise<string> {
  const session = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], `reg-${familyName}`));
  return (await session.post('/api/clients', validClient({ familyName }))).json<{ id: string }>().id;
}

let citizenCounter = 0;
async function citizen(clientId: string, kind: CitizenContext['citizenKind'] = 'informal_caregiver'): Promise<CitizenContext> {
  const row = await t.db
    .insertInto('citizen')
    .values({ alliance_id: world.allianceId, email: `c${++citizenCounter}-${Date.now()}@test.example`, name: `Citizen ${citizenCounter}`, totp_secret_enc: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { actorKind: 'citizen', citizenKind: kind, clientId, actorId: row.id, actorName: `Citizen ${citizenCounter}`, organisationId: world.homeOrg, roles: [], allianceIds: [world.allianceId], allianceId: world.allianceId };
}

const given = { givenBy: 'the client', givenAt: new Date(Date.now() - 60_000), purpose: 'care_network' as const };

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  for (const organisationId of [world.homeOrg, world.partnerOrg]) {
    await t.db.insertInto('data_sharing_agreement').values({ alliance_id: world.allianceId, organisation_id: organisationId, purposes: ['care_network'], starts_on: '2020-01-01', signed_by: 'Director' }).execute();
  }
  registrar = staffContext(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'registrar'), ['coordinator'], world.allianceId);
});

describe('consent to a citizen member of the circle', () => {
  it('opens only the scopes it names, and the person’s name with them, never the key safe or the record', async () => {
    const clientId = await newClient('Scoped');
    const neighbour = await citizen(clientId);
    expect(await decide(neighbour, clientId, 'circle_tasks')).toBeUndefined();
    const consentId = await recordConsent(t.db, registrar, { clientId, granteeCitizenId: neighbour.actorId, levels: ['circle_tasks'], ...given });
    expect(await decide(neighbour, clientId, 'circle_tasks')).toMatchObject({ basis: 'consent', grantId: consentId });
    expect((await decide(neighbour, clientId, 'identification'))?.basis).toBe('consent');
    for (const level of ['circle_plan', 'circle_contacts', 'night_summary', 'key_safe', 'record', 'change', 'circle_manage', 'audit_trail'] as const) {
      expect(await decide(neighbour, clientId, level), level).toBeUndefined();
    }
  });

  it('names the consent in the audit entry, and a refusal reads like an unknown person', async () => {
    const clientId = await newClient('Named');
    const daughter = await citizen(clientId);
    const consentId = await recordConsent(t.db, registrar, { clientId, granteeCitizenId: daughter.actorId, levels: ['circle_plan'], ...given });
    await decide(daughter, clientId, 'circle_plan');
    await decide(daughter, clientId, 'circle_messages');
    const entries = await t.db.selectFrom('audit_log').select(['grant_id', 'purpose', 'outcome', 'role', 'organisation_id']).where('user_id', '=', daughter.actorId).orderBy('id').execute();
    expect(entries).toEqual([
      { grant_id: consentId, purpose: 'consent', outcome: 'allowed', role: 'citizen', organisation_id: null },
      { grant_id: null, purpose: null, outcome: 'refused', role: 'citizen', organisation_id: null },
    ]);
  });

  it('is cut by withdrawal within a second', async () => {
    const clientId = await newClient('Withdrawn');
    const neighbour = await citizen(clientId);
    const consentId = await recordConsent(t.db, registrar, { clientId, granteeCitizenId: neighbour.actorId, levels: ['circle_tasks'], ...given });
    expect(await decide(neighbour, clientId, 'circle_tasks')).toBeDefined();
    const withdrawnAt = Date.now();
    await withdrawConsent(t.db, registrar, clientId, consentId);
    expect(await decide(neighbour, clientId, 'circle_tasks')).toBeUndefined();
    expect(Date.now() - withdrawnAt).toBeLessThan(1000);
  });

  it('ends by itself at the end of its period, and opens nothing for another client or purpose', async () => {
    const clientId = await newClient('Period');
    const other = await newClient('Other');
    const neighbour = await citizen(clientId);
    await recordConsent(t.db, registrar, { clientId, granteeCitizenId: neighbour.actorId, levels: ['circle_tasks'], ...given, endsAt: new Date(Date.now() - 1000) });
    expect(await decide(neighbour, clientId, 'circle_tasks')).toBeUndefined();
    await recordConsent(t.db, registrar, { clientId: other, granteeCitizenId: neighbour.actorId, levels: ['circle_tasks'], ...given });
    // The citizen's context is for one client: a consent for another opens nothing here.
    expect(await decide(neighbour, other, 'circle_tasks')).toBeUndefined();
    const forOther = { ...neighbour, clientId: other };
    expect(await decide(forOther, other, 'circle_tasks')).toBeDefined();
    expect((await authorizeClients(t.db, forOther, [other], { ...request('circle_tasks'), sharingPurpose: 'nightcare' })).get(other)).toBeUndefined();
  });
});

describe('the person and their representative', () => {
  it('open their own circle and who looked at their data, but not the key safe', async () => {
    const clientId = await newClient('Self');
    const person = await citizen(clientId, 'client');
    expect(await decide(person, clientId, 'circle_manage')).toBeUndefined();
    await t.db.insertInto('client_citizen_link').values({ alliance_id: world.allianceId, client_id: clientId, citizen_id: person.actorId, relation: 'self' }).execute();
    expect((await decide(person, clientId, 'circle_manage'))?.basis).toBe('person');
    expect((await decide(person, clientId, 'audit_trail'))?.basis).toBe('person');
    expect(await decide(person, clientId, 'key_safe')).toBeUndefined();
    expect(await decide({ ...person, clientId: await newClient('NotMine') }, clientId, 'circle_plan')).toBeUndefined();
  });

  it('ends with the link', async () => {
    const clientId = await newClient('Represented');
    const representative = await citizen(clientId);
    const link = await t.db.insertInto('client_citizen_link').values({ alliance_id: world.allianceId, client_id: clientId, citizen_id: representative.actorId, relation: 'representative' }).returning('id').executeTakeFirstOrThrow();
    expect((await decide(representative, clientId, 'circle_plan'))?.basis).toBe('representative');
    await t.db.updateTable('client_citizen_link').set({ ended_at: new Date() }).where('id', '=', link.id).execute();
    expect(await decide(representative, clientId, 'circle_plan')).toBeUndefined();
  });

  it('record and withdraw consent themselves', async () => {
    const clientId = await newClient('Recorder');
    const person = await citizen(clientId, 'client');
    const neighbour = await citizen(clientId);
    const consent = { clientId, granteeCitizenId: neighbour.actorId, levels: ['circle_tasks' as const], ...given };
    await expect(recordConsent(t.db, person, consent)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.db.insertInto('client_citizen_link').values({ alliance_id: world.allianceId, client_id: clientId, citizen_id: person.actorId, relation: 'self' }).execute();
    const consentId = await recordConsent(t.db, person, consent);
    expect(await t.db.selectFrom('client_consent').select(['recorded_by', 'recorded_by_citizen_id']).where('id', '=', consentId).executeTakeFirstOrThrow()).toEqual({ recorded_by: null, recorded_by_citizen_id: person.actorId });
    await expect(recordConsent(t.db, neighbour, { ...consent, granteeCitizenId: neighbour.actorId, levels: ['circle_plan'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await withdrawConsent(t.db, person, clientId, consentId);
    expect(await decide(neighbour, clientId, 'circle_tasks')).toBeUndefined();
  });
});

describe('an organisation in the circle', () => {
  it('sees the scopes consented to its organisation, through staff whose role would open them at home', async () => {
    const clientId = await newClient('Formal');
    const nurse = staffContext(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'district'), ['nurse'], world.allianceId);
    const outsider = staffContext(await addUser(t.db, t.deps.secretBox, world.outsiderOrg, ['nurse'], 'outsider'), ['nurse'], world.allianceId);
    const consentId = await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.partnerOrg, levels: ['circle_plan', 'circle_tasks'], ...given });
    expect(await decide(nurse, clientId, 'circle_tasks')).toMatchObject({ basis: 'consent', grantId: consentId });
    expect(await decide(nurse, clientId, 'circle_contacts')).toBeUndefined();
    expect(await decide(nurse, clientId, 'circle_manage')).toBeUndefined();
    // Without an agreement for the care network, a consent to the organisation opens nothing.
    await recordConsent(t.db, registrar, { clientId, granteeOrganisationId: world.outsiderOrg, levels: ['circle_tasks'], ...given });
    expect(await decide(outsider, clientId, 'circle_tasks')).toBeUndefined();
  });
});
