import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessContext, ClientPermit } from '../../platform/access/index.js';
import { userContext } from '../../platform/auth/index.js';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, SETUP, type World } from '../../../test/support/world.js';
import { createAgreement, createOrganisation, createStaff } from './index.js';

/** The administrative create functions check their caller themselves, not only their routes. */

let t: TestApp;
let world: World;
let other: World;
const ctx: Record<string, AccessContext> = {};

const contextOf = async (organisationId: string, roles: Parameters<typeof addUser>[3], label: string) => {
  const user = await addUser(t.db, t.deps.secretBox, organisationId, roles, label);
  const context = await userContext(t.db, user.id, organisationId);
  if (!context) throw new Error('no context');
  return context;
};

const organisation = (allianceId: string) => ({ allianceId, name: 'New partner', kind: 'care_provider' as const });
const agreement = (allianceId: string, organisationId: string) => ({ allianceId, organisationId, purposes: ['nightcare' as const], startsOn: '2026-01-01', signedBy: 'Director' });
const staff = (roles: Parameters<typeof addUser>[3]) => ({ email: `new-${crypto.randomUUID()}@test.example`, name: 'New staff', password: 'a-long-enough-password', roles });

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  other = await createWorld(t.db);
  ctx.allianceAdmin = await contextOf(world.homeOrg, ['alliance_admin'], 'aadmin');
  ctx.otherAllianceAdmin = await contextOf(other.homeOrg, ['alliance_admin'], 'oadmin');
  ctx.homeAdmin = await contextOf(world.homeOrg, ['organisation_admin'], 'hadmin');
  ctx.coordinator = await contextOf(world.homeOrg, ['coordinator'], 'coord');
});

describe('createOrganisation and createAgreement', () => {
  it('let an alliance administrator of that alliance, and the bootstrap, create them', async () => {
    const byAdmin = await createOrganisation(t.db, ctx.allianceAdmin!, organisation(world.allianceId));
    expect(await createAgreement(t.db, ctx.allianceAdmin!, agreement(world.allianceId, byAdmin))).toEqual(expect.any(String));
    const byBootstrap = await createOrganisation(t.db, SETUP, organisation(world.allianceId));
    expect(await createAgreement(t.db, SETUP, agreement(world.allianceId, byBootstrap))).toEqual(expect.any(String));
  });

  it('refuse an organisation administrator, a coordinator and an alliance administrator of another alliance', async () => {
    for (const who of ['homeAdmin', 'coordinator', 'otherAllianceAdmin']) {
      await expect(createOrganisation(t.db, ctx[who]!, organisation(world.allianceId)), who).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createAgreement(t.db, ctx[who]!, agreement(world.allianceId, world.outsiderOrg)), who).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const agreements = await t.db.selectFrom('data_sharing_agreement').select('id').where('organisation_id', '=', world.outsiderOrg).execute();
    expect(agreements).toEqual([]);
  });
});

describe('createStaff', () => {
  it('lets an administrator add staff to their own organisation only', async () => {
    expect(await createStaff(t.db, ctx.homeAdmin!, world.homeOrg, staff(['nurse']))).toEqual(expect.any(String));
    await expect(createStaff(t.db, ctx.homeAdmin!, world.partnerOrg, staff(['nurse']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createStaff(t.db, ctx.coordinator!, world.homeOrg, staff(['nurse']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('leaves the alliance administrator role to alliance administrators', async () => {
    await expect(createStaff(t.db, ctx.homeAdmin!, world.homeOrg, staff(['alliance_admin']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await createStaff(t.db, ctx.allianceAdmin!, world.homeOrg, staff(['alliance_admin']))).toEqual(expect.any(String));
  });

  it('refuses a machine (API key) context', async () => {
    const machine: AccessContext = { ...ctx.homeAdmin!, actorKind: 'api_key' };
    await expect(createStaff(t.db, machine, world.homeOrg, staff(['nurse']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers the same refusals over HTTP', async () => {
    const coordinator = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'httpcoord'));
    expect((await coordinator.post('/api/organisations', organisation(world.allianceId))).statusCode).toBe(403);
    const admin = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['organisation_admin'], 'httpadmin'));
    expect((await admin.post('/api/staff', staff(['alliance_admin']))).statusCode).toBe(403);
    expect((await admin.post('/api/staff', staff(['nurse']))).statusCode).toBe(201);
  });
});

describe('the client permit', () => {
  it('cannot be made by hand outside platform/access', () => {
    // @ts-expect-error A ClientPermit carries a brand only platform/access can give it.
    const forged: ClientPermit = { clientId: 'x', allianceId: 'x', clientOrganisationId: 'x', basis: 'own_organisation', grantId: null };
    expect(forged.clientId).toBe('x');
  });
});
