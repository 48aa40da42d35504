import { Kysely, PostgresDialect } from 'kysely';
import { auditKeysFrom, withAuditKeys } from '../../src/platform/audit/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamMember } from '../../src/modules/alliance/index.js';
import { searchIdentificationIndex } from '../../src/modules/clients/index.js';
import { authorizeClients, requestEmergencyAccess, type AccessContext } from '../../src/platform/access/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { login, startTestApp, type TestApp } from '../support/app.js';
import { addUser, createWorld, openNightShift, staffContext, validClient, type World } from '../support/world.js';

/**
 * The SQL that decides who sees a client, as snapshots: a change to these statements (a filter
 * dropped, a join widened) shows in review as a changed snapshot file, not only as a passing test.
 * Statements are sorted, since independent reads of one decision may finish in any order.
 */

let t: TestApp;
let world: World;
let logged: Kysely<Database>;
const statements: string[] = [];
let clientId: string;

const ctxOf = (user: { id: string; organisationId: string }, roles: AccessContext['roles']): AccessContext => staffContext(user, roles, world.allianceId);

async function sqlOf(run: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await run();
  return [...statements].sort();
}

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  await openNightShift(t.db, world.allianceId);
  const statementLog = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 2 }) }),
    log: (event) => void (event.level === 'query' && statements.push(event.query.sql)),
  });
  logged = withAuditKeys(statementLog, auditKeysFrom(t.deps.secretBox));
  const registrar = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'registrar'));
  clientId = (await registrar.post('/api/clients', validClient({ familyName: 'Snapshot' }))).json<{ id: string }>().id;
});

afterAll(async () => {
  await logged.destroy();
});

describe('the statements that decide who sees a client', () => {
  it('for the home organisation reading the record', async () => {
    const coordinator = ctxOf(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'home'), ['coordinator']);
    const sql = await sqlOf(() => authorizeClients(logged, coordinator, [clientId], { level: 'record', action: 'read', resource: 'client' }));
    expect(sql).toMatchSnapshot();
  });

  it("for another organisation's nurse reading the night summary", async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'partner'), ['nurse']);
    const sql = await sqlOf(() => authorizeClients(logged, nurse, [clientId], { level: 'night_summary', action: 'read', resource: 'night_summary' }));
    expect(sql).toMatchSnapshot();
  });

  it('for break-the-glass by a night nurse on duty', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'glass');
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
    const sql = await sqlOf(() => requestEmergencyAccess(logged, ctxOf(user, ['nurse']), clientId, 'Fall alarm, the client does not answer'));
    expect(sql).toMatchSnapshot();
  });

  it('for the night coordinator searching the identification index', async () => {
    const user = await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'night-coordinator');
    await addTeamMember(t.db, { allianceId: world.allianceId, teamName: 'Night team', userId: user.id, organisationId: world.partnerOrg });
    const criteria = { familyName: 'Snapshot', dateOfBirth: validClient().dateOfBirth };
    const request = { allianceId: world.allianceId, purpose: 'phone_call' as const, callerPhone: '+31612345678', criteria };
    let found: string[] = [];
    const sql = await sqlOf(async () => {
      found = (await searchIdentificationIndex({ ...t.deps, db: logged }, ctxOf(user, ['coordinator']), request)).items.map((c) => c.id);
    });
    expect(found).toEqual([clientId]);
    expect(sql).toMatchSnapshot();
  });
});
