import { beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, staffContext, validClient, type World } from '../../../test/support/world.js';
import { authorizeClients, grantAssignmentAccess, grantStayAccess, type AccessRequest, type SharingPurpose, type StaffContext } from './index.js';

let t: TestApp;
let world: World;
let partnerNurse: StaffContext;

const identification = (sharingPurpose: SharingPurpose): AccessRequest => ({ level: 'identification', action: 'read', resource: 'client', sharingPurpose });
const basisOf = async (clientId: string, sharingPurpose: SharingPurpose) => (await authorizeClients(t.db, partnerNurse, [clientId], identification(sharingPurpose))).get(clientId)?.basis;

async function newClient(familyName: string): Promise<string> {
  const session = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], `home-${familyName}`));
  return (await session.post('/api/clients', validClient({ familyName }))).json<{ id: string }>().id;
}

const grant = (clientId: string, reference: string) => ({
  allianceId: world.allianceId,
  clientId,
  userId: partnerNurse.actorId,
  organisationId: world.partnerOrg,
  reference,
  expiresAt: new Date(Date.now() + 3600_000),
});

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  // Both organisations share for night care (the world's agreements) and for respite, so only the grant's purpose decides.
  for (const organisationId of [world.homeOrg, world.partnerOrg]) {
    await t.db.insertInto('data_sharing_agreement').values({ alliance_id: world.allianceId, organisation_id: organisationId, purposes: ['respite'], starts_on: '2020-01-01', signed_by: 'Director' }).execute();
  }
  partnerNurse = staffContext({ id: (await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'partner-nurse')).id, organisationId: world.partnerOrg }, ['nurse'], world.allianceId);
});

describe('a grant opens only what is asked for its own purpose', () => {
  it('lets a night-care assignment identify the client for night care, not for respite', async () => {
    const clientId = await newClient('Nachtzorg');
    await grantAssignmentAccess(t.db, grant(clientId, 'incident:purpose-test'));
    expect(await basisOf(clientId, 'nightcare')).toBe('assignment');
    expect(await basisOf(clientId, 'respite')).toBeUndefined();
  });

  it('lets a respite stay identify the person for respite, not for night care', async () => {
    const clientId = await newClient('Logeer');
    await grantStayAccess(t.db, grant(clientId, 'stay:purpose-test'));
    expect(await basisOf(clientId, 'respite')).toBe('stay');
    expect(await basisOf(clientId, 'nightcare')).toBeUndefined();
  });

  it('stores the purpose on the grant, and the database refuses one outside the list', async () => {
    const clientId = await newClient('Opgeslagen');
    const id = await grantStayAccess(t.db, grant(clientId, 'stay:stored'));
    expect((await t.db.selectFrom('access_grant').select('purpose').where('id', '=', id).executeTakeFirstOrThrow()).purpose).toBe('respite');
    await expect(t.db.updateTable('access_grant').set({ purpose: 'marketing' as 'respite' }).where('id', '=', id).execute()).rejects.toThrow(/access_grant_purpose_check/);
  });
});
