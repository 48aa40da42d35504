import { Kysely, PostgresDialect } from 'kysely';
import { auditKeysFrom, withAuditKeys } from '../audit/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../../../test/support/app.js';
import { addUser, createWorld, staffContext, validClient, type World } from '../../../test/support/world.js';
import type { Database } from '../db/index.js';
import { authorizeClients, readClientAudited, readClientsAudited, requestEmergencyAccess, withClientAccess, type AccessContext, type ClientRowsQuery } from './index.js';

/**
 * A refusal must not tell whether the client exists, not even by its timing: refusing an existing
 * client and an unknown id issue the same statements. Counted through Kysely's log hook, not timed.
 */

let t: TestApp;
let world: World;
let logged: Kysely<Database>;
let pool: pg.Pool;
const statements: string[] = [];
const clients: Record<string, string> = {};
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const ctxOf = (user: { id: string; organisationId: string }, roles: AccessContext['roles']): AccessContext => staffContext(user, roles, world.allianceId);

/** The statements (SQL text, parameters left out) that `run` sends to the database. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await run().catch(() => undefined);
  return [...statements];
}

beforeAll(async () => {
  t = await startTestApp();
  world = await createWorld(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const statementLog = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void (event.level === 'query' && statements.push(event.query.sql)) });
  logged = withAuditKeys(statementLog, auditKeysFrom(t.deps.secretBox));
  const registrar = await login(t.app, await addUser(t.db, t.deps.secretBox, world.homeOrg, ['coordinator'], 'registrar'));
  clients.shared = (await registrar.post('/api/clients', validClient())).json<{ id: string }>().id;
  clients.objected = (await registrar.post('/api/clients', validClient({ familyName: 'Objector' }))).json<{ id: string }>().id;
  await registrar.post(`/api/clients/${clients.objected}/objection`, { objected: true });
});

afterAll(async () => {
  await logged.destroy();
});

/** A store's rows for readClientAudited: the clients' family names. */
const names: ClientRowsQuery<{ id: string; family_name: string }> = (creator, ids) => creator.selectFrom('client').select(['id', 'family_name']).where('id', 'in', ids);

describe('an allowed read costs two statements', () => {
  it("reads a home organisation's client in the access facts' statement and one that writes the audit entry and returns the row", async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'two-statements'), ['nurse']);
    let row: { family_name: string } | undefined;
    const sent = await statementsOf(async () => {
      row = await readClientAudited(logged, nurse, clients.shared!, { level: 'record', action: 'read', resource: 'client' }, names, (r) => r);
    });
    expect(row?.family_name).toBe(validClient().familyName);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/^with "audit_entries_written" as \(insert into "audit_log" [\s\S]*\) select "id", "family_name" from "client"/);
    const entry = await t.db.selectFrom('audit_log').select(['outcome', 'resource']).where('user_id', '=', nurse.actorId).executeTakeFirstOrThrow();
    expect(entry).toEqual({ outcome: 'allowed', resource: 'client' });
  });
});

describe('reading several clients at once', () => {
  const request = { level: 'record', action: 'read', resource: 'client' } as const;

  it('returns only the rows the caller may see and writes an entry for every client asked, in the statement that returns the rows', async () => {
    const partnerRegistrar = await login(t.app, await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['coordinator'], 'partner-registrar'));
    const foreign = (await partnerRegistrar.post('/api/clients', validClient({ familyName: 'Elsewhere' }))).json<{ id: string }>().id;
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'several'), ['nurse']);
    let answer = new Map<string, string>();
    const sent = await statementsOf(async () => {
      answer = await readClientsAudited(logged, nurse, [clients.shared!, foreign, UNKNOWN], request, names, (row) => row.family_name);
    });
    expect([...answer.entries()]).toEqual([[clients.shared, validClient().familyName]]);
    // The clients' facts, the caller's (a client of another organisation is asked), then the entries with the rows.
    expect(sent).toHaveLength(3);
    expect(sent[2]).toMatch(/^with "audit_entries_written" as \(insert into "audit_log" [\s\S]*\) select "id", "family_name" from "client"/);
    const entries = await t.db.selectFrom('audit_log').select(['client_id', 'outcome']).where('user_id', '=', nurse.actorId).execute();
    const named = entries.map((e) => `${e.client_id === clients.shared ? 'shared' : e.client_id === foreign ? 'foreign' : e.client_id}:${e.outcome}`);
    expect(named.sort()).toEqual(['foreign:refused', 'shared:allowed', `${UNKNOWN}:refused`].sort());
  });

  it('shares its two statements with the other reads in flight', async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['nurse'], 'in-flight'), ['nurse']);
    const read = () => readClientsAudited(logged, nurse, [clients.shared!], request, names, (row) => row.family_name);
    let answers: Map<string, string>[] = [];
    const sent = await statementsOf(async () => {
      answers = await Promise.all([read(), read(), read()]);
    });
    expect(answers.map((a) => a.get(clients.shared!))).toEqual(Array(3).fill(validClient().familyName));
    expect(sent).toHaveLength(2);
    const entries = await t.db.selectFrom('audit_log').select('outcome').where('user_id', '=', nurse.actorId).execute();
    expect(entries.map((e) => e.outcome)).toEqual(['allowed', 'allowed', 'allowed']);
  });
});

describe('a refusal costs what an unknown id costs', () => {
  it('issues the same statements for an existing client of another organisation as for an unknown id', async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'nurse'), ['nurse']);
    const request = { level: 'night_summary', action: 'read', resource: 'night_summary' } as const;
    const decide = (id: string) => () => authorizeClients(logged, nurse, [id], request);
    const unknown = await statementsOf(decide(UNKNOWN));
    expect(unknown.length).toBeGreaterThanOrEqual(3);
    expect(await statementsOf(decide(clients.shared!))).toEqual(unknown);
    expect(await statementsOf(decide(clients.objected!))).toEqual(unknown);
  });

  it('issues the same statements on the batched read path, which answers both with "not found"', async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'batched'), ['nurse']);
    const read = (id: string) => () => withClientAccess(logged, nurse, id, { level: 'record', action: 'read', resource: 'client' }, () => Promise.resolve('read'));
    await expect(read(clients.shared!)()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const unknown = await statementsOf(read(UNKNOWN));
    expect(await statementsOf(read(clients.shared!))).toEqual(unknown);
  });

  it('issues the same statements on the audited record read, which answers both with "not found"', async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'audited'), ['nurse']);
    const read = (id: string) => () => readClientAudited(logged, nurse, id, { level: 'record', action: 'read', resource: 'client' }, names, (row) => row);
    await expect(read(clients.shared!)()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const unknown = await statementsOf(read(UNKNOWN));
    expect(await statementsOf(read(clients.shared!))).toEqual(unknown);
    expect(unknown.some((text) => /from "client"(?! inner join "alliance")/.test(text))).toBe(false);
  });

  it('issues the same statements for a role of the home organisation that may not read as for an unknown id', async () => {
    const network = ctxOf(await addUser(t.db, t.deps.secretBox, world.homeOrg, ['network_coordinator'], 'network'), ['network_coordinator']);
    const decide = (id: string) => () => authorizeClients(logged, network, [id], { level: 'record', action: 'read', resource: 'client' });
    expect(await statementsOf(decide(clients.shared!))).toEqual(await statementsOf(decide(UNKNOWN)));
  });

  it('refuses break-the-glass to an existing client with the same statements as to an unknown id', async () => {
    const nurse = ctxOf(await addUser(t.db, t.deps.secretBox, world.partnerOrg, ['nurse'], 'glass'), ['nurse']);
    const glass = (id: string) => () => requestEmergencyAccess(logged, nurse, id, 'Alarm without assignment, client unresponsive');
    await expect(glass(clients.shared!)()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const unknown = await statementsOf(glass(UNKNOWN));
    expect(await statementsOf(glass(clients.shared!))).toEqual(unknown);
  });
});
